"""The printable confirmation for landlords (only with the person's consent)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.cases.models import Consent, Household
from teilhabe.cases.pdf import Document
from teilhabe.housing.models import FlatSearch


def landlord_letter(
    *, household: Household, consent: Consent, search: FlatSearch | None, user: Any
) -> bytes:
    org = household.organisation
    members = list(household.members.filter(anonymised_at__isnull=True))
    doc = Document()
    doc.para(
        "\n".join(p for p in (org.name, org.street, f"{org.postcode} {org.city}".strip()) if p),
        gap=6,
    )
    doc.heading("Bestätigung für Vermieterinnen und Vermieter")
    doc.para(
        f"Hiermit bestätigen wir, dass der Haushalt {consent.person.full_name} "
        f"({len(members)} Person{'en' if len(members) != 1 else ''}) von {org.name} bei der "
        "Suche nach einer eigenen Wohnung begleitet wird (Wohnungsbetreuung). Wir stehen "
        "Ihnen als Ansprechpartner während der Anmietung und nach dem Einzug zur Verfügung."
    )
    if search is not None:
        if search.rooms_needed:
            doc.field("Gesuchte Zimmerzahl", search.rooms_needed)
        if search.wbs_status == "issued" and search.wbs_valid_until:
            doc.field(
                "Wohnberechtigungsschein",
                f"liegt vor, gültig bis {search.wbs_valid_until:%d.%m.%Y}",
            )
    doc.ln(3)
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    doc.field("Ansprechperson", name or org.name)
    doc.field("Telefon", org.phone)
    doc.field("E-Mail", org.email)
    doc.ln(3)
    doc.para(
        f"Diese Bestätigung wird mit der Einwilligung von {consent.person.full_name} vom "
        f"{consent.given_on:%d.%m.%Y} ausgestellt ({consent.purpose}). Sie enthält keine "
        "weiteren Angaben zur Person.",
        gap=6,
    )
    place = f"{org.city}, " if org.city else ""
    doc.para(f"{place}{timezone.localdate():%d.%m.%Y}")
    return doc.bytes()
