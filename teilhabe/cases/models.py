"""Case management: persons, households, cases and the case file, consents and sharing grants.

A household and its persons belong to the organisation that registered them; a case is that
organisation's work with a household. Other organisations reach a case (and its household and
persons) only through a :class:`SharingGrant` in force (see ``teilhabe.access``).
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import CodedModel
from teilhabe.geography.models import District
from teilhabe.organisations.models import Organisation, Team


class Gender(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
    DIVERSE = "d", _("diverse")
    UNKNOWN = "u", _("not stated")


class ResidenceStatus(models.TextChoices):
    GESTATTUNG = "gestattung", _("Aufenthaltsgestattung (asylum procedure)")
    DULDUNG = "duldung", _("Duldung (toleration)")
    AE_22_23 = "ae_22_23", _("Aufenthaltserlaubnis §§ 22, 23 AufenthG")
    AE_24 = "ae_24", _("Aufenthaltserlaubnis § 24 AufenthG (temporary protection)")
    AE_25 = "ae_25", _("Aufenthaltserlaubnis § 25 AufenthG")
    AE_25A_25B = "ae_25a_25b", _("Aufenthaltserlaubnis §§ 25a, 25b AufenthG")
    AE_26 = "ae_26", _("Aufenthaltserlaubnis § 26 AufenthG")
    NIEDERLASSUNG = "niederlassung", _("Niederlassungserlaubnis")
    EINBUERGERUNG = "einbuergerung", _("Naturalised (Einbürgerung)")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class Housing(models.TextChoices):
    SHELTER = "shelter", _("shelter / communal accommodation")
    OWN_FLAT = "own_flat", _("own flat")
    OTHER = "other", _("other")


class HouseholdRole(models.TextChoices):
    HEAD = "head", _("head of household")
    PARTNER = "partner", _("partner")
    CHILD = "child", _("child")
    RELATIVE = "relative", _("other relative")
    OTHER = "other", _("other")


class Household(CodedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class Person(CodedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="members", verbose_name=_("household")
    )
    household_role = models.CharField(
        _("role in household"), max_length=16, choices=HouseholdRole.choices
    )
    family_name = models.CharField(_("family name (as in documents)"), max_length=120)
    given_names = models.CharField(_("given names (as in documents)"), max_length=120)
    other_spellings = models.TextField(
        _("other known spellings"), blank=True, help_text=_("One spelling per line.")
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, default=Gender.UNKNOWN
    )
    nationalities = models.CharField(_("nationalities"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    residence_status = models.CharField(
        _("residence status"),
        max_length=16,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.UNKNOWN,
    )
    residence_valid_until = models.DateField(
        _("residence document valid until"), null=True, blank=True
    )
    arrived_in_germany = models.DateField(_("arrival in Germany"), null=True, blank=True)
    arrived_in_city = models.DateField(_("arrival in the city"), null=True, blank=True)
    bamf_file_number = models.CharField(
        _("BAMF file number"), max_length=30, blank=True, db_index=True
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
    housing = models.CharField(_("housing"), max_length=16, choices=Housing.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    school_background = models.TextField(_("school background"), blank=True)
    work_background = models.TextField(_("work background"), blank=True)
    # Health and vulnerability (GDPR Art. 9): shown and edited only with persons.view_sensitive.
    unaccompanied_minor = models.BooleanField(_("unaccompanied minor"), default=False)
    disability = models.BooleanField(_("disability"), default=False)
    pregnancy = models.BooleanField(_("pregnancy"), default=False)
    single_parent = models.BooleanField(_("single parent"), default=False)
    trauma = models.BooleanField(_("trauma"), default=False)
    health_notes = models.TextField(_("health and vulnerability notes"), blank=True)
    # Derived keys for search and the duplicate check (set by the services, see names.py).
    search_name = models.CharField(
        max_length=600, blank=True, editable=False, verbose_name=_("search name")
    )
    family_key = models.CharField(
        max_length=60, blank=True, editable=False, verbose_name=_("family key")
    )
    given_key = models.CharField(
        max_length=60, blank=True, editable=False, verbose_name=_("given key")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
    )

    SENSITIVE_FIELDS = (
        "unaccompanied_minor",
        "disability",
        "pregnancy",
        "single_parent",
        "trauma",
        "health_notes",
    )
    # What case workers record about a person, in the order of the form; the one list that the
    # form and the services (create, update, merge) go by.
    EDITABLE_FIELDS = (
        "family_name",
        "given_names",
        "other_spellings",
        "household_role",
        "birth_year",
        "birth_month",
        "birth_day",
        "gender",
        "nationalities",
        "languages",
        "needs_interpreter",
        "residence_status",
        "residence_valid_until",
        "arrived_in_germany",
        "arrived_in_city",
        "bamf_file_number",
        "street",
        "postcode",
        "district",
        "housing",
        "phone",
        "email",
        "school_background",
        "work_background",
        *SENSITIVE_FIELDS,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_names"]
        # The blocks of the duplicate check (duplicates.py) and the key lookup of the search.
        indexes = [
            models.Index(fields=["family_key", "given_key", "birth_year"], name="person_keys_year"),
            models.Index(
                fields=["family_key", "birth_year", "birth_month", "birth_day"],
                name="person_family_key_birth",
            ),
            models.Index(
                fields=["given_key", "birth_year", "birth_month", "birth_day"],
                name="person_given_key_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def person_code_for_audit(self) -> str:
        return str(self.code)

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def birth_display(self) -> str:
        if not self.birth_year:
            return "–"
        if not self.birth_month:
            return f"{self.birth_year}"
        if not self.birth_day:
            return f"{self.birth_month:02d}/{self.birth_year}"
        return f"{self.birth_day:02d}.{self.birth_month:02d}.{self.birth_year}"

    @property
    def spellings(self) -> list[str]:
        return [s.strip() for s in self.other_spellings.splitlines() if s.strip()]


class CaseKind(models.Model):
    """Kinds of case work — data, not code (defaults in migration 0002)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("case kind")
        verbose_name_plural = _("case kinds")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(closed_on__isnull=True)


