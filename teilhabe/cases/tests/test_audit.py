"""Every view that shows personal data writes an audit entry; the log is append-only."""

import pytest
from django.db import transaction
from django.urls import reverse

from teilhabe.audit.models import AppendOnlyError, AuditEntry
from teilhabe.cases.url_access import RULES

# GET pages that show no personal data: the empty registration form.
NO_PERSONAL_DATA = {"cases:register"}


def _personal_get_views():
    """All case-management URLs that answer GET (POST-only ones write and are audited there)."""
    return sorted(name for name, r in RULES.items() if r.ok == 200 and name not in NO_PERSONAL_DATA)


@pytest.mark.parametrize("name", _personal_get_views())
def test_every_view_that_shows_personal_data_writes_an_audit_entry(client, cast, name):
    r = RULES[name]
    kwargs = r.kwargs(cast) if r.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    _ = cast.home_case  # there is personal data to show
    user = cast.case_worker if "case_worker" in r.allow else cast.user("team_lead")
    client.force_login(user)
    before = AuditEntry.objects.filter(user=user).count()
    response = client.get(url + ("?q=Haddad" if name == "cases:search" else ""))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(user=user).count() > before, name
    assert AuditEntry.objects.filter(user=user, path=url, action__in=["read", "export"]).exists(), (
        name
    )


def test_the_enumeration_covers_every_cases_url():
    from teilhabe.cases.urls import urlpatterns

    names = {f"cases:{p.name}" for p in urlpatterns}
    assert names == set(RULES)
    assert len(_personal_get_views()) >= 12


def test_changes_are_audited_with_who_and_what(cast):
    case = cast.home_case
    entry = AuditEntry.objects.filter(record_code=str(case.code), action="create").get()
    assert entry.user == cast.case_worker
    assert entry.record_type == "cases.Case"


def test_audit_entries_cannot_be_changed_or_deleted(cast):
    _ = cast.home_case
    entry = AuditEntry.objects.first()
    entry.detail = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(detail="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db(transaction=False)
def test_on_postgresql_the_database_refuses_to_change_the_log(cast):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigger exists on PostgreSQL only")
    _ = cast.home_case
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute("UPDATE audit_auditentry SET detail = 'x'")


def test_the_data_protection_officer_searches_the_log_and_sees_a_persons_access_report(
    client_as, cast
):
    person = cast.home_case.household.members.first()
    client = client_as("case_worker")
    client.get(reverse("cases:person", kwargs={"code": person.code}))
    client = client_as("data_protection_officer")
    page = client.get(reverse("audit:search") + f"?record={person.code}")
    assert page.status_code == 200
    assert "fachkraft@essen.teilhabe.example" in page.content.decode()
    report = client.get(reverse("audit:person", kwargs={"code": person.code}))
    assert report.status_code == 200
    body = report.content.decode()
    assert "fachkraft@essen.teilhabe.example" in body
    assert "Haddad" not in body  # the log names records by code, never by name
