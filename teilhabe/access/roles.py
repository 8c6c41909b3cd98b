"""The roles a person can hold in an organisation, and the scope each role works in."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CITY_STEERING = "city_steering", _("City steering")
    BOROUGH_COORDINATOR = "borough_coordinator", _("Borough coordinator")
    CASE_WORKER = "case_worker", _("Case worker")
    TEAM_LEAD = "team_lead", _("Team lead")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")


class Scope(models.TextChoices):
    """How far a role's permissions reach from the organisation that holds the membership."""

    CITY = "city", _("whole city")
    BOROUGH = "borough", _("own borough")
    ORGANISATION = "organisation", _("own organisation")


ROLE_SCOPE: dict[str, str] = {
    Role.ADMIN: Scope.CITY,
    Role.CITY_STEERING: Scope.CITY,
    Role.BOROUGH_COORDINATOR: Scope.BOROUGH,
    Role.CASE_WORKER: Scope.ORGANISATION,
    Role.TEAM_LEAD: Scope.ORGANISATION,
    Role.VOLUNTEER_COORDINATOR: Scope.ORGANISATION,
    Role.PROVIDER_EDITOR: Scope.ORGANISATION,
    Role.FINANCE_OFFICER: Scope.CITY,
    Role.DATA_PROTECTION_OFFICER: Scope.CITY,
}
