"""Housing support and asylum-procedure counselling.

* The **accommodation register**: shelters (transitional homes, emergency shelters) with their
  places; occupancy on a day is derived from the residence periods (:class:`Stay`), never typed.
* A person's **housing history**: periods in accommodation and in own flats (:class:`Stay`), the
  household's **flat search** (:class:`FlatSearch`).
* The **residence-status timeline** (:class:`ResidenceTitle`, legal bases as catalogue data),
  the **benefit system timeline** (:class:`BenefitPeriod`), the **residence obligation** under
  § 12a AufenthG (:class:`ResidenceObligation`) and the **asylum procedure**
  (:class:`AsylumProcedure`).

Periods are half-open: a stay from ``moved_in`` until ``moved_out`` occupies the nights from
``moved_in`` up to the day before ``moved_out`` (the day of moving out is free for the next
person). Rules with legal periods live in ``rules.toml`` (data with sources), see
:mod:`teilhabe.housing.rules`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.models import Appointment, Deadline, Household, Person
from teilhabe.core.models import CodedModel
from teilhabe.geography.models import District
from teilhabe.organisations.models import Organisation


class PersonRecord(CodedModel):
    """A record about one person: belongs to the person's organisation for access and audit."""

    class Meta:
        abstract = True

    @property
    def audit_organisation_id(self) -> int:
        return self.person.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code)


class AccommodationKind(models.TextChoices):
    TRANSITIONAL = "transitional", _("transitional home")
    EMERGENCY = "emergency", _("emergency shelter")
    OTHER = "other", _("other communal accommodation")


