"""The main navigation: one entry per area, shown to users whose roles grant its action."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.access import Action, can


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    action: str
    # URL prefix that marks the entry as current ("" = exact match of the URL).
    prefix: str = ""


NAVIGATION: list[NavEntry] = [
    NavEntry(_("Start"), "dashboard:start", Action.USE_APP),
    NavEntry(_("City area"), "geography:overview", Action.VIEW_GEOGRAPHY, "/stadtgebiet/"),
    NavEntry(
        _("Organisations"), "organisations:list", Action.VIEW_ORGANISATIONS, "/organisationen/"
    ),
    # Labels translated in the cases and audit catalogues.
    NavEntry(_("Case work"), "cases:caseload", Action.VIEW_CASES, "/faelle/"),
    NavEntry(_("Audit log"), "audit:search", Action.VIEW_AUDIT_LOG, "/protokoll/"),
    # Translated in the offers catalogue.
    NavEntry(_("Offers"), "offers:list", Action.VIEW_OFFERS, "/angebotsverwaltung/"),
    # Translated in the referrals catalogue.
    NavEntry(_("Referrals"), "referrals:list", Action.VIEW_REFERRALS, "/vermittlungen/"),
    # Translated in the steering catalogue.
    NavEntry(_("Figures"), "steering:overview", Action.VIEW_BOROUGH_FIGURES, "/steuerung/"),
    # Translated in the volunteers catalogue.
    NavEntry(_("Volunteers"), "volunteers:list", Action.MANAGE_VOLUNTEERS, "/ehrenamt/"),
    NavEntry(
        _("Volunteer requests"),
        "volunteers:requests",
        Action.REQUEST_VOLUNTEERS,
        "/ehrenamt/anfragen/",
    ),
    # Translated in the housing catalogue.
    NavEntry(
        _("Accommodation"),
        "housing:accommodations",
        Action.VIEW_ACCOMMODATION,
        "/wohnen/unterkuenfte/",
    ),
    NavEntry(_("Residence review"), "housing:review", Action.VIEW_CASES, "/wohnen/pruefliste/"),
    NavEntry(
        _("Housing figures"), "housing:figures", Action.VIEW_BOROUGH_FIGURES, "/wohnen/kennzahlen/"
    ),
    NavEntry(_("Council reports"), "reports:list", Action.MAKE_REPORTS, "/berichte/"),
    # Translated in the finance catalogue.
    NavEntry(_("Money and projects"), "finance:projects", Action.VIEW_GRANTS, "/finanzen/"),
    NavEntry(_("Administration"), "admin:index", Action.USE_ADMIN_SITE, "/admin/"),
    NavEntry(_("Background tasks"), "jobs:tasks", Action.MANAGE_TASKS, "/hintergrund/aufgaben/"),
    # Translated in the api catalogue (teilhabe/api/controlling).
    NavEntry(_("API access"), "api_tokens:list", Action.MANAGE_API_TOKENS, "/api-zugaenge/"),
]


def entries_for(request) -> list[dict]:
    path = request.path
    items = []
    for entry in NAVIGATION:
        if not can(request.user, entry.action):
            continue
        url = reverse(entry.url_name)
        current = path == url if not entry.prefix else path.startswith(entry.prefix)
        items.append({"label": entry.label, "url": url, "current": current})
    return items
