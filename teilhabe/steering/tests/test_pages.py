"""Every steering page renders for steering and borough coordinators, with charts, a map
where it has one, and downloads of every table; nobody else gets in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.access.roles import Role

PAGES = [
    "steering:overview",
    "steering:milestones",
    "steering:referrals",
    "steering:coverage",
    "steering:money",
    "steering:positions",
    "steering:barriers",
]
TOPICS = ["casework", "milestones", "referrals", "coverage", "money", "positions", "barriers"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [Role.CITY_STEERING, Role.BOROUGH_COORDINATOR])
def test_each_page_renders_with_tables_and_downloads(client_as, name, role):
    response = client_as(role).get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html
    assert "format=xlsx" in html and "format=csv" in html
    assert "<script" not in html.split("<main", 1)[1]  # charts are plain SVG


def test_the_case_work_page_has_charts_with_summaries_and_a_map(client_as):
    html = client_as(Role.CITY_STEERING).get(reverse("steering:overview")).content.decode()
    assert html.count('role="img"') >= 3  # two charts and the map
    assert "<desc" in html and "app-choropleth__area" in html
    assert "Legende" in html


@pytest.mark.parametrize("topic", TOPICS)
def test_every_table_of_every_page_downloads_as_csv_and_xlsx(client_as, topic):
    from teilhabe.steering.scope import scope_for
    from teilhabe.steering.views import TOPICS as ALL

    client = client_as(Role.CITY_STEERING)
    user = client.session  # noqa: F841 - logged in
    from teilhabe.accounts.models import User

    steering = User.objects.filter(memberships__role=Role.CITY_STEERING).first()
    page = ALL[topic].build(steering, scope_for(steering, {}), None)
    for table in page.tables:
        for fmt in ("csv", "xlsx"):
            response = client.get(
                reverse("steering:export", kwargs={"topic": topic}),
                {"tabelle": table.key, "format": fmt},
            )
            assert response.status_code == 200, (table.key, fmt)
            assert "attachment" in response["Content-Disposition"]


def test_an_unknown_table_or_topic_is_not_found(client_as):
    client = client_as(Role.CITY_STEERING)
    url = reverse("steering:export", kwargs={"topic": "referrals"})
    assert client.get(url, {"tabelle": "nope"}).status_code == 404
    assert client.get(url, {"format": "pdf"}).status_code == 404
    other = reverse("steering:export", kwargs={"topic": "nope"})
    assert client.get(other).status_code == 404


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.FINANCE_OFFICER, Role.PROVIDER_EDITOR])
def test_roles_without_steering_figures_get_no_page(client_as, role):
    assert client_as(role).get(reverse("steering:overview")).status_code == 403


@pytest.mark.parametrize("language", ["de", "en", "ar", "fa", "fr", "cs", "zh-hans"])
def test_counts_are_written_as_number_format_writes_them(language):
    # The tables format their counts with the separators looked up once per page; the text is
    # Django's own in every language (grouped by threes, by fours, or not at all; a space as
    # separator).
    from django.utils import translation
    from django.utils.formats import number_format

    from teilhabe.steering.tables import count_formatter

    with translation.override(language):
        count_text = count_formatter()
        for n in [0, 7, -7, 999, 1000, -1000, 12345, 999_999, 1_000_000, -123_456_789, 10**12]:
            assert count_text(n) == number_format(n, force_grouping=True)