class Accommodation(CodedModel):
    """A shelter or other communal accommodation with a number of places."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AccommodationKind.choices)
    operator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("operator")
    )
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district (Stadtteil)")
    )
    places = models.PositiveIntegerField(_("places"))
    blocked_places = models.PositiveIntegerField(
        _("blocked places"),
        default=0,
        help_text=_("Places that cannot be used at the moment (for example during repairs)."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(blocked_places__lte=F("places")), name="accommodation_blocked_le_places"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def usable_places(self) -> int:
        return self.places - self.blocked_places


class StayKind(models.TextChoices):
    ACCOMMODATION = "accommodation", _("shelter / communal accommodation")
    FLAT = "flat", _("own flat")
    OTHER = "other", _("other (with relatives, private)")


class Stay(PersonRecord):
    """Where a person lived from ``moved_in`` until ``moved_out`` (exclusive; open = still)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="stays", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StayKind.choices)
    accommodation = models.ForeignKey(
        Accommodation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("accommodation"),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district (Stadtteil)"),
    )
    moved_in = models.DateField(_("moved in"))
    moved_out = models.DateField(_("moved out"), null=True, blank=True)
    tenancy_start = models.DateField(_("tenancy starts"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("residence period")
        verbose_name_plural = _("residence periods")
        ordering = ["-moved_in", "-id"]
        indexes = [
            models.Index(fields=["accommodation", "moved_in", "moved_out"], name="stay_occupancy"),
            models.Index(fields=["person", "moved_in"], name="stay_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out__isnull=True) | Q(moved_out__gt=F("moved_in")),
                name="stay_out_after_in",
            ),
            models.CheckConstraint(
                condition=~Q(kind="accommodation") | Q(accommodation__isnull=False),
                name="stay_accommodation_named",
            ),
        ]

    def __str__(self) -> str:
        return self.place

    @property
    def place(self) -> str:
        if self.accommodation_id:
            return self.accommodation.name
        return ", ".join(p for p in (self.street, self.postcode) if p) or self.get_kind_display()


class FlatSearchStatus(models.TextChoices):
    SEARCHING = "searching", _("searching")
    VIEWINGS = "viewings", _("viewings")
    OFFER = "offer", _("offer received")
    SIGNED = "signed", _("tenancy signed")
    MOVED_IN = "moved_in", _("moved in")
    ENDED = "ended", _("search ended without a flat")


class WbsStatus(models.TextChoices):
    NONE = "none", _("not applied for")
    APPLIED = "applied", _("applied for")
    ISSUED = "issued", _("issued")
    REFUSED = "refused", _("refused")


class FlatSearch(CodedModel):
    """Housing support for a household: the search for a flat of its own."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="flat_searches",
        verbose_name=_("household"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FlatSearchStatus.choices, default="searching"
    )
    started_on = models.DateField(_("search started on"))
    rooms_needed = models.PositiveSmallIntegerField(_("rooms needed"), null=True, blank=True)
    max_rent = models.DecimalField(
        _("maximum rent (EUR, gross cold)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    wbs_status = models.CharField(
        _("Wohnberechtigungsschein"), max_length=16, choices=WbsStatus.choices, default="none"
    )
    wbs_valid_until = models.DateField(
        _("Wohnberechtigungsschein valid until"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("flat search")
        verbose_name_plural = _("flat searches")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.household} ({self.get_status_display()})"

    @property
    def audit_organisation_id(self) -> int:
        return self.household.organisation_id


class LegalBasis(models.Model):
    """A legal basis of residence (catalogue data, see ``data/legal_bases.toml``)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    law = models.CharField(_("law"), max_length=20)
    paragraph = models.CharField(_("paragraph"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    # The coarse status the person record shows (cases.ResidenceStatus) for this basis.
    status = models.CharField(_("status group"), max_length=16)
    temporary_protection = models.BooleanField(_("temporary protection (§ 24)"), default=False)
    unlimited = models.BooleanField(_("without expiry"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("legal basis of residence")
        verbose_name_plural = _("legal bases of residence")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return f"{self.paragraph} {self.law} – {self.name}"


class ResidenceTitle(PersonRecord):
    """One entry of the residence-status timeline (title, Gestattung, Duldung …)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="residence_titles", verbose_name=_("person")
    )
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, related_name="+", verbose_name=_("legal basis")
    )
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    authority = models.CharField(_("issuing authority"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The automatic deadline to apply for an extension (created once, see services).
    expiry_deadline = models.ForeignKey(
        Deadline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expiry deadline"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("residence title")
        verbose_name_plural = _("residence titles")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["valid_until"], name="title_valid_until")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="title_valid_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return str(self.legal_basis)


class BenefitSystem(models.TextChoices):
    ASYLBLG = "asylblg", _("AsylbLG (Asylum Seekers' Benefits Act)")
    SGB2 = "sgb2", _("SGB II (Bürgergeld / Jobcenter)")
    SGB12 = "sgb12", _("SGB XII (social assistance)")
    NONE = "none", _("no benefits")


class BenefitPeriod(PersonRecord):
    """One entry of the benefit-system (Rechtskreis) timeline."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="benefit_periods", verbose_name=_("person")
    )
    system = models.CharField(_("benefit system"), max_length=8, choices=BenefitSystem.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("benefit period")
        verbose_name_plural = _("benefit periods")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="benefit_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_system_display()


class ResidenceObligation(PersonRecord):
    """A residence obligation (Wohnsitzauflage, § 12a AufenthG)."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="residence_obligations",
        verbose_name=_("person"),
    )
    place = models.CharField(_("place of residence"), max_length=120)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    # Set by the daily review when a job or training could lift the obligation.
    may_be_lifted_since = models.DateField(_("may be lifted since"), null=True, blank=True)
    application_deadline = models.ForeignKey(
        Deadline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application deadline"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("residence obligation")
        verbose_name_plural = _("residence obligations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="obligation_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.place


class DecisionKind(models.TextChoices):
    """Kinds of BAMF decisions; the legal-remedy period of each is data (``rules.toml``)."""

    ASYLUM = "asylum", _("recognised as entitled to asylum (Art. 16a GG)")
    REFUGEE = "refugee", _("refugee status (§ 3 AsylG)")
    SUBSIDIARY = "subsidiary", _("subsidiary protection (§ 4 AsylG), otherwise rejected")
    BAN = "ban", _("ban on deportation (§ 60 Abs. 5/7 AufenthG), otherwise rejected")
    REJECTED = "rejected", _("rejected (unfounded)")
    MANIFESTLY_UNFOUNDED = "manifestly", _("rejected as manifestly unfounded (§ 30 AsylG)")
    INADMISSIBLE_DUBLIN = "dublin", _("inadmissible, other EU state responsible (Dublin)")
    INADMISSIBLE_OTHER = "inadmissible", _("inadmissible (§ 29 Abs. 1 Nr. 2, 4 AsylG)")
    DISCONTINUED = "discontinued", _("procedure discontinued (§§ 32, 33 AsylG)")
    REVOKED = "revoked", _("protection revoked or withdrawn (§ 73 AsylG)")


class AsylumProcedure(PersonRecord):
    """A person's asylum procedure at the BAMF, with the legal-remedy deadline."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="asylum_procedures",
        verbose_name=_("person"),
    )
    applied_on = models.DateField(_("application filed on"))
    file_number = models.CharField(_("BAMF file number"), max_length=30, blank=True)
    interview_at = models.DateTimeField(_("interview (Anhörung)"), null=True, blank=True)
    decision_on = models.DateField(_("decision dated"), null=True, blank=True)
    decision_kind = models.CharField(
        _("kind of decision"), max_length=16, choices=DecisionKind.choices, blank=True
    )
    delivered_on = models.DateField(_("decision delivered on"), null=True, blank=True)
    # Computed by the rules at the time of recording (kept so the deadline shown never shifts
    # silently when the rule data changes); ``remedy_rule`` names the rule and its source.
    remedy_until = models.DateField(_("legal remedy possible until"), null=True, blank=True)
    remedy_rule = models.CharField(_("rule applied"), max_length=300, blank=True)
    lawsuit_filed_on = models.DateField(_("lawsuit filed on"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    remedy_deadline = models.ForeignKey(
        Deadline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("remedy deadline"),
    )
    preparation_deadline = models.ForeignKey(
        Deadline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preparation deadline"),
    )
    interview_appointment = models.ForeignKey(
        Appointment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interview appointment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("asylum procedure")
        verbose_name_plural = _("asylum procedures")
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True) | Q(decision_on__gte=F("applied_on")),
                name="asylum_decision_after_application",
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(delivered_on__gte=F("decision_on")),
                name="asylum_delivery_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.file_number or str(self.applied_on)
