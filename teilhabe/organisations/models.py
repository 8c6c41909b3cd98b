"""Organisations (city departments, Bezirksstellen, welfare associations, providers …), their
teams and the memberships through which people work in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.access.roles import Role
from teilhabe.core.models import CodedModel
from teilhabe.geography.models import Borough, District


class OrganisationKind(models.TextChoices):
    CITY_DEPARTMENT = "city_department", _("City department")
    BOROUGH_OFFICE = "borough_office", _("Borough office (Bezirksstelle)")
    WELFARE_ASSOCIATION = "welfare_association", _("Welfare association")
    PROVIDER = "provider", _("Provider")
    SCHOOL = "school", _("School")
    KITA = "kita", _("Day-care centre (Kita)")
    AUTHORITY = "authority", _("Authority")
    OTHER = "other", _("Other")


class Organisation(CodedModel):
    # Stable key for data loads (e.g. "bezirksstelle-1"); not shown to users.
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("borough"),
        help_text=_("The borough this organisation works for, if it works for one."),
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="organisations", verbose_name=_("districts served")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Team(CodedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.display_name})"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        today = timezone.localdate()
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            starts_on__lte=today,
            organisation__is_active=True,
        )


class Membership(CodedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation.display_name}"


class CompetenceTeam(CodedModel):
    """Kompetenzteam of a borough: the borough office with its partner organisations
    (Jobcenter, Kommunales Integrationszentrum, Gesundheitsamt, Kinder- und Familienbüro, Schule)."""

    borough = models.OneToOneField(
        Borough, on_delete=models.CASCADE, related_name="competence_team", verbose_name=_("borough")
    )
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(
        Organisation, related_name="competence_teams", verbose_name=_("member organisations")
    )

    class Meta:
        verbose_name = _("competence team")
        verbose_name_plural = _("competence teams")
        ordering = ["borough__number"]

    def __str__(self) -> str:
        return self.name
