"""The contact point for volunteers (Anlaufstelle für Ehrenamtliche) and the interpreter pool.

* A :class:`ContactPoint` is run by one organisation; its volunteer coordinators keep the
  :class:`Volunteer` records (first interview, status, trainings, insurance note).
* :class:`Requirement` rows record data-minimally that a requirement such as the extended
  police certificate (erweitertes Führungszeugnis) was inspected — never its content. How old
  it may be at inspection and when it is due again are data (:class:`RequirementKind`).
* :class:`VolunteerRequest` (Einsatzanfrage) comes from case workers, providers and borough
  offices; :class:`Inquiry` is one volunteer asked by e-mail (or SMS) with signed links;
  :class:`Assignment` and :class:`HoursEntry` record the work.
* Interpreters are volunteers with ``is_interpreter`` and an allowance rate; a booking is a
  request of kind ``interpreting``.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.models import Case, Consent, Person
from teilhabe.core.models import CodedModel
from teilhabe.geography.models import District, Municipality
from teilhabe.organisations.models import Organisation


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Skill(models.TextChoices):
    """Fields of activity a volunteer offers and a request asks for (bit ``i`` of a mask)."""

    ACCOMPANYING = "accompanying", _("Accompanying to offices and doctors")
    SPONSORSHIP = "sponsorship", _("Sponsorship (Patenschaft)")
    LANGUAGE_PRACTICE = "language_practice", _("Practising German")
    HOMEWORK = "homework", _("Homework help")
    CHILDCARE = "childcare", _("Looking after children")
    SPORT = "sport", _("Sport and leisure")
    HOUSING = "housing", _("Looking for a flat")
    WORK = "work", _("Applications and work")
    DIGITAL = "digital", _("Computer and smartphone")
    INTERPRETING = "interpreting", _("Interpreting")
    REPAIRS = "repairs", _("Repairs and crafts")
    DRIVING = "driving", _("Driving")


SKILL_BITS: dict[str, int] = {value: 1 << i for i, value in enumerate(Skill.values)}


def skills_mask(skills) -> int:
    mask = 0
    for s in skills:
        mask |= SKILL_BITS.get(s, 0)
    return mask


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, _("basic")
    GOOD = 2, _("good")
    FLUENT = 3, _("fluent")
    NATIVE = 4, _("native language")


# Languages volunteers may speak (ISO 639-1) — the same list as the offers directory.
LANGUAGES: dict[str, str] = {
    "de": _("German"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian (Farsi/Dari)"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "tr": _("Turkish"),
    "ku": _("Kurdish"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "ps": _("Pashto"),
    "fr": _("French"),
    "sq": _("Albanian"),
    "ro": _("Romanian"),
    "bg": _("Bulgarian"),
    "pl": _("Polish"),
}


class Slot(models.IntegerChoices):
    MORNING = 0, _("mornings")
    AFTERNOON = 1, _("afternoons")
    EVENING = 2, _("evenings")


WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


def slot_bit(weekday: int, slot: int) -> int:
    """Bit of an availability mask: 7 weekdays (Monday = 0) × 3 slots of the day."""
    return 1 << (weekday * 3 + slot)


def slot_of(time: datetime.time | None) -> int | None:
    if time is None:
        return None
    if time.hour < 12:
        return Slot.MORNING
    if time.hour < 17:
        return Slot.AFTERNOON
    return Slot.EVENING


class ContactPoint(CodedModel):
    """A contact point for volunteers, run by one organisation (its coordinators work here)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="volunteer_contact_point",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("districts served")
    )
    accepts_registrations = models.BooleanField(_("accepts registrations"), default=True)
    runs_interpreter_pool = models.BooleanField(_("runs an interpreter pool"), default=False)
    allows_legal_interpreting = models.BooleanField(
        _("lay interpreters for conversations with legal consequences"), default=False
    )
    allows_medical_interpreting = models.BooleanField(
        _("lay interpreters in medical settings"), default=False
    )

    class Meta:
        verbose_name = _("contact point for volunteers")
        verbose_name_plural = _("contact points for volunteers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class VolunteerStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("registered, e-mail not yet confirmed")
    INTERESTED = "interested", _("interested")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    LEFT = "left", _("left")


class Volunteer(CodedModel):
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("contact point"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.UNCONFIRMED,
        db_index=True,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Language for e-mails to the volunteer ("de" or "en").
    correspondence_language = models.CharField(
        _("language for e-mails"), max_length=8, default="de"
    )
    # {"ar": 4, "de": 3}: language code → LanguageLevel; ``language_index`` is "|ar:4|de:3|"
    # for matching (a quick search, and no JSON to decode for thousands of candidates).
    languages = models.JSONField(_("languages"), default=dict, blank=True)
    language_index = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("language index")
    )
    skills = models.JSONField(_("skills and fields of activity"), default=list, blank=True)
    skills_mask = models.BigIntegerField(default=0, editable=False, verbose_name=_("skills mask"))
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("districts (Stadtteile)")
    )
    # "|13|39|": ids of ``districts``, kept in step by the services, read by matching.
    district_index = models.CharField(
        max_length=400, blank=True, editable=False, verbose_name=_("district index")
    )
    # The day until which (exclusive) every requirement that blocks placement has a valid
    # record (None: one is missing). Kept in step by ``services.volunteer_refresh_placeable``;
    # matching filters on it instead of joining the records.
    placeable_until = models.DateField(
        null=True, blank=True, editable=False, verbose_name=_("placeable until")
    )
    availability_mask = models.BigIntegerField(_("available"), default=0)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    motivation = models.TextField(_("message at registration"), blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    privacy_consent_at = models.DateTimeField(_("consent to storage given"), null=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    # Kept by the coordinators.
    interview_on = models.DateField(_("first interview on"), null=True, blank=True)
    interview_notes = models.TextField(_("notes from the first interview"), blank=True)
    insurance_note = models.CharField(_("insurance note"), max_length=300, blank=True)
    is_interpreter = models.BooleanField(_("in the interpreter pool"), default=False)
    allowance_rate = models.DecimalField(
        _("allowance per hour (€)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    flat_rate_allowance = models.BooleanField(
        _("receives a flat-rate allowance (Ehrenamtspauschale)"), default=False
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["contact_point", "status"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def audit_organisation_id(self) -> int:
        return self.contact_point.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.code)

    def language_list(self) -> list[tuple[str, str]]:
        """(language, level) labels, best level first."""
        items = sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            (str(LANGUAGES.get(code, code)), str(LanguageLevel(level).label))
            for code, level in items
            if level in LanguageLevel.values
        ]

    def skill_labels(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[s]) for s in self.skills if s in labels]

    def availability_labels(self) -> list[str]:
        out = []
        for day, name in enumerate(WEEKDAYS):
            slots = [
                str(label)
                for slot, label in Slot.choices
                if self.availability_mask & slot_bit(day, slot)
            ]
            if slots:
                out.append(f"{name}: {', '.join(slots)}")
        return out

    def set_derived(self) -> None:
        self.language_index = (
            "|"
            + "|".join(f"{code}:{level}" for code, level in sorted(self.languages.items()))
            + "|"
        )
        self.skills_mask = skills_mask(self.skills)

    def set_districts(self, districts) -> None:
        """Set the Stadtteile and their index (call after saving)."""
        self.districts.set(districts)
        ids = sorted(d.pk if hasattr(d, "pk") else int(d) for d in districts)
        self.district_index = "|" + "|".join(str(i) for i in ids) + "|" if ids else ""
        type(self).objects.filter(pk=self.pk).update(district_index=self.district_index)


class Training(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("volunteer")
    )
    title = models.CharField(_("training"), max_length=200)
    held_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class RequirementKind(models.Model):
    """A requirement before placement, with its periods as data (e.g. the extended police
    certificate: at most 3 months old when inspected, due again after 60 months)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    max_age_months_at_inspection = models.PositiveSmallIntegerField(
        _("at most this many months old when inspected"), null=True, blank=True
    )
    valid_months = models.PositiveSmallIntegerField(_("due again after (months)"))
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder this many days before it is due"), default=60
    )
    blocks_placement = models.BooleanField(_("placement only while valid"), default=True)
    # Delete the record this many days after the volunteer left.
    keep_days_after_leaving = models.PositiveSmallIntegerField(
        _("delete this many days after leaving"), default=90
    )

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Requirement(CodedModel):
    """That a requirement was inspected — data-minimally: dates, inspector, yes/no."""

    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("volunteer"),
    )
    kind = models.ForeignKey(
        RequirementKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("requirement")
    )
    issued_on = models.DateField(_("issued on"))
    inspected_on = models.DateField(_("inspected on"))
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inspected by"),
    )
    inspector_name = models.CharField(_("inspected by"), max_length=200)
    no_relevant_entry = models.BooleanField(_("no relevant entry"))
    due_on = models.DateField(_("due again on"), db_index=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("requirement record")
        verbose_name_plural = _("requirement records")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.inspected_on})"

    @property
    def audit_organisation_id(self) -> int:
        return self.volunteer.contact_point.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.volunteer.code)

    def valid_on(self, day: datetime.date) -> bool:
        return self.no_relevant_entry and self.due_on > day


class RequestKind(models.TextChoices):
    VOLUNTEERING = "volunteering", _("volunteers")
    INTERPRETING = "interpreting", _("interpreter")


class Recurrence(models.TextChoices):
    ONCE = "once", _("once")
    WEEKLY = "weekly", _("weekly")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    FILLED = "filled", _("filled")
    CONFIRMED = "confirmed", _("confirmed")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class InterpretingMode(models.TextChoices):
    IN_PERSON = "in_person", _("on site")
    PHONE = "phone", _("by phone")
    VIDEO = "video", _("by video")


class SharedField(models.TextChoices):
    """What a request about a person may pass to the volunteer organisation."""

    FIRST_NAME = "first_name", _("first name")
    LANGUAGES = "languages", _("languages")
    HOUSEHOLD = "household", _("size of household")
    PHONE = "phone", _("phone")


class VolunteerRequest(CodedModel):
    """An Einsatzanfrage (or an interpreter booking) to a contact point."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=RequestKind.choices, default=RequestKind.VOLUNTEERING
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("contact point"),
    )
    requester = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requesting organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("what is it about"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district (Stadtteil)"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    recurrence = models.CharField(
        _("how often"), max_length=8, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    starts_on = models.DateField(_("date (first date)"))
    ends_on = models.DateField(_("last date"), null=True, blank=True)
    time_from = models.TimeField(_("from"), null=True, blank=True)
    time_until = models.TimeField(_("until"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    needed = models.PositiveSmallIntegerField(_("number of volunteers needed"), default=1)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)
    # About a person: only under a consent that names the contact point's organisation; the
    # volunteer sees ``shared`` (chosen fields, copied when sent) while the consent stands.
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    consent = models.ForeignKey(
        Consent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent"),
    )
    shared = models.JSONField(_("shared data"), default=dict, blank=True)
    # Interpreter bookings.
    mode = models.CharField(
        _("how"), max_length=12, choices=InterpretingMode.choices, blank=True, default=""
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    legal_consequences = models.BooleanField(
        _("conversation with legal consequences"), default=False
    )
    medical = models.BooleanField(_("medical setting"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer request")
        verbose_name_plural = _("volunteer requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation_id(self) -> int:
        return self.requester_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code) if self.person_id else ""

    def shared_visible(self) -> dict:
        """What was shared, as long as the consent behind it stands."""
        if not self.shared or self.consent is None or self.consent.revoked_at is not None:
            return {}
        return self.shared

    def slot(self) -> int | None:
        return slot_of(self.time_from)

    def wanted_mask(self) -> int:
        """Availability bits the request needs (0: no time given)."""
        slot = self.slot()
        if slot is None:
            return 0
        return slot_bit(self.starts_on.weekday(), slot)

    def accepted_count(self) -> int:
        return self.inquiries.filter(answer=Answer.ACCEPTED).count()


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class Answer(models.TextChoices):
    PENDING = "pending", _("asked, no answer yet")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("no longer needed")


class Inquiry(CodedModel):
    """One volunteer asked for one request, with a signed, expiring answer link."""

    request = models.ForeignKey(
        VolunteerRequest,
        on_delete=models.CASCADE,
        related_name="inquiries",
        verbose_name=_("request"),
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="inquiries", verbose_name=_("volunteer")
    )
    channel = models.CharField(
        max_length=8, choices=Channel.choices, default=Channel.EMAIL, verbose_name=_("channel")
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(default=timezone.now, verbose_name=_("asked at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    answer = models.CharField(
        _("answer"), max_length=12, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))
    score = models.IntegerField(default=0, verbose_name=_("score"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "volunteer"], name="inquiry_once")
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.volunteer}"

    @property
    def audit_organisation_id(self) -> int:
        return self.request.contact_point.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.volunteer.code)


class Assignment(CodedModel):
    request = models.ForeignKey(
        VolunteerRequest,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("request"),
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("volunteer")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "volunteer"], name="assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.request}"

    @property
    def audit_organisation_id(self) -> int:
        return self.request.contact_point.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.volunteer.code)


class HoursEntry(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=_("volunteer")
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("assignment"),
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    travel_cost = models.DecimalField(
        _("travel costs (€)"), max_digits=7, decimal_places=2, default=0
    )
    # Hours for another organisation count towards the Ehrenamtskarte too.
    other_organisation = models.CharField(_("for another organisation"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    logged_at = models.DateTimeField(default=timezone.now, verbose_name=_("logged at"))

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["-worked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.worked_on} {self.hours} h"

    @property
    def audit_organisation_id(self) -> int:
        return self.volunteer.contact_point.organisation_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.volunteer.code)


class CardCriteria(models.Model):
    """When volunteers qualify for the Ehrenamtskarte (NRW defaults; one row per municipality,
    the row without municipality is the default)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    hours_per_week = models.DecimalField(
        max_digits=5, decimal_places=2, default=5, verbose_name=_("hours per week")
    )
    hours_per_year = models.DecimalField(
        max_digits=6, decimal_places=2, default=250, verbose_name=_("hours per year")
    )
    years = models.PositiveSmallIntegerField(default=2, verbose_name=_("years"))
    excludes_flat_rate_allowance = models.BooleanField(
        default=True, verbose_name=_("excludes flat rate allowance")
    )

    class Meta:
        verbose_name = _("Ehrenamtskarte criteria")
        verbose_name_plural = _("Ehrenamtskarte criteria")

    def __str__(self) -> str:
        return str(self.municipality or _("default"))
