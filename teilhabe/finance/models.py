"""Council decisions, funding sources and the position plan.

Money is ``Decimal`` with two places (exact cents); amounts are never negative (database
constraints). Budgets, commitments and payments build on these models.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


class FundingSource(models.Model):
    """Deckung: where the money comes from."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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


class CouncilDecision(models.Model):
    """Ratsbeschluss."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("key"), max_length=80, unique=True)
    body = models.CharField(_("decision-making body"), max_length=120, default="Rat der Stadt")
    decided_on = models.DateField(_("date of decision"))
    reference = models.CharField(_("reference number of the council paper"), max_length=60, blank=True)
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


class DecisionAmount(models.Model):
    """An amount a council decision released, for one purpose, covered by one funding source."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(
        CouncilDecision, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("decision")
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


class Position(models.Model):
    """Planstelle."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
    fte = models.DecimalField(_("full-time equivalent"), max_digits=4, decimal_places=2, default=Decimal("1.00"))
    pay_group = models.CharField(_("pay group"), max_length=40, blank=True)
    decision = models.ForeignKey(
        CouncilDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("funded by decision"),
    )

    class Meta:
        verbose_name = _("position (Planstelle)")
        verbose_name_plural = _("positions (Planstellen)")
        ordering = ["organisation__name", "function", "key"]
        constraints = [
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="position_fte_range"),
        ]

    def __str__(self) -> str:
        return self.title
