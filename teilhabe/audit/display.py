"""How an audit entry reads to a person (audit pages, the Art. 15 export).

Entries are stored as the code wrote them — the record type as the model's label
(``cases.Person``), the detail as a short English key (``"edit form"``, ``"retention: notes"``,
``"fields: phone, languages"``), the system as ``"system"`` — so that they stay stable whatever
language a reader has. This module turns them into the reader's language: the model's
``verbose_name``, a translated detail (codes inside it as their display names) and "System".
``teilhabe/core/tests/test_german_texts.py`` checks that every detail the code writes has a
translation here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

SYSTEM = "system"

# Details without variable parts.
DETAILS = {
    "add member form": gettext_lazy("form to add a household member"),
    "allocation proposal": gettext_lazy("allocation proposal"),
    "Art. 15 JSON": gettext_lazy("access request (Art. 15 GDPR) as JSON"),
    "Art. 15 PDF": gettext_lazy("access request (Art. 15 GDPR) as PDF"),
    "automatic": gettext_lazy("automatically"),
    "calendar export": gettext_lazy("calendar export"),
    "case file": gettext_lazy("case file"),
    "caseload": gettext_lazy("own cases"),
    "closed": gettext_lazy("case closed"),
    "consent form": gettext_lazy("consent form"),
    "deadlines due soon": gettext_lazy("deadlines due soon"),
    "done": gettext_lazy("marked as done"),
    "download": gettext_lazy("download"),
    "duplicate check": gettext_lazy("duplicate check"),
    "edit form": gettext_lazy("edit form"),
    "ended": gettext_lazy("ended"),
    "escalated": gettext_lazy("escalated"),
    "flat search": gettext_lazy("flat search"),
    "household page": gettext_lazy("household page"),
    "housing and residence": gettext_lazy("housing and residence"),
    "landlord confirmation": gettext_lazy("landlord confirmation"),
    "lifted": gettext_lazy("lifted"),
    "may be lifted": gettext_lazy("may be lifted"),
    "merge candidates": gettext_lazy("candidates for merging"),
    "merge form": gettext_lazy("merge form"),
    "move into a flat": gettext_lazy("move into a flat"),
    "moved in": gettext_lazy("moved in"),
    "moved out": gettext_lazy("moved out"),
    "person search": gettext_lazy("person search"),
    "referral form": gettext_lazy("referral form"),
    "registration through the finder": gettext_lazy("registration through the offer finder"),
    "registrations through the finder": gettext_lazy("registrations through the offer finder"),
    "shared data of a referral": gettext_lazy("data passed on with a referral"),
    "shared data removed": gettext_lazy("data passed on removed"),
    "sharing form": gettext_lazy("sharing form"),
    "team overview": gettext_lazy("team overview"),
    "with health data": gettext_lazy("with health data"),
    "housing review list": gettext_lazy("housing review list"),
    # Volunteers
    "asked": gettext_lazy("asked"),
    "cancelled": gettext_lazy("cancelled"),
    "confirmed": gettext_lazy("confirmed"),
    "Ehrenamtskarte": gettext_lazy("Ehrenamtskarte"),
    "Ehrenamtskarte confirmation": gettext_lazy("confirmation for the Ehrenamtskarte"),
    "Ehrenamtsnachweis": gettext_lazy("Ehrenamtsnachweis"),
    "filled": gettext_lazy("all places filled"),
    "interpreter payouts": gettext_lazy("interpreter payouts"),
    "logged by link": gettext_lazy("hours logged through the link"),
    "matching": gettext_lazy("matching volunteers"),
    "registration": gettext_lazy("registration"),
    "requirement form": gettext_lazy("requirement form"),
    "retention": gettext_lazy("retention period over"),
    "training added": gettext_lazy("training added"),
    "volunteer list": gettext_lazy("volunteer list"),
    "volunteer record": gettext_lazy("volunteer record"),
    "volunteer record form": gettext_lazy("volunteer record form"),
    "volunteer request about a person": gettext_lazy("volunteer request about a person"),
    "volunteer request form": gettext_lazy("volunteer request form"),
}

RETENTION_PARTS = {
    "notes": gettext_lazy("contact notes"),
    "appointments": gettext_lazy("appointments"),
    "deadlines": gettext_lazy("deadlines"),
    "documents": gettext_lazy("documents"),
    "persons": gettext_lazy("persons and households"),
    "registrations": gettext_lazy("registration requests"),
    "unconfirmed": gettext_lazy("unconfirmed volunteers"),
}
BOXES = {"inbox": gettext_lazy("inbox"), "outbox": gettext_lazy("outbox")}


def _choice(model: str, field: str, value: str) -> str:
    choices = dict(apps.get_model(model)._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def _person_fields(names: str) -> str:
    person = apps.get_model("cases.Person")
    labels = []
    for name in filter(None, (n.strip() for n in names.split(","))):
        try:
            labels.append(str(person._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return ", ".join(labels)


def _shared_fields(codes: str) -> str:
    # Referrals build on the audit log, not the other way round: read their labels when shown.
    from teilhabe.referrals.models import SharedField

    labels = dict(SharedField.choices)
    return ", ".join(str(labels.get(c.strip(), c.strip())) for c in codes.split(",") if c.strip())


def _language(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _milestone(m: re.Match) -> str:
    status = _choice("cases.Milestone", "status", m["status"])
    if m["referral"]:
        return _("milestone %(type)s: %(status)s (referral %(code)s)") % {
            "type": m["type"],
            "status": status,
            "code": m["referral"],
        }
    return _("milestone %(type)s: %(status)s") % {"type": m["type"], "status": status}


PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match], str]]] = [
    (
        re.compile(r"^name keys recomputed: (?P<count>\S+) persons$"),
        lambda m: _("name keys recomputed: %(count)s persons") % {"count": m["count"]},
    ),
    (
        re.compile(r"^retention: (?P<part>\w+)$"),
        lambda m: (
            _("retention period over: %(what)s")
            % {"what": RETENTION_PARTS.get(m["part"], m["part"])}
        ),
    ),
    (
        re.compile(r"^fields: (?P<fields>.*)$"),
        lambda m: _("fields changed: %(fields)s") % {"fields": _person_fields(m["fields"]) or "–"},
    ),
    (
        re.compile(r"^→ (?P<recipient>.+?): (?P<fields>.*)$"),
        lambda m: (
            _("to %(recipient)s: %(fields)s")
            % {"recipient": m["recipient"], "fields": _shared_fields(m["fields"])}
        ),
    ),
    (
        re.compile(r"^to (?P<recipient>[^,]+), (?P<scope>\w+)$"),
        lambda m: (
            _("to %(recipient)s, scope: %(scope)s")
            % {
                "recipient": m["recipient"],
                "scope": _choice("cases.SharingGrant", "scope", m["scope"]),
            }
        ),
    ),
    (
        re.compile(r"^merged (?P<code>\S+)$"),
        lambda m: _("took over %(code)s") % {"code": m["code"]},
    ),
    (
        re.compile(r"^into (?P<code>\S+)$"),
        lambda m: _("merged into %(code)s") % {"code": m["code"]},
    ),
    (
        re.compile(r"^referral list \((?P<box>\w+)\)$"),
        lambda m: _("referral list (%(box)s)") % {"box": BOXES.get(m["box"], m["box"])},
    ),
    (
        re.compile(r"^consent form (?P<language>[\w-]+)$"),
        lambda m: _("consent form in %(language)s") % {"language": _language(m["language"])},
    ),
    (
        re.compile(r"^retry (?P<task>\S+)$"),
        lambda m: _("started again: %(task)s") % {"task": m["task"]},
    ),
    (
        re.compile(r"^answer (?P<answer>\w+)$"),
        lambda m: (
            _("answer: %(answer)s")
            % {"answer": _choice("volunteers.Inquiry", "answer", m["answer"])}
        ),
    ),
    (
        re.compile(r"^shared with (?P<organisation>\S+): (?P<fields>.*)$"),
        lambda m: (
            _("passed on to organisation %(organisation)s: %(fields)s")
            % {"organisation": m["organisation"], "fields": m["fields"]}
        ),
    ),
    (
        re.compile(r"^api (?P<status>\w+)$"),
        lambda m: _("API request, answer %(status)s") % {"status": m["status"]},
    ),
    (
        re.compile(r"^status: (?P<status>\w+)$"),
        lambda m: (
            _("status: %(status)s")
            % {"status": _choice("offers.RegistrationRequest", "status", m["status"])}
        ),
    ),
    (
        re.compile(
            r"^(?P<type>[\w-]+): (?P<status>\w+)(?: \((?:referral|Vermittlung) (?P<referral>\S+)\))?$"
        ),
        _milestone,
    ),
]


def detail_label(detail: str) -> str:
    """The detail of an entry in the active language (unknown details as they are)."""
    if not detail:
        return ""
    if detail in DETAILS:
        return str(DETAILS[detail])
    for pattern, render in PATTERNS:
        match = pattern.match(detail)
        if match:
            return render(match)
    return detail


def detail_known(detail: str) -> bool:
    """Whether this module has a translation for ``detail`` (the test of every detail)."""
    return detail in DETAILS or any(pattern.match(detail) for pattern, _render in PATTERNS)


def record_type_label(record_type: str) -> str:
    """``cases.Person`` → "Person" (the model's name in the active language)."""
    try:
        return str(capfirst(apps.get_model(record_type)._meta.verbose_name))
    except (LookupError, ValueError):
        return record_type


def user_label(label: str) -> str:
    return _("system") if not label or label == SYSTEM else label
