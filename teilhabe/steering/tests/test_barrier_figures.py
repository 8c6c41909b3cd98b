"""Structural barriers: recorded on the case page through the service, counted per institution
and quarter (and per kind) by hand, small counts hidden with their complement, and in the
Sachstandsbericht."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.cases.models import (
    BarrierCategory,
    Case,
    CaseKind,
    ContactNote,
    Household,
    Institution,
    NoteKind,
    Person,
)
from teilhabe.steering.barriers import barriers_page
from teilhabe.steering.scope import scope_for
from teilhabe.steering.suppression import determined
from teilhabe.steering.testing import district

D = datetime.date
PERIOD = {"von": "2025-01-01", "bis": "2025-12-31"}


def _case(cast, name, place):
    hh = Household.objects.create(organisation=cast.home_org, name=name)
    Person.objects.create(
        organisation=cast.home_org,
        household=hh,
        household_role="head",
        family_name=name,
        given_names="P",
        district=district(place),
    )
    return Case.objects.create(
        organisation=cast.home_org,
        household=hh,
        kind=CaseKind.objects.first(),
        responsible=cast.case_worker,
        opened_on=D(2024, 6, 1),
    )


def _barriers(cast, case, n, *, institution, kind, day):
    ContactNote.objects.bulk_create(
        ContactNote(
            case=case,
            created_by=cast.case_worker,
            kind=NoteKind.BARRIER,
            date=day,
            text="Kein Termin",
            institution=Institution.objects.get(key=institution),
            barrier_category=BarrierCategory.objects.get(key=kind),
        )
        for _ in range(n)
    )


@pytest.fixture
def barriers(cast):
    a = _case(cast, "A", "Altendorf")  # Bezirk III
    b = _case(cast, "B", "Stadtkern")  # Bezirk I
    _barriers(cast, a, 6, institution="jobcenter", kind="wartezeit", day=D(2025, 2, 3))
    _barriers(cast, a, 5, institution="jobcenter", kind="keine-sprachmittlung", day=D(2025, 5, 3))
    _barriers(cast, b, 7, institution="auslaenderbehoerde", kind="wartezeit", day=D(2025, 5, 9))
    _barriers(cast, b, 2, institution="auslaenderbehoerde", kind="unterlagen", day=D(2025, 8, 1))
    _barriers(cast, b, 3, institution="jobcenter", kind="wartezeit", day=D(2024, 12, 31))  # before
    ContactNote.objects.create(  # an ordinary note is no barrier
        case=a, created_by=cast.case_worker, kind=NoteKind.PHONE, date=D(2025, 3, 1), text="x"
    )
    return a, b


def _row(page, table, key):
    t = page.table(table)
    for row, cells in [*t.body(), t.footer()]:
        if row.key == key:
            return {c.key: cell for c, cell in zip(t.shown_columns, cells, strict=True)}
    raise AssertionError(key)


def test_barriers_per_institution_and_quarter_as_counted_by_hand(cast, barriers, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing hidden: check the counting itself
    page = barriers_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    jobcenter = _row(page, "institutions", "jobcenter")
    assert jobcenter["2025-01-01"].value == 6
    assert jobcenter["2025-04-01"].value == 5
    assert jobcenter["2025-07-01"].value == 0
    assert jobcenter["total"].value == 11  # the three of 2024 lie before the period
    office = _row(page, "institutions", "auslaenderbehoerde")
    assert (office["2025-04-01"].value, office["2025-07-01"].value) == (7, 2)
    assert _row(page, "institutions", "all")["total"].value == 20
    assert _row(page, "categories", "wartezeit")["total"].value == 13
    assert _row(page, "categories", "keine-sprachmittlung")["total"].value == 5
    assert _row(page, "categories", "unterlagen")["total"].value == 2


def test_a_borough_counts_the_barriers_of_its_households(cast, barriers, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1
    bezirk = district("Stadtkern").borough
    page = barriers_page(
        scope_for(cast.user(Role.CITY_STEERING), {**PERIOD, "bezirk": str(bezirk.code)})
    )
    assert _row(page, "institutions", "jobcenter")["total"].value == 0
    assert _row(page, "institutions", "all")["total"].value == 9


def test_small_barrier_counts_are_hidden_with_their_complement(cast, barriers):
    page = barriers_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    office = _row(page, "institutions", "auslaenderbehoerde")
    assert office["2025-07-01"].hidden and office["2025-07-01"].text == "< 5"
    # 9 = 7 + 2: the 7 (or the row total) must go too, or 9 − 7 gives the 2 back.
    assert office["2025-04-01"].hidden or office["total"].hidden
    assert _row(page, "categories", "unterlagen")["total"].hidden
    # Nothing hidden can be computed from what is shown, across both tables.
    values, groups, hidden = {}, [], set()
    for t in page.tables:
        for row, cells in [*t.body(), t.footer()]:
            for c, cell in zip(t.shown_columns, cells, strict=True):
                values[(t.key, row.key, c.key)] = row.values.get(c.key, 0)
                if cell.hidden:
                    hidden.add((t.key, row.key, c.key))
    assert hidden
    for t in page.tables:
        for c in t.shown_columns:
            groups.append(((t.key, "all", c.key), [(t.key, r.key, c.key) for r in t.rows]))
        for r in [*t.rows, t.total]:
            for key, parts in t.row_sums.items():
                groups.append(((t.key, r.key, key), [(t.key, r.key, p) for p in parts]))
    groups.append((("institutions", "all", "total"), [("categories", "all", "total")]))
    assert not determined(values, groups, hidden)


def test_a_case_worker_records_a_barrier_on_the_case_page(client, cast):
    case = cast.home_case
    client.force_login(cast.case_worker)
    url = reverse("cases:barrier_add", kwargs={"code": case.code})
    office = Institution.objects.get(key="auslaenderbehoerde")
    kind = BarrierCategory.objects.get(key="keine-sprachmittlung")
    ok = client.post(
        url,
        {
            "barrier-date": case.opened_on.isoformat(),
            "barrier-institution": office.pk,
            "barrier-barrier_category": kind.pk,
            "barrier-text": "Kein Dolmetscher beim Termin.",
        },
    )
    assert ok.status_code == 302
    note = ContactNote.objects.get(case=case, kind=NoteKind.BARRIER)
    assert (note.institution, note.barrier_category, note.created_by) == (
        office,
        kind,
        cast.case_worker,
    )
    from teilhabe.audit.models import AuditEntry

    assert AuditEntry.objects.filter(record_code=str(note.code), action="create").exists()
    page = client.get(reverse("cases:case", kwargs={"code": case.code})).content.decode()
    assert "Kein Dolmetscher beim Termin." in page and office.name in page


def test_a_barrier_without_institution_is_refused_with_a_german_error_summary(client, cast):
    case = cast.home_case
    client.force_login(cast.case_worker)
    before = ContactNote.objects.count()
    bad = client.post(
        reverse("cases:barrier_add", kwargs={"code": case.code}),
        {"barrier-date": case.opened_on.isoformat(), "barrier-text": "Kein Termin."},
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in body
    assert 'href="#id_barrier-institution"' in body  # the summary links to the field
    assert "Kein Termin." in body  # input kept
    assert ContactNote.objects.count() == before


def test_the_barrier_service_refuses_a_day_before_the_case_and_outsiders(cast):
    from django.core.exceptions import PermissionDenied, ValidationError

    from teilhabe.cases.services import barrier_record

    case = cast.home_case
    data = {
        "date": case.opened_on - datetime.timedelta(days=1),
        "institution": Institution.objects.get(key="jobcenter"),
        "barrier_category": BarrierCategory.objects.get(key="wartezeit"),
        "text": "x",
    }
    with pytest.raises(ValidationError) as exc:
        barrier_record(user=cast.case_worker, case=case, data=data)
    assert "date" in exc.value.error_dict
    with pytest.raises(PermissionDenied):
        barrier_record(user=cast.user(Role.CITY_STEERING), case=case, data=data)
    assert not ContactNote.objects.filter(kind=NoteKind.BARRIER).exists()


def test_the_status_report_counts_barriers_per_institution(cast, barriers):
    from teilhabe.reports.figures import barriers_section

    section = barriers_section(D(2025, 1, 1), D(2025, 12, 31))
    rows = {r["institution"]: r["count"] for r in section["rows"]}
    assert rows["Jobcenter"] == "11"
    assert rows["Ausländerbehörde"] == "9"
    assert section["total"] == "20"
    kinds = {r["kind"]: r["count"] for r in section["kinds"]}
    assert kinds["Nicht erfüllbare Nachweise oder Unterlagen verlangt"] == "< 5"
    # 20 − 13 − 5 would give the 2 back: one more kind is hidden.
    assert "< 5" in (
        kinds["Unzumutbare Wartezeit oder kein Termin"],
        kinds["Keine Sprachmittlung / nur deutschsprachige Verfahren"],
    )