class Case(CodedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="cases", verbose_name=_("household")
    )
    kind = models.ForeignKey(CaseKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible case worker"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.household}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class _CaseRecord(CodedModel):
    """Common part of the records in a case file."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, verbose_name=_("case"))
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def audit_organisation_id(self) -> int:
        return self.case.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code) if self.person_id else ""


class NoteKind(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail / letter")
    HOME_VISIT = "home_visit", _("home visit")
    ACCOMPANIMENT = "accompaniment", _("accompaniment to an authority")
    OTHER = "other", _("other")
    BARRIER = "barrier", _("structural barrier")


class _Catalogue(models.Model):
    """A small list kept as data (German defaults in a migration, editable in the admin)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class BarrierCategory(_Catalogue):
    """What kind of structural barrier a case worker met (e.g. no interpreter, waiting list)."""

    class Meta(_Catalogue.Meta):
        verbose_name = _("kind of barrier")
        verbose_name_plural = _("kinds of barrier")


class Institution(_Catalogue):
    """A standard-system institution a structural barrier is recorded against (Jobcenter,
    Ausländerbehörde, school …)."""

    class Meta(_Catalogue.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")


class ContactNote(_CaseRecord):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind of contact"), max_length=16, choices=NoteKind.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    topics = models.CharField(_("topics"), max_length=200, blank=True)
    text = models.TextField(_("note"))
    # Only for the kind "structural barrier": where a standard system failed the person.
    barrier_category = models.ForeignKey(
        BarrierCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of barrier"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="barrier", barrier_category__isnull=False, institution__isnull=False)
                    | (
                        ~Q(kind="barrier")
                        & Q(barrier_category__isnull=True, institution__isnull=True)
                    )
                ),
                name="cases_barrier_note_has_category_and_institution",
            )
        ]
        indexes = [models.Index(fields=["kind", "date"], name="cases_note_kind_date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"


class DeadlineKind(models.TextChoices):
    APPEAL = "appeal", _("appeal deadline")
    RESIDENCE_EXPIRY = "residence_expiry", _("expiry of residence document")
    BAMF_HEARING = "bamf_hearing", _("BAMF hearing")
    JOBCENTER = "jobcenter", _("Jobcenter appointment")
    FOLLOW_UP = "follow_up", _("follow-up")
    OTHER = "other", _("other")


class Deadline(_CaseRecord):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeadlineKind.choices)
    title = models.CharField(_("what"), max_length=200)
    due_on = models.DateField(_("due on"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Appointment(_CaseRecord):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="appointment_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _document_path(instance: Document, filename: str) -> str:
    # Never the user's file name on disk: a random name under the case.
    suffix = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
        instance.content_type, ".bin"
    )
    return f"cases/{instance.case.code}/{uuid.uuid4().hex}{suffix}"


class Document(_CaseRecord):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="documents", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class MilestoneType(models.Model):
    """A standard system an integration plan tracks — editable data (German defaults in 0002)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("milestone type")
        verbose_name_plural = _("milestone types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    ACHIEVED = "achieved", _("achieved")
    DROPPED = "dropped", _("dropped")


class Milestone(CodedModel):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("person")
    )
    type = models.ForeignKey(MilestoneType, on_delete=models.PROTECT, verbose_name=_("milestone"))
    status = models.CharField(
        _("status"), max_length=16, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)
    # Hours a week of a job (or training), where it matters: § 12a AufenthG (teilhabe/housing).
    weekly_hours = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["type__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "type"], name="milestone_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.type} ({self.get_status_display()})"

    @property
    def audit_organisation_id(self) -> int:
        return self.person.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code)

    @property
    def days_since_arrival(self) -> int | None:
        if self.achieved_on and self.person.arrived_in_germany:
            return (self.achieved_on - self.person.arrived_in_germany).days
        return None


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("signed form (uploaded)")
    ORAL = "oral", _("oral, with interpreter, recorded")
    OTHER = "other", _("other")


class ConsentPurpose(models.TextChoices):
    """What kind of passing on a consent allows (the free-text ``purpose`` says it in words)."""

    REFERRAL = "referral", _("registration for an offer or service (referral)")
    COOPERATION = "cooperation", _("joint case work with the recipient")
    HANDOVER = "handover", _("handover of the case to the recipient")
    OTHER = "other", _("other purpose (does not allow sharing the case file)")


class DataCategory(models.TextChoices):
    """Which data a consent covers (GDPR Art. 9 data only by name: ``health``)."""

    IDENTITY = "identity", _("name and date of birth")
    CONTACT = "contact", _("address, phone and e-mail")
    LANGUAGES = "languages", _("languages and interpreter need")
    RESIDENCE = "residence", _("residence status")
    BACKGROUND = "background", _("school and work background")
    DEADLINES = "deadlines", _("deadlines and appointments")
    PLAN = "plan", _("integration plan")
    CASE_NOTES = "case_notes", _("contact notes and documents")
    HEALTH = "health", _("health and vulnerability (special category data)")


class Consent(CodedModel):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    purpose_kind = models.CharField(
        _("kind of purpose"),
        max_length=16,
        choices=ConsentPurpose.choices,
        default=ConsentPurpose.OTHER,
    )
    # DataCategory values; consents recorded before categories existed have none.
    data_categories = models.JSONField(_("data covered"), default=list, blank=True)
    recipients = models.ManyToManyField(
        Organisation, related_name="+", verbose_name=_("recipients")
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how given"), max_length=16, choices=ConsentMethod.choices)
    form_document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed form"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return self.purpose

    @property
    def data_category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(c, c)) for c in self.data_categories or []]

    def covers(self, need: dict) -> bool:
        """Does the consent allow a passing on that ``need`` describes: its ``purposes``
        (kinds of purpose that allow it) and its ``categories`` (every data category shown)?"""
        return self.purpose_kind in need["purposes"] and set(need["categories"]) <= set(
            self.data_categories or []
        )

    def covers_scope(self, scope: str) -> bool:
        return self.covers(SCOPE_NEEDS[scope])

    @property
    def audit_organisation_id(self) -> int:
        return self.person.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code)


class SharingScope(models.TextChoices):
    BASIC = "basic", _("master data, deadlines, integration plan")
    FULL = "full", _("whole case file incl. notes, documents and health data")


# What a consent must allow for a grant of each scope: a purpose of case work with the
# recipient, and every data category the recipient will see.
_CASE_WORK = (ConsentPurpose.COOPERATION, ConsentPurpose.HANDOVER)
# ``basic`` opens the person's master data (all but health), deadlines and the integration
# plan; ``full`` adds contact notes, appointments, documents and health data.
_FULL_ONLY = (DataCategory.CASE_NOTES, DataCategory.HEALTH)
SCOPE_NEEDS: dict[str, dict[str, tuple[str, ...]]] = {
    SharingScope.BASIC: {
        "purposes": _CASE_WORK,
        "categories": tuple(c for c in DataCategory.values if c not in _FULL_ONLY),
    },
    SharingScope.FULL: {"purposes": _CASE_WORK, "categories": tuple(DataCategory.values)},
}


class SharingGrant(CodedModel):
    """A recorded handover: the recipient organisation may see (and work on) the case, within
    ``scope``, from ``valid_from`` until ``valid_until`` unless revoked — and only while the
    consent behind it stands."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="grants", verbose_name=_("case")
    )
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, related_name="grants", verbose_name=_("consent")
    )
    scope = models.CharField(_("scope"), max_length=8, choices=SharingScope.choices)
    reason = models.CharField(_("reason"), max_length=300)
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("sharing grant")
        verbose_name_plural = _("sharing grants")
        ordering = ["-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.case} → {self.recipient}"

    @property
    def audit_organisation_id(self) -> int:
        return self.case.organisation_id

    def in_force(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return (
            self.revoked_at is None
            and self.consent.revoked_at is None
            and self.valid_from <= at
            and (self.valid_until is None or self.valid_until > at)
        )
