"""Pages for city steering and borough coordinators: figures only, never persons.

Every page is one *topic* (a :class:`Topic`): a builder makes the resolved tables for the
chosen scope, charts and a map are drawn from those resolved tables, every table can be
downloaded as CSV or XLSX with the same filters and the same suppression.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.access import Action, can, require
from teilhabe.core.downloads import download
from teilhabe.steering import barriers, casework, exports, indicators, money
from teilhabe.steering.charts import bar_chart, line_chart
from teilhabe.steering.maps import choropleth
from teilhabe.steering.referrals import referral_page
from teilhabe.steering.scope import Scope, scope_for
from teilhabe.steering.suppression import threshold
from teilhabe.steering.tables import Page


@dataclass(frozen=True)
class Topic:
    key: str
    url_name: str
    title: str
    build: Callable  # (user, scope, url) -> Page
    visuals: Callable  # (page, scope) -> (charts, map or None)
    intro: str = ""
    action: str = Action.VIEW_BOROUGH_FIGURES
    months: int = 12  # default length of the period
    rollup: str = ""  # the rollup the page reads (teilhabe/steering/rollups.py)


def _no_visuals(page, scope):
    return [], None


def _casework_visuals(page: Page, scope: Scope):
    months = page.table("months")
    charts = [
        line_chart(months, ["opened", "closed"], title=_("Cases opened and closed per month")),
        line_chart(months, ["persons"], title=_("Persons in case work at the end of each month")),
    ]
    return charts, choropleth(
        page.table("places"), "persons", title=_("Persons in case work per Stadtteil")
    )


def _milestone_visuals(page: Page, scope: Scope):
    t = page.table("milestones")
    return [
        bar_chart(t, "median", title=_("Days from first contact to each standard system (median)"))
    ], None


def _referral_visuals(page: Page, scope: Scope):
    return [
        bar_chart(page.table("categories"), "total", title=_("Referrals by category")),
    ], choropleth(
        page.table("districts_offer"), "total", title=_("Referrals by Stadtteil of the offer")
    )


def _coverage_visuals(page: Page, scope: Scope):
    return [], choropleth(
        page.table("coverage"), "persons", title=_("Persons in case work per Stadtteil")
    )


def _money_visuals(page: Page, scope: Scope):
    months = page.table("months")
    return [
        line_chart(
            months,
            ["cumulative", "plan"],
            title=_("Paid since 1 January against a linear plan"),
            unit="€",
        ),
        line_chart(
            months, ["committed", "paid"], title=_("Committed and paid per month"), unit="€"
        ),
    ], None


def _positions_visuals(page: Page, scope: Scope):
    return [
        bar_chart(page.table("organisations"), "gap", title=_("Unfilled FTE per organisation"))
    ], None


def _barrier_visuals(page: Page, scope: Scope):
    return [
        bar_chart(
            page.table("institutions"), "total", title=_("Structural barriers per institution")
        )
    ], None


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in [
        Topic(
            "casework",
            "steering:overview",
            gettext_lazy("Case work"),
            lambda user, scope, url: casework.casework_page(scope, url=url),
            _casework_visuals,
            rollup="casework",
        ),
        Topic(
            "milestones",
            "steering:milestones",
            gettext_lazy("Standard systems reached"),
            lambda user, scope, url: casework.milestone_page(scope, url=url),
            _milestone_visuals,
            months=36,
            rollup="milestones",
        ),
        Topic(
            "referrals",
            "steering:referrals",
            gettext_lazy("Referrals: figures"),
            lambda user, scope, url: referral_page(scope, url=url),
            _referral_visuals,
            rollup="referrals",
            intro=gettext_lazy(
                "A referral counts for two Stadtteile, shown in separate tables: the Stadtteil "
                "of the offer (its first location) and the Stadtteil where the person lived "
                "when it was sent. A Bezirk page counts every referral whose offer or person is "
                "in the Bezirk."
            ),
        ),
        Topic(
            "coverage",
            "steering:coverage",
            gettext_lazy("Offer coverage and white spots"),
            lambda user, scope, url: casework.coverage_page(scope, url=url),
            _coverage_visuals,
            rollup="casework",
        ),
        Topic(
            "money",
            "steering:money",
            gettext_lazy("Money over time"),
            lambda user, scope, url: money.money_page(user, scope, url=url),
            _money_visuals,
            action=Action.VIEW_FINANCE,
        ),
        Topic(
            "positions",
            "steering:positions",
            gettext_lazy("Positions: funded and filled"),
            lambda user, scope, url: money.positions_page(user, scope, url=url),
            _positions_visuals,
            action=Action.VIEW_POSITIONS,
        ),
        Topic(
            "barriers",
            "steering:barriers",
            gettext_lazy("Structural barriers"),
            lambda user, scope, url: barriers.barriers_page(scope, url=url),
            _barrier_visuals,
            rollup="barriers",
            intro=gettext_lazy(
                "Case workers record a structural barrier when a standard system fails a "
                "person. Counted per institution and quarter, without names."
            ),
        ),
    ]
}


def _drill(scope: Scope, name: str):
    """Links from a Bezirk row to the Bezirk, and from a Stadtteil row to the Stadtteil."""

    def url(*, borough=None, district=None) -> str:
        params = {"von": scope.start.isoformat(), "bis": scope.end.isoformat()}
        if district is not None:
            params["stadtteil"] = str(district.code)
        elif borough is not None:
            params["bezirk"] = str(borough.code)
        return f"{reverse(name)}?{urlencode(params)}"

    return url


def _topic(request, key: str) -> tuple[Topic, Scope, Page]:
    topic = TOPICS.get(key)
    if topic is None or not can(request.user, topic.action):
        raise Http404
    scope = scope_for(request.user, request.GET, months=topic.months)
    return topic, scope, topic.build(request.user, scope, _drill(scope, topic.url_name))


def _render(request, key: str):
    topic, scope, page = _topic(request, key)
    charts, map_view = topic.visuals(page, scope)
    return render(
        request,
        "steering/topic.html",
        {
            "scope": scope,
            "page": page,
            "topic": topic,
            "charts": charts,
            "map": map_view,
            "indicators": indicators.for_topic(key),
            "query": scope.query(),
            "export_url": reverse("steering:export", kwargs={"topic": key}),
            "topics": [
                (t, reverse(t.url_name)) for t in TOPICS.values() if can(request.user, t.action)
            ],
            "threshold": threshold(),
            "rollup": scope.rollup(topic.rollup) if topic.rollup else None,
        },
        status=400 if scope.errors else 200,
    )


@require(Action.VIEW_BOROUGH_FIGURES)
def overview(request):
    return _render(request, "casework")


@require(Action.VIEW_BOROUGH_FIGURES)
def milestones(request):
    return _render(request, "milestones")


@require(Action.VIEW_BOROUGH_FIGURES)
def referrals(request):
    return _render(request, "referrals")


@require(Action.VIEW_BOROUGH_FIGURES)
def coverage(request):
    return _render(request, "coverage")


@require(Action.VIEW_BOROUGH_FIGURES)
def money_view(request):
    return _render(request, "money")


@require(Action.VIEW_BOROUGH_FIGURES)
def positions(request):
    return _render(request, "positions")


@require(Action.VIEW_BOROUGH_FIGURES)
def barriers_view(request):
    return _render(request, "barriers")


@require(Action.VIEW_BOROUGH_FIGURES)
def export(request, topic: str):
    """One table of a page as CSV or XLSX (``?tabelle=<key>&format=csv|xlsx``; default: the
    first table as CSV), with the page's filters and the same suppression as on the page."""
    _topic_obj, scope, page = _topic(request, topic)
    key = request.GET.get("tabelle") or page.tables[0].key
    table = next((t for t in page.tables if t.key == key), None)
    fmt = request.GET.get("format", "csv")
    if table is None or fmt not in ("csv", "xlsx"):
        raise Http404
    filename = slugify(f"teilhabe-{topic}-{table.key}-{scope.start}-{scope.end}")
    if fmt == "csv":
        return download(
            exports.table_csv(table),
            filename=f"{filename}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return download(
        exports.table_xlsx(table),
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
