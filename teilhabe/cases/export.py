"""GDPR Art. 15: everything stored about one person.

:func:`person_export` is the machine-readable answer (JSON): stable English keys, values
resolved to what they mean (names instead of internal ids, a ``<field>_label`` next to every
coded value, times in local time with their offset). :func:`person_export_readable` is the
same content for the person to read (the PDF): German labels and display values, local
times, no internal ids or codes, grouped as a person understands it (Ihre Angaben, Ihre Fälle,
Termine, Einwilligungen, Weitergaben, ...).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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

# Internal columns that mean nothing to the person (derived search keys, database ids).
_SKIP = {"id", "search_name", "family_key", "given_key", "file", "merged_into"}

# Other apps add their data of the person (registered in their AppConfig.ready): pairs of a
# stable key (the app label) and a callable ``(user, person) -> list[dict]`` with display
# values; a row's ``section`` names its kind. The JSON carries them under the key, the PDF as
# a section titled with the app's name.
EXPORT_SECTIONS: list[tuple[str, Any]] = []


@dataclass
class Records:
    """Everything the export shows, loaded once for both renderings."""

    person: Person
    sensitive: bool
    cases: list[Case]
    notes: list[ContactNote]
    deadlines: list[Deadline]
    appointments: list[Appointment]
    documents: list[Document]
    milestones: list[Milestone]
    consents: list[Consent]
    grants: list[SharingGrant]
    referrals: list[Any]
    accesses: list[AuditEntry]


def _collect(user: Any, person: Person) -> Records:
    sensitive = can(user, Action.VIEW_SENSITIVE, person)
    concerning = Q(person=person) | Q(person__isnull=True)
    cases = list(
        visible(user, Action.VIEW_CASES, Case)
        .filter(household=person.household_id)
        .select_related("organisation", "kind", "responsible", "team")
        .order_by("opened_on", "pk")
    )
    case_ids = [c.pk for c in cases]

    def rows(model, order):
        return list(
            visible(user, Action.VIEW_CASES, model)
            .filter(concerning, case_id__in=case_ids)
            .select_related("case__organisation", "person", "created_by")
            .order_by(*order)
        )

    Referral = apps.get_model("referrals", "Referral")
    return Records(
        person=person,
        sensitive=sensitive,
        cases=cases,
        notes=rows(ContactNote, ("date", "pk")),
        deadlines=rows(Deadline, ("due_on", "pk")),
        appointments=rows(Appointment, ("starts_at", "pk")),
        documents=rows(Document, ("created_at", "pk")),
        milestones=list(Milestone.objects.filter(person=person).select_related("type", "person")),
        consents=list(
            Consent.objects.filter(person=person)
            .select_related("recorded_by", "form_document")
            .prefetch_related("recipients")
            .order_by("given_on", "pk")
        ),
        grants=list(
            SharingGrant.objects.filter(case_id__in=case_ids)
            .select_related("recipient", "consent", "granted_by", "case__organisation")
            .order_by("valid_from", "pk")
        ),
        referrals=list(
            Referral.objects.filter(person=person)
            .select_related("sender", "recipient", "offer", "consent")
            .order_by("created_at", "pk")
        ),
        accesses=list(AuditEntry.objects.filter(person_code=str(person.code)).order_by("at")),
    )


# -- JSON -------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _plain(obj: models.Model, exclude=()) -> dict[str, Any]:
    """The object's fields under their (stable) names; related objects by name, coded values
    with their label next to them, times in local time. No database ids."""
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in _SKIP or f.name in exclude:
            continue
        if f.is_relation:
            data[f.name] = _json_value(getattr(obj, f.name))
        else:
            value = getattr(obj, f.attname)
            data[f.name] = _json_value(value)
            if f.choices and value not in (None, ""):
                data[f"{f.name}_label"] = str(getattr(obj, f"get_{f.name}_display")())
    for m2m in obj._meta.many_to_many:
        data[m2m.name] = [str(x) for x in getattr(obj, m2m.name).all()]
    return data


def person_export(user: Any, person: Person) -> dict[str, Any]:
    """The person's own data, the records of the household's cases that concern the person or
    the whole household, consents, sharing, the integration plan and who accessed the data."""
    with translation.override("de"):
        data = _export_json(_collect(user, person))
        for key, build in EXPORT_SECTIONS:
            data[key] = build(user, person)
        return data


def _export_json(r: Records) -> dict[str, Any]:
    person = r.person
    return {
        "person": _plain(person, exclude=() if r.sensitive else Person.SENSITIVE_FIELDS),
        "household": {"code": str(person.household.code), "name": person.household.name},
        "cases": [
            {
                "code": str(c.code),
                "organisation": c.organisation.name,
                "kind": c.kind.name,
                "responsible": str(c.responsible),
                "opened_on": c.opened_on.isoformat(),
                "closed_on": c.closed_on.isoformat() if c.closed_on else None,
                "close_reason": c.close_reason,
            }
            for c in r.cases
        ],
        "contact_notes": [_plain(o) for o in r.notes],
        "deadlines": [_plain(o) for o in r.deadlines],
        "appointments": [_plain(o) for o in r.appointments],
        "documents": [_plain(o) for o in r.documents],
        "integration_plan": [_plain(m) for m in r.milestones],
        "consents": [_plain(c) for c in r.consents],
        "sharing": [
            {
                "code": str(g.code),
                "kind": "grant",
                "recipient": g.recipient.name,
                "scope": g.scope,
                "scope_label": g.get_scope_display(),
                "consent": g.consent.purpose,
                "reason": g.reason,
                "valid_from": _json_value(g.valid_from),
                "valid_until": _json_value(g.valid_until),
                "revoked_at": _json_value(g.revoked_at),
            }
            for g in r.grants
        ],
        "referrals": [_referral_json(x) for x in r.referrals],
        "accesses": [
            {
                "at": _json_value(e.at),
                "who": e.user_display,
                "action": e.action,
                "action_label": e.get_action_display(),
                "record_type": e.record_type_display,
            }
            for e in r.accesses
        ],
    }


def _referral_json(x) -> dict[str, Any]:
    return {
        "code": str(x.code),
        "sender": x.sender.name,
        "recipient": x.recipient.name,
        "offer": x.offer.title if x.offer_id else None,
        "status": x.status,
        "status_label": x.get_status_display(),
        "sent": _json_value(x.created_at),
        "consent": x.consent.purpose if x.consent_id else None,
        "shared_fields": list(x.shared_fields or []),
        "shared_fields_labels": _shared_field_labels(x),
        "shared": dict(x.shared or {}),
    }


def _shared_field_labels(referral) -> list[str]:
    from teilhabe.referrals.models import SharedField  # referrals builds on cases

    labels = dict(SharedField.choices)
    return [str(labels.get(code, code)) for code in referral.shared_fields or []]


# -- readable (PDF) ---------------------------------------------------------------------


@dataclass
class Entry:
    """One thing in a section: a title line and labelled values."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    entries: list[Entry]
    empty: str = ""


