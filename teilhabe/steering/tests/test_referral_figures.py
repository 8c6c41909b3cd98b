"""Referral figures: counted by hand, suppressed across every table of the page, and the same
for a Stadtteil whether seen from the city or from its Bezirk."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.organisations.models import Organisation
from teilhabe.referrals.models import ReferralStatus as S
from teilhabe.steering.referrals import referral_page
from teilhabe.steering.scope import scope_for
from teilhabe.steering.suppression import determined
from teilhabe.steering.testing import category, district, offer_in, referrals

MONDAY = datetime.date(2025, 9, 8)  # no public holiday in NRW in the following two weeks
PERIOD = {"von": "2025-09-01", "bis": "2025-09-30"}


@pytest.fixture
def provider():
    return Organisation.objects.get(key="diakoniewerk-essen")


@pytest.fixture
def send(cast):
    def send(n, offer, lives_in, **kw):
        return referrals(
            n,
            offer=offer,
            sender=cast.home_org,
            sender_user=cast.case_worker,
            lives_in=lives_in,
            sent_on=MONDAY,
            **kw,
        )

    return send


def _row(page, table, label):
    t = page.table(table)
    for row, cells in t.body():
        if label in (row.label, row.key):
            return dict(zip([c.key for c in t.shown_columns], cells, strict=True))
    raise AssertionError(f"{label} not in {table}")


def _total(page, table):
    t = page.table(table)
    return dict(zip([c.key for c in t.shown_columns], t.footer()[1], strict=True))


def test_acceptance_and_response_times_are_counted_as_by_hand(cast, provider, send):
    language = category("t-sprache", "Sprache (Test)")
    offer = offer_in("Stadtkern", provider=provider, cat=language)
    # 5 accepted after one working day, 5 declined after five working days (Mon → Mon).
    send(5, offer, "Altendorf", status=S.ACCEPTED, responded_after_days=1)
    send(5, offer, "Altendorf", status=S.DECLINED, responded_after_days=7)
    page = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    row = _row(page, "categories", "Sprache (Test)")
    assert row["total"].value == 10
    assert row["acceptance"].text == "50 %"
    assert row["response"].value == 3  # median of 1,1,1,1,1,5,5,5,5,5
    funnel = _row(page, "funnel", "Sprache (Test)")
    assert funnel["status_accepted"].value == 5
    assert funnel["status_declined"].value == 5
    assert funnel["status_sent"].value == 0


def test_a_referral_counts_for_the_stadtteil_of_the_offer_and_of_the_person(cast, provider, send):
    offer = offer_in("Stadtkern", provider=provider, cat=category("t-a", "A (Test)"))
    send(6, offer, "Altendorf")
    page = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    assert _row(page, "districts_offer", "Stadtkern")["total"].value == 6
    assert _row(page, "districts_person", "Altendorf")["total"].value == 6
    assert _row(page, "districts_offer", "Altendorf")["total"].value == 0
    bezirk_i = str(district("Stadtkern").borough)
    assert _row(page, "boroughs_offer", bezirk_i)["total"].value == 6


def test_the_borough_coordinator_sees_the_referral_to_an_offer_in_the_own_borough(
    cast, provider, send
):
    """Issue 9: Bezirk I saw "no referrals" while the city counted one to Stadtkern."""
    coordinator = cast.user(Role.BOROUGH_COORDINATOR)
    assert cast.borough == district("Stadtkern").borough  # the demo coordinator has Bezirk I
    offer = offer_in("Stadtkern", provider=provider, cat=category("t-a", "A (Test)"))
    send(7, offer, "Altendorf")  # the person lives in another Bezirk
    city = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    borough = referral_page(scope_for(coordinator, PERIOD))
    assert _total(borough, "categories")["total"].value == 7
    assert (
        _row(borough, "districts_offer", "Stadtkern")["total"].value
        == _row(city, "districts_offer", "Stadtkern")["total"].value
        == 7
    )
    # By where the person lives, all seven are outside the coordinator's Bezirk.
    assert _row(borough, "districts_person", "outside")["total"].value == 7


def test_twelve_minus_eleven_cannot_reveal_the_hidden_one(cast, provider, send):
    """Issue 9: a total shown in full next to one hidden cell gave it back (12 − 11 = 1)."""
    big = offer_in("Stadtkern", provider=provider, cat=category("t-a", "A (Test)"))
    small = offer_in("Stadtkern", provider=provider, cat=category("t-b", "B (Test)"))
    send(11, big, "Altendorf")
    send(1, small, "Altendorf")
    page = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    assert _row(page, "categories", "B (Test)")["total"].hidden
    assert _row(page, "categories", "A (Test)")["total"].hidden  # complementary
    assert _total(page, "categories")["total"].value == 12
    _assert_nothing_recoverable(page)


def test_a_rate_from_a_small_group_is_hidden(cast, provider, send):
    offer = offer_in("Stadtkern", provider=provider, cat=category("t-a", "A (Test)"))
    send(1, offer, "Altendorf", status=S.ACCEPTED, responded_after_days=1)
    send(7, offer, "Altendorf", status=S.DECLINED, responded_after_days=1)
    page = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    row = _row(page, "categories", "A (Test)")
    assert row["total"].value == 8
    assert row["acceptance"].value is None  # 1 of 8 would point to one person
    assert row["acceptance"].text == "–"


def test_scattered_small_groups_stay_hidden_on_the_whole_page(cast, provider, send):
    cats = [category(f"t-{i}", f"K{i} (Test)") for i in range(3)]
    places = ["Stadtkern", "Altendorf", "Frohnhausen", "Rüttenscheid"]
    counts = [[1, 6, 0, 2], [9, 0, 3, 5], [0, 2, 12, 1]]
    for cat, row in zip(cats, counts, strict=True):
        for place, n in zip(places, row, strict=True):
            if n:
                send(n, offer_in(place, provider=provider, cat=cat), "Frillendorf")
    page = referral_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    _assert_nothing_recoverable(page)


def _assert_nothing_recoverable(page):
    """No shown figure and no group of the page lets anyone compute a hidden count."""
    values, hidden = {}, set()
    for t in page.tables:
        counted = [c.key for c in t.shown_columns if c.kind == "count"]
        pairs = [*t.body(), *([t.footer()] if t.footer() else [])]
        for row, cells in pairs:
            for c, cell in zip(t.shown_columns, cells, strict=True):
                if c.key in counted:
                    values[t.cell_key(row, c.key)] = int(row.values.get(c.key) or 0)
                    if cell.hidden:
                        hidden.add(t.cell_key(row, c.key))
                        assert cell.text.startswith("<")
    groups = []
    for t in page.tables:
        for col in [c.key for c in t.shown_columns if c.kind == "count"]:
            total, parts = t.count_keys(col)
            if total:
                groups.append((total, parts))
                assert sum(1 for k in (total, *parts) if k in hidden) != 1, (t.key, col)
        for row in [*t.rows, t.total]:
            for key, parts in t.row_sums.items():
                groups.append((t.cell_key(row, key), [t.cell_key(row, p) for p in parts]))
    groups += page.groups
    for total, parts in groups:
        for k in (total, *parts):
            values.setdefault(k, 0)
    assert not determined(values, groups, hidden)
    for key in hidden:
        assert values[key] > 0 or any(key in (t, *p) for t, p in groups)


def test_the_page_and_its_downloads_show_no_hidden_figure(cast, provider, send, client_as):
    big = offer_in("Stadtkern", provider=provider, cat=category("t-a", "A (Test)"))
    small = offer_in("Stadtkern", provider=provider, cat=category("t-b", "B (Test)"))
    send(11, big, "Altendorf")
    send(1, small, "Altendorf")
    client = client_as(Role.CITY_STEERING)
    page = client.get(reverse("steering:referrals"), PERIOD).content.decode()
    assert "&lt; 5" in page
    assert ">11<" not in page
    csv = client.get(
        reverse("steering:export", kwargs={"topic": "referrals"}),
        {**PERIOD, "tabelle": "categories", "format": "csv"},
    )
    text = csv.content.decode("utf-8-sig")
    assert "A (Test);< 5" in text and "B (Test);< 5" in text
    assert ";12;" in text or ";12\r" in text or text.splitlines()[-1].split(";")[1] == "12"
    xlsx = client.get(
        reverse("steering:export", kwargs={"topic": "referrals"}),
        {**PERIOD, "tabelle": "categories", "format": "xlsx"},
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    cells = {r[0]: r[1] for r in rows[1:]}
    assert cells["A (Test)"] == "< 5" and cells["B (Test)"] == "< 5"


def test_a_borough_coordinator_cannot_open_another_borough(cast, client_as):
    other = district("Frohnhausen").borough
    assert other != cast.borough
    client = client_as(Role.BOROUGH_COORDINATOR)
    response = client.get(reverse("steering:referrals"), {"bezirk": str(other.code)})
    assert response.status_code == 404
    own = client.get(reverse("steering:referrals"), {"bezirk": str(cast.borough.code)})
    assert own.status_code == 200


def test_a_period_ending_before_it_starts_is_refused_in_german(client_as):
    response = client_as(Role.CITY_STEERING).get(
        reverse("steering:referrals"), {"von": "2025-09-30", "bis": "2025-09-01"}
    )
    assert response.status_code == 400
    assert "nicht vor" in response.content.decode()
