"""Council decisions, funding sources and the position plan.

Money is ``Decimal`` with two places (exact cents); amounts are never negative (database
constraints). Budgets, commitments and payments build on these models.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.models import CodedModel
from teilhabe.geography.models import Borough
from teilhabe.organisations.models import Organisation

MONEY = {"max_digits": 14, "decimal_places": 2}


class FundingSourceKind(models.TextChoices):
    OWN_FUNDS = "own_funds", _("Own funds of the city")
    REFUND = "refund", _("Refunds")
    STATE_GRANT = "state_grant", _("Grant of the federal state")
    FEDERAL_GRANT = "federal_grant", _("Federal grant")
    EU_GRANT = "eu_grant", _("EU grant")
    OTHER = "other", _("Other")


class FundingSource(CodedModel):
    """Deckung: where the money comes from."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FundingSourceKind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilDecision(CodedModel):
    """Ratsbeschluss."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    body = models.CharField(_("decision-making body"), max_length=120, default="Rat der Stadt")
    decided_on = models.DateField(_("date of decision"))
    reference = models.CharField(
        _("reference number of the council paper"), max_length=60, blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["-decided_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.decided_on:%d.%m.%Y})"

    @property
    def total(self) -> Decimal:
        return sum((a.amount for a in self.amounts.all()), Decimal("0.00"))


class AmountKind(models.TextChoices):
    UNPLANNED_PROVISION = "unplanned_provision", _("Unplanned provision of funds (überplanmäßig)")
    PERSONNEL_BUDGET_INCREASE = "personnel_budget_increase", _("Increase of the personnel budget")
    PLANNED = "planned", _("Planned funds")
    OTHER = "other", _("Other")


class DecisionAmount(CodedModel):
    """An amount a council decision released, for one purpose, covered by one funding source."""

    decision = models.ForeignKey(
        CouncilDecision,
        on_delete=models.CASCADE,
        related_name="amounts",
        verbose_name=_("decision"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AmountKind.choices)
    purpose = models.CharField(_("purpose"), max_length=300)
    department = models.CharField(_("department"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="decision_amounts",
        verbose_name=_("covered by"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("amount of a decision")
        verbose_name_plural = _("amounts of decisions")
        ordering = ["decision", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="decision_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} €"


class PositionFunction(models.TextChoices):
    INTEGRATION_COORDINATOR = "integration_coordinator", _("Integration coordinator (borough team)")
    CENTRAL_COORDINATION = "central_coordination", _("Central coordination")
    HOUSING_SUPPORT = "housing_support", _("Housing support")
    ASYLUM_COUNSELLING = "asylum_counselling", _("Asylum-procedure counselling")
    VOLUNTEER_COORDINATION = "volunteer_coordination", _("Volunteer coordination")
    OTHER = "other", _("Other")


class Position(CodedModel):
    """Planstelle."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    function = models.CharField(_("function"), max_length=32, choices=PositionFunction.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("employing organisation"),
    )
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("borough"),
    )
    fte = models.DecimalField(
        _("full-time equivalent"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    pay_group = models.CharField(_("pay group"), max_length=40, blank=True)
    decision = models.ForeignKey(
        CouncilDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("funded by decision"),
    )
    budget_line = models.ForeignKey(
        "BudgetLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("funding budget line"),
    )

    class Meta:
        verbose_name = _("position (Planstelle)")
        verbose_name_plural = _("positions (Planstellen)")
        ordering = ["organisation__name", "function", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="position_fte_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


# --- Budgets --------------------------------------------------------------------------------


class FiscalYear(CodedModel):
    """Haushaltsjahr (calendar year). A closed year takes no new commitments or payments."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    is_closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class BudgetLineKind(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel budget of the department")
    WELFARE_POSITIONS = "welfare_positions", _("Grants to welfare associations for positions")
    INTEGRATION_BUDGET = "integration_budget", _("Integration budget of a Bezirksstelle")
    OTHER = "other", _("Other")


class BudgetLine(CodedModel):
    """Haushaltsansatz: a line of a fiscal year's budget, financed by one funding source.

    ``amount`` is the current budget (planned plus all changes), ``committed`` and ``paid`` are
    running totals kept by the services under a row lock. The database refuses any row where
    more is committed than budgeted (CHECK constraint), whatever code path writes.
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="lines", verbose_name=_("fiscal year")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=BudgetLineKind.choices)
    name = models.CharField(_("name"), max_length=200)
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("funding source"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("managed by"),
    )
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("borough"),
    )
    planned = models.DecimalField(_("originally planned (€)"), default=Decimal("0.00"), **MONEY)
    amount = models.DecimalField(_("current budget (€)"), default=Decimal("0.00"), **MONEY)
    committed = models.DecimalField(_("committed (€)"), default=Decimal("0.00"), **MONEY)
    paid = models.DecimalField(_("paid (€)"), default=Decimal("0.00"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["fiscal_year", "kind", "borough__number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(amount__gte=0) & Q(paid__gte=0),
                name="budget_line_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & Q(committed__lte=models.F("amount")),
                name="budget_line_never_overcommitted",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=models.F("committed")), name="budget_line_paid_le_committed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    @property
    def available(self) -> Decimal:
        return self.amount - self.committed


class BudgetChange(CodedModel):
    """A change of a budget line, traced to the decision that caused it
    (e.g. "überplanmäßige Bereitstellung")."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="changes", verbose_name=_("budget line")
    )
    decision_amount = models.ForeignKey(
        DecisionAmount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_changes",
        verbose_name=_("decided by"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AmountKind.choices)
    amount = models.DecimalField(_("change (€)"), **MONEY)
    changed_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budget change")
        verbose_name_plural = _("budget changes")
        ordering = ["line", "changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} €"


class Commitment(CodedModel):
    """Bewilligung / Zuwendungsbescheid against a budget line.

    ``amount`` is what is committed now (after cancellations), ``paid`` the net of payments
    and repayments. Both are kept by the services; the database refuses paying more than is
    committed.
    """

    number = models.CharField(_("file number"), max_length=40, unique=True)
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("line")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("recipient"),
    )
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("borough"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    committed_on = models.DateField(_("date of the commitment"))
    original_amount = models.DecimalField(_("amount committed originally (€)"), **MONEY)
    amount = models.DecimalField(_("amount committed (€)"), **MONEY)
    paid = models.DecimalField(_("paid (€)"), default=Decimal("0.00"), **MONEY)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set for the standard costs of a filled position (kept by
    # ``finance.services.position_commitment_sync``); one per position and budget line.
    position = models.ForeignKey(
        "Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("position (Planstelle)"),
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-committed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "line"],
                condition=Q(position__isnull=False),
                name="commitment_one_per_position_and_line",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(original_amount__gt=0) & Q(paid__gte=0),
                name="commitment_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=models.F("amount")), name="commitment_paid_le_amount"
            ),
            models.CheckConstraint(
                condition=Q(amount__lte=models.F("original_amount")),
                name="commitment_only_reduced",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.purpose}"

    @property
    def open_amount(self) -> Decimal:
        return self.amount - self.paid


class MovementKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REPAYMENT = "repayment", _("Repayment")
    CANCELLATION = "cancellation", _("Cancellation (commitment reduced)")


class Movement(CodedModel):
    """A payment, a repayment or a cancellation on a commitment (amount always positive)."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("commitment"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    booked_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment or cancellation")
        verbose_name_plural = _("payments and cancellations")
        ordering = ["booked_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="movement_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} €"


# --- Position plan --------------------------------------------------------------------------


class StandardCost(CodedModel):
    """Personalkostentabelle: annual cost of one full-time post in a pay group (editable data)."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.CASCADE,
        related_name="standard_costs",
        verbose_name=_("fiscal year"),
    )
    pay_group = models.CharField(_("pay group"), max_length=40)
    annual_cost = models.DecimalField(_("annual cost per full-time post (€)"), **MONEY)

    class Meta:
        verbose_name = _("standard cost")
        verbose_name_plural = _("standard costs")
        ordering = ["fiscal_year", "pay_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "pay_group"], name="standard_cost_unique"
            ),
            models.CheckConstraint(condition=Q(annual_cost__gte=0), name="standard_cost_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.pay_group} {self.fiscal_year}"


class Occupancy(CodedModel):
    """Who held a position, from when to when (``ends_on`` empty = still in post)."""

    position = models.ForeignKey(
        Position,
        on_delete=models.CASCADE,
        related_name="occupancies",
        verbose_name=_("post"),
    )
    holder = models.CharField(_("holder"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        ordering = ["position", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="occupancy_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.position})"


# --- District projects from the integration budget ----------------------------------------


class ApplicationRound(CodedModel):
    """An application deadline (31 October for the next year, 31 March for the current year)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("fiscal year")
    )
    name = models.CharField(_("name"), max_length=200)
    deadline = models.DateField(_("application deadline"))

    class Meta:
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        ordering = ["deadline"]

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", pgettext_lazy("project", "Approved")
    REJECTED = "rejected", _("Rejected")
    COMMITTED = "committed", _("Grant committed")
    REPORTED = "reported", _("Final report received")
    CLOSED = "closed", _("Closed")


class Project(CodedModel):
    """A district project (Stadtteilprojekt) funded from a borough's integration budget."""

    # Stable key of projects that come with a scenario (demo data); empty for real ones.
    key = models.SlugField(_("key"), max_length=80, unique=True, null=True, blank=True)
    round = models.ForeignKey(
        ApplicationRound,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("application round"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("applicant"),
    )
    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, related_name="projects", verbose_name=_("borough")
    )
    districts = models.ManyToManyField(
        "geography.District", blank=True, related_name="projects", verbose_name=_("Stadtteile")
    )
    title = models.CharField(_("title"), max_length=200)
    goals = models.TextField(_("goals"))
    target_group = models.TextField(_("target group"))
    starts_on = models.DateField(_("start of the project"))
    ends_on = models.DateField(_("end of the project"))
    cost_plan = models.TextField(_("cost plan"), help_text=_("One cost item per line."))
    total_cost = models.DecimalField(_("total cost (€)"), **MONEY)
    own_funds = models.DecimalField(_("own funds (€)"), default=Decimal("0.00"), **MONEY)
    other_funds = models.DecimalField(_("other funding (€)"), default=Decimal("0.00"), **MONEY)
    requested = models.DecimalField(_("amount requested (€)"), **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    approved_amount = models.DecimalField(_("amount approved (€)"), null=True, blank=True, **MONEY)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    # Aktenzeichen of the decision letter, given when the project is decided (see
    # DecisionLetterTexts.file_number_pattern).
    file_number = models.CharField(
        _("file number"), max_length=60, unique=True, null=True, blank=True
    )
    commitment = models.OneToOneField(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project",
        verbose_name=_("commitment"),
    )
    actual_cost = models.DecimalField(_("actual cost (€)"), null=True, blank=True, **MONEY)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    reported_on = models.DateField(_("final report received on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("district project")
        verbose_name_plural = _("district projects")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cost__gt=0)
                & Q(own_funds__gte=0)
                & Q(other_funds__gte=0)
                & Q(requested__gt=0),
                name="project_amounts_positive",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | (Q(approved_amount__gt=0) & Q(approved_amount__lte=models.F("requested"))),
                name="project_approved_le_requested",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectStep(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted")
    APPROVED = "approved", pgettext_lazy("project", "Approved")
    PARTLY_APPROVED = "partly_approved", _("Approved in part")
    REJECTED = "rejected", _("Rejected")
    COMMITTED = "committed", _("Grant committed")
    PAID = "paid", _("Payment booked")
    REPORTED = "reported", _("Final report submitted")
    CLOSED = "closed", _("Closed")
    DOCUMENT = "document", _("Document attached")


class ProjectEvent(models.Model):
    """Audit trail of a project: who did which step when."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="events", verbose_name=_("project")
    )
    step = models.CharField(_("step"), max_length=20, choices=ProjectStep.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("project step")
        verbose_name_plural = _("project steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.at:%d.%m.%Y %H:%M})"


class ProjectDocument(CodedModel):
    """A document attached to a project. Stored in the database (transactional with the step
    it belongs to, never under the web root) and served only through access checks."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content = models.BinaryField(_("content"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class DecisionLetterTexts(models.Model):
    """What a municipality's decision letters (Zuwendungs- and Ablehnungsbescheid) say besides
    the project's figures: letterhead, place, file-number pattern, signer, the conditions of a
    grant and the legal-remedy notice. Data of the scenario (``[decision_letter]`` in
    ``finance.toml``), editable in the admin, never code."""

    municipality = models.OneToOneField(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="decision_letter_texts",
        verbose_name=_("municipality"),
    )
    authority = models.CharField(_("issuing authority (letterhead)"), max_length=300)
    authority_address = models.CharField(_("address of the authority"), max_length=300)
    place = models.CharField(_("place of issue"), max_length=100)
    file_number_pattern = models.CharField(
        _("file number pattern"),
        max_length=100,
        default="IB-{year}-{borough}-{number:03d}",
        help_text=_("Placeholders: {year}, {borough} (Roman numeral), {number} (running)."),
    )
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_role = models.CharField(_("function of the signer"), max_length=200)
    conditions = models.TextField(_("conditions of a grant"), blank=True)
    legal_remedy = models.TextField(_("legal-remedy notice (Rechtsbehelfsbelehrung)"))

    class Meta:
        verbose_name = _("texts of the decision letters")
        verbose_name_plural = _("texts of the decision letters")

    def __str__(self) -> str:
        return str(self.municipality)