def _display(obj: models.Model, name: str) -> str:
    f = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value in (None, ""):
        return ""
    if getattr(f, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") + " Uhr"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return str(value)


def _rows(obj: models.Model, names) -> list[tuple[str, str]]:
    out = []
    for name in names:
        value = _display(obj, name)
        if value:
            label = str(obj._meta.get_field(name).verbose_name)
            out.append((label[:1].upper() + label[1:], value))
    return out


def _when(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") + " Uhr"
    return formats.date_format(value, "DATE_FORMAT")


# German labels for the keys other apps use in their export rows (EXPORT_SECTIONS).
_EXTRA_LABELS = {
    "residence_title": gettext_lazy("Residence title"),
    "legal_basis": gettext_lazy("Legal basis"),
    "issued_on": gettext_lazy("Issued on"),
    "valid_until": gettext_lazy("Valid until"),
    "authority": gettext_lazy("Authority"),
    "benefit_system": gettext_lazy("Benefit system"),
    "system": gettext_lazy("Benefit system"),
    "from": gettext_lazy("From"),
    "until": gettext_lazy("Until"),
    "residence_obligation": gettext_lazy("Residence obligation"),
    "place": gettext_lazy("Place"),
    "lifted_on": gettext_lazy("Lifted on"),
    "asylum_procedure": gettext_lazy("Asylum procedure"),
    "applied_on": gettext_lazy("Applied on"),
    "file_number": gettext_lazy("File number"),
    "interview": gettext_lazy("Interview"),
    "decision": gettext_lazy("Decision"),
    "decision_on": gettext_lazy("Decided on"),
    "delivered_on": gettext_lazy("Delivered on"),
    "legal_remedy_until": gettext_lazy("Deadline for legal remedy"),
    "housing": gettext_lazy("Housing"),
    "kind": gettext_lazy("Kind"),
    "district": gettext_lazy("District (Stadtteil)"),
    "moved_in": gettext_lazy("Moved in"),
    "moved_out": gettext_lazy("Moved out"),
}
_FILE_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
_PERSON_FIELDS = (
    "family_name",
    "given_names",
    "other_spellings",
    "gender",
    "nationalities",
    "languages",
    "needs_interpreter",
    "household_role",
)
_RESIDENCE_FIELDS = (
    "residence_status",
    "residence_valid_until",
    "arrived_in_germany",
    "arrived_in_city",
    "bamf_file_number",
)
_CONTACT_FIELDS = ("street", "postcode", "district", "housing", "phone", "email")
_BACKGROUND_FIELDS = ("school_background", "work_background")


def person_export_readable(user: Any, person: Person) -> list[Section]:
    """The Art. 15 answer for the person to read, in German (labels and values)."""
    with translation.override("de"):
        sections = _readable(_collect(user, person))
        extra = [_extra_section(key, build(user, person)) for key, build in EXPORT_SECTIONS]
        return [*sections[:-1], *extra, sections[-1]]  # accesses stay last


def _extra_label(key: str) -> str:
    label = _EXTRA_LABELS.get(key)
    return str(label) if label else key.replace("_", " ").capitalize()


def _extra_value(value: Any) -> str:
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return _when(datetime.date.fromisoformat(value))
            return _when(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


def _extra_section(key: str, rows: list[dict]) -> Section:
    try:
        title = str(apps.get_app_config(key).verbose_name)
    except LookupError:
        title = _extra_label(key)
    entries = [
        Entry(
            _extra_label(row.get("section", key)),
            [(_extra_label(k), _extra_value(v)) for k, v in row.items() if k != "section"],
        )
        for row in rows
    ]
    for entry in entries:
        entry.rows = [(k, v) for k, v in entry.rows if v]
    return Section(key, title, entries, _("No entries."))


def _readable(r: Records) -> list[Section]:
    p = r.person
    about = Entry(_("Personal details"), _rows(p, _PERSON_FIELDS))
    if p.birth_year:
        about.rows.insert(2, (_("Date of birth"), p.birth_display))
    about.rows.append((_("Household"), p.household.name))
    about.rows.append((_("Registered by"), p.organisation.name))
    about.rows.append((_("Registered on"), _when(p.created_at)))
    entries = [
        about,
        Entry(_("Residence"), _rows(p, _RESIDENCE_FIELDS)),
        Entry(_("Address and contact"), _rows(p, _CONTACT_FIELDS)),
        Entry(_("School and work"), _rows(p, _BACKGROUND_FIELDS)),
    ]
    if r.sensitive:
        entries.append(Entry(_("Health and particular needs"), _rows(p, Person.SENSITIVE_FIELDS)))
    sections = [Section("person", _("Your details"), [e for e in entries if e.rows])]

    sections.append(
        Section(
            "cases",
            _("Your cases"),
            [
                Entry(
                    f"{c.kind.name} – {c.organisation.name}",
                    [
                        (_("Responsible case worker"), str(c.responsible)),
                        (_("Opened on"), _when(c.opened_on)),
                        (_("Closed on"), _when(c.closed_on)),
                        (_("Reason for closing"), c.close_reason),
                    ],
                )
                for c in r.cases
            ],
            _("No cases."),
        )
    )
    sections.append(
        Section(
            "notes",
            _("Notes on conversations"),
            [
                Entry(
                    f"{_when(n.date)} – {n.get_kind_display()}",
                    [
                        *_rows(n, ("topics", "duration_minutes", "text")),
                        (_("Recorded by"), f"{n.created_by} ({n.case.organisation.name})"),
                    ],
                )
                for n in r.notes
            ],
            _("No notes."),
        )
    )
    sections.append(
        Section(
            "deadlines",
            _("Deadlines"),
            [Entry(d.title, _rows(d, ("kind", "due_on", "done_on"))) for d in r.deadlines],
            _("No deadlines."),
        )
    )
    sections.append(
        Section(
            "appointments",
            _("Appointments"),
            [
                Entry(a.title, _rows(a, ("starts_at", "ends_at", "location")))
                for a in r.appointments
            ],
            _("No appointments."),
        )
    )
    sections.append(
        Section(
            "documents",
            _("Documents"),
            [
                Entry(
                    d.title,
                    [
                        *_rows(d, ("original_name", "created_at")),
                        (_("File type"), _FILE_TYPES.get(d.content_type, d.content_type)),
                    ],
                )
                for d in r.documents
            ],
            _("No documents."),
        )
    )
    sections.append(
        Section(
            "plan",
            _("Integration plan"),
            [
                Entry(
                    m.type.name,
                    _rows(m, ("status", "planned_on", "started_on", "achieved_on", "note")),
                )
                for m in r.milestones
            ],
            _("No milestones."),
        )
    )
    sections.append(
        Section(
            "consents",
            _("Consents"),
            [
                Entry(
                    c.purpose,
                    [
                        *_rows(c, ("given_on", "method", "purpose_kind")),
                        (_("Recipients"), ", ".join(o.name for o in c.recipients.all())),
                        (_("Data covered"), ", ".join(c.data_category_labels)),
                        (_("Revoked"), _when(c.revoked_at)),
                    ],
                )
                for c in r.consents
            ],
            _("No consents."),
        )
    )
    sharing = [
        Entry(
            _("Access to the case file for %(recipient)s") % {"recipient": g.recipient.name},
            [
                (_("Scope"), g.get_scope_display()),
                (_("Consent"), g.consent.purpose),
                (_("Reason"), g.reason),
                (_("Valid from"), _when(g.valid_from)),
                (_("Valid until"), _when(g.valid_until)),
                (_("Revoked"), _when(g.revoked_at)),
            ],
        )
        for g in r.grants
    ] + [
        Entry(
            _("Referral to %(recipient)s") % {"recipient": x.recipient.name},
            [
                (_("Offer"), x.offer.title if x.offer_id else ""),
                (_("Sent on"), _when(x.created_at)),
                (_("Data shared"), ", ".join(_shared_field_labels(x))),
                (_("Consent"), x.consent.purpose if x.consent_id else ""),
                (_("Status"), x.get_status_display()),
            ],
        )
        for x in r.referrals
    ]
    sections.append(Section("sharing", _("Data passed on"), sharing, _("Nothing passed on.")))
    sections.append(
        Section(
            "accesses",
            _("Who accessed your data"),
            [
                Entry(
                    f"{_when(e.at)} – {e.user_display}",
                    [(_("What"), f"{e.get_action_display()}: {e.record_type_display}")],
                )
                for e in r.accesses
            ],
            _("No accesses recorded."),
        )
    )
    for section in sections:
        for entry in section.entries:
            entry.rows = [(k, v) for k, v in entry.rows if v not in (None, "")]
    return sections


def export_language(person: Person) -> str | None:
    """The person's language for the explanations in the export, where the public directory
    has it (its languages: ``PUBLIC_LANGUAGES``), else None (German only)."""
    from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES, SPOKEN_LANGUAGES

    names = {v.lower(): k for k, v in SPOKEN_LANGUAGES.items()}
    for token in person.languages.replace(";", ",").replace("/", ",").split(","):
        token = token.strip().lower()
        code = token if token in SPOKEN_LANGUAGES else names.get(token)
        if code and code != "de" and code in PUBLIC_LANGUAGE_CODES:
            return code
    return None
