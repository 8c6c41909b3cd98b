"""A demo case of the Caritas case worker for tests (URL matrix, access, audit).

Idempotent: looked up by its household name, created through the services otherwise.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from teilhabe.cases import services
from teilhabe.cases.models import Case, CaseKind, DataCategory

DEMO_HOUSEHOLD = "Familie Haddad (Test)"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_case(case_worker, organisation) -> Case:
    existing = (
        Case.objects.filter(household__name=DEMO_HOUSEHOLD, organisation=organisation)
        .select_related("household")
        .first()
    )
    if existing is not None:
        return existing
    today = timezone.localdate()
    case = services.household_register(
        user=case_worker,
        organisation=organisation,
        name=DEMO_HOUSEHOLD,
        head={
            "household_role": "head",
            "family_name": "Haddad",
            "given_names": "Mohammed",
            "birth_year": 1985,
            "birth_month": 3,
            "birth_day": 14,
            "gender": "m",
            "residence_status": "ae_25",
            "arrived_in_germany": datetime.date(2016, 2, 1),
            "bamf_file_number": "7012345-475",
            "trauma": True,
        },
        kind=CaseKind.objects.get(key="wohnungsbetreuung"),
    )
    person = case.household.members.get()
    services.note_add(
        user=case_worker,
        case=case,
        data={"date": today, "kind": "in_person", "topics": "Wohnung", "text": "Erstgespräch"},
    )
    services.deadline_add(
        user=case_worker,
        case=case,
        data={
            "kind": "residence_expiry",
            "title": "Aufenthaltserlaubnis läuft ab",
            "due_on": today + datetime.timedelta(days=7),
            "person": person,
        },
    )
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    services.appointment_add(
        user=case_worker,
        case=case,
        data={
            "title": "Termin Jobcenter",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=1),
        },
    )
    services.document_add(
        user=case_worker,
        case=case,
        title="Mietvertrag",
        upload=SimpleUploadedFile("mietvertrag.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return case


def demo_consent(case_worker, case: Case, recipient):
    person = case.household.members.order_by("pk").first()
    return services.consent_record(
        user=case_worker,
        person=person,
        purpose="Übergabe an die Asylverfahrensberatung",
        recipients=[recipient],
        given_on=timezone.localdate(),
        method="oral",
        purpose_kind="handover",
        data_categories=[c for c in DataCategory.values if c not in ("case_notes", "health")],
    )
