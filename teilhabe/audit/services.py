"""Writing the audit log. Every read or change of personal data calls :func:`audit_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from teilhabe.audit.models import AuditAction, AuditEntry


def _person_code(obj: Any) -> str:
    for attr in ("person_code_for_audit",):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return ""


def audit_record(
    *,
    user: Any,
    action: str,
    obj: Any = None,
    record_type: str = "",
    record_code: str = "",
    person_code: str = "",
    organisation_id: int | None = None,
    detail: str = "",
    path: str = "",
    user_label: str = "",
) -> AuditEntry:
    """Append one entry. ``obj`` fills type, code, organisation and person when given.
    ``user_label`` names an actor that is no user account (e.g. an API token)."""
    if obj is not None:
        record_type = record_type or obj._meta.label
        record_code = record_code or str(getattr(obj, "code", "") or obj.pk)
        person_code = person_code or _person_code(obj)
        organisation_id = organisation_id or getattr(obj, "audit_organisation_id", None)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    account = authenticated and getattr(user, "pk", None) is not None
    label = user_label or (user.get_username() if authenticated else "system")
    return AuditEntry.objects.create(
        user=user if account else None,
        user_label=label[:200],
        organisation_id=organisation_id,
        action=action,
        record_type=record_type[:60],
        record_code=record_code[:40],
        person_code=person_code[:40],
        detail=detail[:300],
        path=path[:300],
    )


def audit_read(request, obj: Any, *, detail: str = "") -> AuditEntry:
    return audit_record(
        user=request.user, action=AuditAction.READ, obj=obj, detail=detail, path=request.path
    )


def audit_read_many(request, objs: Iterable[Any], *, detail: str) -> list[AuditEntry]:
    """One entry per record shown on a list page (persons named on the page)."""
    entries = [
        AuditEntry(
            user=request.user,
            user_label=request.user.get_username()[:200],
            organisation_id=getattr(o, "audit_organisation_id", None),
            action=AuditAction.READ,
            record_type=o._meta.label,
            record_code=str(o.code),
            person_code=_person_code(o),
            detail=detail[:300],
            path=request.path[:300],
        )
        for o in objs
    ]
    return AuditEntry.objects.bulk_create(entries)
