"""GDPR Art. 15: everything stored about one person, as a plain structure (JSON) for export."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.forms.models import model_to_dict

from teilhabe.access import Action, can, visible
from teilhabe.audit.models import AuditEntry
from teilhabe.cases.models import (
    Appointment,
    Case,
    Consent,
    ContactNote,
    Deadline,
    Document,
    Milestone,
    Person,
    SharingGrant,
)

_SKIP = {"id", "search_name", "family_key", "given_key"}

# Other apps add their data of the person (registered in their AppConfig.ready): pairs of a
# stable key and a callable ``(user, person) -> list[dict]`` with display values.
EXPORT_SECTIONS: list[tuple[str, Any]] = []


def _plain(obj, exclude=()) -> dict[str, Any]:
    data = model_to_dict(obj, exclude=[*_SKIP, *exclude, "file"])
    data["code"] = str(obj.code) if hasattr(obj, "code") else None
    for k, v in list(data.items()):
        if hasattr(v, "isoformat"):
            data[k] = v.isoformat()
        elif isinstance(v, list):
            data[k] = [str(x.pk if hasattr(x, "pk") else x) for x in v]
        elif v is not None and not isinstance(v, (str, int, float, bool)):
            data[k] = str(v)
    return data


def person_export(user: Any, person: Person) -> dict[str, Any]:
    """The person's own data, the records of the household's cases that concern the person or
    the whole household, consents, sharing, the integration plan and who accessed the data."""
    sensitive = can(user, Action.VIEW_SENSITIVE, person)
    concerning = Q(person=person) | Q(person__isnull=True)
    case_ids = list(
        visible(user, Action.VIEW_CASES, Case)
        .filter(household=person.household_id)
        .values_list("pk", flat=True)
    )

    def rows(model, **extra):
        return [
            _plain(o, **extra)
            for o in visible(user, Action.VIEW_CASES, model)
            .filter(concerning, case_id__in=case_ids)
            .order_by("pk")
        ]

    data = {
        "person": _plain(person, exclude=() if sensitive else Person.SENSITIVE_FIELDS),
        "household": {"code": str(person.household.code), "name": person.household.name},
        "cases": [
            {
                "code": str(c.code),
                "organisation": c.organisation.name,
                "kind": c.kind.name,
                "opened_on": c.opened_on.isoformat(),
                "closed_on": c.closed_on.isoformat() if c.closed_on else None,
                "close_reason": c.close_reason,
            }
            for c in Case.objects.filter(pk__in=case_ids).select_related("organisation", "kind")
        ],
        "contact_notes": rows(ContactNote),
        "deadlines": rows(Deadline),
        "appointments": rows(Appointment),
        "documents": rows(Document),
        "integration_plan": [
            {**_plain(m), "milestone": m.type.name}
            for m in Milestone.objects.filter(person=person).select_related("type")
        ],
        "consents": [_plain(c) for c in Consent.objects.filter(person=person)],
        "sharing": [
            {
                "code": str(g.code),
                "recipient": g.recipient.name,
                "scope": g.scope,
                "valid_from": g.valid_from.isoformat(),
                "valid_until": g.valid_until.isoformat() if g.valid_until else None,
                "revoked_at": g.revoked_at.isoformat() if g.revoked_at else None,
            }
            for g in SharingGrant.objects.filter(case_id__in=case_ids).select_related("recipient")
        ],
        "accesses": [
            {
                "at": e.at.isoformat(),
                "who": e.user_label,
                "action": e.action,
                "record_type": e.record_type,
            }
            for e in AuditEntry.objects.filter(person_code=str(person.code)).order_by("at")
        ],
    }
    for key, build in EXPORT_SECTIONS:
        data[key] = build(user, person)
    return data
