"""Offers in the districts: who offers what, where, when, for whom, in which languages.

German is the source language of every offer text; other languages are
:class:`OfferTranslation` rows that are marked outdated when the German text changes.
Kitas and schools are *standard-system* locations (``Location.is_standard_system``).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import CodedModel
from teilhabe.geography.models import District
from teilhabe.organisations.models import Organisation

# Languages of the public finder (German is the source of all offer texts).
PUBLIC_LANGUAGES: list[tuple[str, str]] = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی / دری"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
]
PUBLIC_LANGUAGE_CODES = [code for code, _name in PUBLIC_LANGUAGES]
TRANSLATION_LANGUAGES = [code for code in PUBLIC_LANGUAGE_CODES if code != "de"]
RTL_LANGUAGES = {"ar", "fa"}
# An offer not reviewed for this long is flagged to its provider and the borough coordinator.
STALE_AFTER_DAYS = 365

# Languages an offer can be held in (ISO 639-1), with their German names.
SPOKEN_LANGUAGES: dict[str, str] = {
    "de": "Deutsch",
    "en": "Englisch",
    "ar": "Arabisch",
    "fa": "Persisch (Farsi/Dari)",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "tr": "Türkisch",
    "ku": "Kurdisch",
    "ti": "Tigrinya",
    "so": "Somali",
    "ps": "Paschtu",
    "fr": "Französisch",
    "sq": "Albanisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "pl": "Polnisch",
}


# Each language's own name for itself, for readers who do not read German.
NATIVE_LANGUAGE_NAMES: dict[str, str] = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
    "ku": "Kurdî",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "ps": "پښتو",
    "fr": "Français",
    "sq": "Shqip",
    "ro": "Română",
    "bg": "Български",
    "pl": "Polski",
}


class Category(CodedModel):
    """A term of the offers' category taxonomy (editable data, one level of sub-terms)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name (German)"), max_length=120)
    names = models.JSONField(
        _("names in other languages"), default=dict, blank=True, help_text=_("language → name")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        return self.names.get(language) or self.name


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class _WithDistrict(ModelIterable):
    def __iter__(self):
        from teilhabe.geography.selectors import with_district

        yield from with_district(super().__iter__())


class LocationQuerySet(models.QuerySet["Location"]):
    def with_district(self) -> LocationQuerySet:
        """Locations whose ``district`` (with its ``borough``) comes from the per-process
        mapping of names (:func:`teilhabe.geography.selectors.districts_by_id`): no join, no
        shapes. Use with ``only(..., "district")`` to load just the columns shown."""
        qs = self._chain()
        qs._iterable_class = _WithDistrict
        return qs


class Location(CodedModel):
    """A place where offers happen; its Stadtteil is assigned from its coordinates."""

    key = models.SlugField(_("key"), max_length=80, unique=True, null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="offer_locations",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="offer_locations",
        verbose_name=_("district (Stadtteil)"),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_note = models.CharField(_("accessibility notes"), max_length=300, blank=True)
    is_standard_system = models.BooleanField(
        _("standard system (Kita, school)"), default=False, editable=False
    )
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class OfferQuerySet(models.QuerySet["Offer"]):
    def published(self) -> OfferQuerySet:
        return self.filter(status=OfferStatus.PUBLISHED)

    def stale(self, today: date | None = None) -> OfferQuerySet:
        limit = (today or timezone.localdate()) - timedelta(days=STALE_AFTER_DAYS)
        return self.exclude(status=OfferStatus.ARCHIVED).filter(
            Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=limit)
        )


class Offer(CodedModel):
    key = models.SlugField(_("key"), max_length=80, unique=True, null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offers", verbose_name=_("provider")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="offers", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    women_only = models.BooleanField(_("women only"), default=False)
    for_families = models.BooleanField(_("for families"), default=False)
    for_children = models.BooleanField(_("for children"), default=False)
    for_youth = models.BooleanField(_("for young people"), default=False)
    childcare = models.BooleanField(
        _("childcare during the offer"),
        default=False,
        help_text=_("Children are looked after while their parents take part."),
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO 639-1 codes")
    )
    # ",de,ar," – the languages as text, so that every database can filter by one of them.
    languages_index = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("languages index")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost = models.DecimalField(
        _("cost in euro"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(_("cost note"), max_length=200, blank=True)
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_via_finder = models.BooleanField(
        _("registration through the offer finder"),
        default=False,
        help_text=_(
            "People can send a registration request on the public offer page, without an "
            "account; you answer it under “Registration requests”."
        ),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    free_places = models.PositiveIntegerField(_("free places"), null=True, blank=True)
    locations = models.ManyToManyField(
        Location, related_name="offers", verbose_name=_("locations"), blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    url = models.URLField(_("web address"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, db_index=True, verbose_name=_("updated at"))

    objects = OfferQuerySet.as_manager()

    # What a provider edits, declared once: the form, the services and the imports go by it; the
    # public (API) sees the same fields except the workflow status.
    EDITABLE_FIELDS = (
        "title",
        "summary",
        "description",
        "category",
        "min_age",
        "max_age",
        "women_only",
        "for_families",
        "for_children",
        "for_youth",
        "childcare",
        "languages",
        "is_free",
        "cost",
        "cost_note",
        "registration_required",
        "registration_via_finder",
        "capacity",
        "free_places",
        "contact_name",
        "contact_email",
        "contact_phone",
        "url",
        "status",
        "last_reviewed",
    )
    PUBLIC_FIELDS = tuple(f for f in EDITABLE_FIELDS if f != "status")

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "title", "id"], name="offer_status_title")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="offer_age_range",
            ),
            models.CheckConstraint(
                condition=Q(is_free=True) | Q(cost__isnull=False), name="offer_cost_when_not_free"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.languages_index = "," + ",".join(self.languages or []) + ","
        if kwargs.get("update_fields") is not None and "languages" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "languages_index"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.status == OfferStatus.PUBLISHED and self.registration_way_missing:
            raise ValidationError(
                {
                    "registration_required": _(
                        "A published offer that needs registration must say how to register: "
                        "give a phone number, an e-mail or web address, or allow registration "
                        "through the offer finder."
                    )
                }
            )

    @property
    def registration_way_missing(self) -> bool:
        """Registration needed, but no phone, e-mail, web address or finder registration."""
        return self.registration_required and not (
            self.contact_phone or self.contact_email or self.url or self.registration_via_finder
        )

    def source_hash(self) -> str:
        """A fingerprint of the German texts; translations remember the one they were made from."""
        text = "\x1f".join((self.title, self.summary, self.description))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def is_stale(self) -> bool:
        if self.status == OfferStatus.ARCHIVED:
            return False
        limit = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
        return self.last_reviewed is None or self.last_reviewed < limit


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Schedule(CodedModel):
    """When an offer takes place: weekly on a weekday within a date range, or on one date."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("offer")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    date = models.DateField(_("single date"), null=True, blank=True)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    pauses_in_school_holidays = models.BooleanField(
        _("pauses in NRW school holidays"), default=False
    )

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["date", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__isnull=False, date__isnull=True)
                | Q(weekday__isnull=True, date__isnull=False),
                name="schedule_weekly_or_single",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="schedule_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        when = self.get_weekday_display() if self.weekday is not None else str(self.date)
        return f"{when} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None


class TranslationStatus(models.TextChoices):
    MACHINE = "machine", _("Machine translation, not checked")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class OfferTranslation(CodedModel):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="translations", verbose_name=_("offer")
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TranslationStatus.choices,
        default=TranslationStatus.DRAFT,
    )
    source_hash = models.CharField(_("German text it was made from"), max_length=16)
    outdated = models.BooleanField(_("outdated"), default=False)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["offer", "language"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="offer_translation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.offer} [{self.language}]"


class RegistrationStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    ACCEPTED = "accepted", _("Place confirmed")
    DECLINED = "declined", _("No place")


class RegistrationRequest(CodedModel):
    """A request to take part, sent through the public finder without an account.

    Holds only what the provider needs to answer: a name, one way to reach the person, the
    number of participants and an optional message — and the consent text the person agreed to.
    """

    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        related_name="registration_requests",
        verbose_name=_("offer"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    participants = models.PositiveSmallIntegerField(_("number of participants"), default=1)
    message = models.TextField(_("message"), max_length=500, blank=True)
    language = models.CharField(_("language of the request"), max_length=8, default="de")
    consent_text = models.TextField(_("consent given"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.NEW,
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("registration request")
        verbose_name_plural = _("registration requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="registration_request_reachable"
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1) & Q(participants__lte=10),
                name="registration_request_participants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} – {self.name}"

    @property
    def audit_organisation_id(self) -> int:
        return self.offer.organisation_id
