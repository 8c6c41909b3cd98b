"""The retention job, with the clock moved forward, removes exactly what expired."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from teilhabe.access import SYSTEM
from teilhabe.audit.models import AuditEntry
from teilhabe.cases import services
from teilhabe.cases.models import (
    Appointment,
    CaseKind,
    ContactNote,
    Deadline,
    Document,
    Household,
    Person,
)
from teilhabe.cases.retention import retention_apply, retention_report
from teilhabe.cases.tasks import retention_run


def _open_case(cast, name):
    return services.household_register(
        user=cast.case_worker,
        organisation=cast.home_org,
        name=name,
        head={"household_role": "head", "family_name": name, "given_names": "Amina"},
        kind=CaseKind.objects.first(),
    )


def _counts(case):
    return {
        "notes": ContactNote.objects.filter(case=case).count(),
        "appointments": Appointment.objects.filter(case=case).count(),
        "deadlines": Deadline.objects.filter(case=case).count(),
        "documents": Document.objects.filter(case=case).count(),
    }


def test_the_retention_job_removes_exactly_what_expired_as_the_clock_moves(
    cast, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    closed = cast.home_case  # note, deadline, appointment, document
    still_open = _open_case(cast, "Offen")
    services.note_add(
        user=cast.case_worker,
        case=still_open,
        data={"date": timezone.localdate(), "kind": "phone", "text": "läuft"},
    )
    today = timezone.localdate()
    services.case_close(user=cast.case_worker, case=closed, closed_on=today, reason="Ziel erreicht")
    file_path = closed.documents.get().file.path

    # Nothing has expired on the day the case closed.
    assert sum(retention_report(today=today).counts().values()) == 0

    # After one year: deadlines and appointments go, notes and documents stay.
    report = retention_report(today=today + datetime.timedelta(days=366))
    assert report.counts() == {
        "notes": 0,
        "appointments": 1,
        "deadlines": 1,
        "documents": 0,
        "households": 0,
        "registrations": 0,
    }
    assert _counts(closed) == {"notes": 1, "appointments": 1, "deadlines": 1, "documents": 1}
    retention_apply(user=SYSTEM, report=report)
    assert _counts(closed) == {"notes": 1, "appointments": 0, "deadlines": 0, "documents": 1}

    # After three years: notes and documents (with the file) go too.
    retention_apply(
        user=SYSTEM, report=retention_report(today=today + datetime.timedelta(days=3 * 365 + 1))
    )
    assert _counts(closed) == {"notes": 0, "appointments": 0, "deadlines": 0, "documents": 0}
    assert not __import__("os").path.exists(file_path)

    # After ten years the household is anonymised; the open case is untouched throughout.
    later = today + datetime.timedelta(days=10 * 365 + 1)
    with mock.patch("teilhabe.cases.retention.timezone.localdate", return_value=later):
        done = retention_run.enqueue().return_value
    assert done["households"] == 1 and done["persons"] == 1
    person = Person.objects.get(household=closed.household)
    assert person.anonymised_at and person.family_name == "anonymisiert" and not person.trauma
    assert person.birth_year == 1985  # statistics keep the year
    assert Household.objects.get(pk=still_open.household_id).anonymised_at is None
    assert ContactNote.objects.filter(case=still_open).count() == 1
    assert AuditEntry.objects.filter(detail__startswith="retention", action="anonymise").exists()


def test_the_command_reports_first_and_changes_nothing_without_apply(cast, capsys):
    closed = cast.home_case
    services.case_close(
        user=cast.case_worker, case=closed, closed_on=timezone.localdate(), reason="x"
    )
    later = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    call_command("retention", "--today", later)
    out = capsys.readouterr().out
    assert "Fristen: 1 abgelaufen" in out and "Nichts geändert" in out
    assert "expired" not in out and "Retention" not in out  # the operator reads German
    assert Deadline.objects.filter(case=closed).count() == 1
    call_command("retention", "--today", later, "--apply")
    assert Deadline.objects.filter(case=closed).count() == 0


def test_the_demo_households_load_once(cast):
    from teilhabe.cases.loading import cases_demo_load

    assert cases_demo_load() == 3
    assert cases_demo_load() == 0
    haddad = Household.objects.get(name="Familie Haddad")
    assert haddad.members.count() == 3
    assert haddad.cases.get().responsible == cast.case_worker


def test_only_the_system_applies_retention_no_person_of_any_role(cast):
    report = retention_report(today=timezone.localdate() + datetime.timedelta(days=4000))
    for role in ("admin", "team_lead", "data_protection_officer"):
        with pytest.raises(PermissionDenied):
            retention_apply(user=cast.user(role), report=report)
    assert retention_apply(user=SYSTEM, report=report)["households"] >= 0
