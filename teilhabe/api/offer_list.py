"""The uncached API offer list in one SQL statement (PostgreSQL).

A page of ``/api/v1/offers/`` through the ORM and DRF costs five queries (count, page,
locations, schedules, translations), a model instance per row and a queryset per prefetch.
Here the filtered queryset (the one :class:`~teilhabe.offers.filters.OfferFilterSet`) is only
compiled to SQL; one statement around it returns the exact count and the page, each offer with
its provider, category, translation (``LEFT JOIN LATERAL``) and its locations and schedules as
JSON arrays (``json_agg`` in the offer's row). Each row becomes a plain object with the
attributes the ORM would give (same Python types), and the serializer's own plan
(:class:`teilhabe.api.serializers.Planned`, built from DRF's field declarations) represents it:
the columns are read from that plan, so a field added to the serializer is fetched here too or
fails loudly. Nothing is cached or stored beyond the request. The output is byte for byte DRF's
(``teilhabe/api/tests/test_offer_list.py`` compares pages, filters and languages).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from django.db import connection, models
from django.db.models import QuerySet

from teilhabe.api.serializers import OfferSerializer
from teilhabe.geography.selectors import districts_by_id
from teilhabe.offers.models import Location, Offer, OfferTranslation, Schedule

# values inside json_agg arrive as JSON: back to the types the ORM gives
_FROM_JSON = {
    models.DateField: dt.date.fromisoformat,
    models.TimeField: dt.time.fromisoformat,
    models.DateTimeField: dt.datetime.fromisoformat,
    models.DecimalField: Decimal,
}
# the serializer's method fields (language, title, summary, description) read these
TEXT_COLUMNS = ("title", "summary", "description")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class _Source:
    """Where the attributes of one kind of object come from: a table alias, the columns read,
    and joins for attribute paths through a foreign key (``organisation.code``)."""

    def __init__(self, model, alias: str):
        self.model, self.alias = model, alias
        self.columns: list[tuple[str, str, object]] = []  # (attribute, SQL, from JSON)
        self.joins: dict[str, _Source] = {}

    def add(self, attrs: tuple[str, ...]) -> None:
        field = self.model._meta.get_field(attrs[0])
        if self.model is Location and attrs[0] == "district":
            # Stadtteil and Stadtbezirk come from the per-process mapping of names
            self._column("district_id", field.column, field)
        elif field.is_relation:
            join = self.joins.get(attrs[0])
            if join is None:
                alias = f"{self.alias}_{attrs[0][:3]}"
                join = self.joins[attrs[0]] = _Source(field.related_model, alias)
                join.fk = field.column
            join.add(attrs[1:] or ("code",))
        else:
            self._column(attrs[0], field.column, field)

    def _column(self, attr: str, column: str, field=None) -> None:
        if attr not in (a for a, _s, _f in self.columns):
            self.columns.append((attr, f"{self.alias}.{_q(column)}", field))

    def all_columns(self) -> list[tuple[tuple[str, ...], str, object]]:
        found = [((a,), sql, parse) for a, sql, parse in self.columns]
        for name, join in self.joins.items():
            found += [((name, *path), sql, parse) for path, sql, parse in join.all_columns()]
        return found

    def join_sql(self) -> str:
        parts = []
        for join in self.joins.values():
            table = _q(join.model._meta.db_table)
            pk = _q(join.model._meta.pk.column)
            parts.append(
                f" JOIN {table} {join.alias} ON {join.alias}.{pk} = {self.alias}.{_q(join.fk)}"
            )
            parts.append(join.join_sql())
        return "".join(parts)


def _sources(plan, source: _Source, many: dict) -> None:
    for _name, kind, how, sub in plan:
        if kind == "method":
            continue
        if kind == "value":
            source.add(how)
        elif kind == "one":
            for path in _paths(sub):
                source.add((*how, *path))
        else:
            many[how[0]] = sub


def _paths(plan) -> list[tuple[str, ...]]:
    paths = []
    for _name, kind, how, sub in plan:
        if kind == "value":
            paths.append(how)
        elif kind == "one":
            paths += [(*how, *p) for p in _paths(sub)]
        else:
            raise ValueError("nested lists inside a nested object are not planned")
    return paths


# the lists of an offer: attribute → (model, how its rows belong to the offer, ordering)
_MANY = {
    "shown_locations": (
        Location,
        f" JOIN {_q(Offer.locations.through._meta.db_table)} ol ON ol.location_id = m.id"
        " WHERE ol.offer_id = o.id",
    ),
    "shown_schedules": (Schedule, " WHERE m.offer_id = o.id"),
}


def _order_by(model, alias: str) -> str:
    """The model's default ordering (as the prefetch uses it), then the primary key."""
    parts = []
    for name in [*model._meta.ordering, "pk"]:
        desc = name.startswith("-")
        name = name.lstrip("-")
        column = model._meta.pk.column if name == "pk" else model._meta.get_field(name).column
        parts.append(f"{alias}.{_q(column)}{' DESC' if desc else ''}")
    return ", ".join(parts)


@cache
def _statement() -> tuple[str, list, dict]:
    """The SQL around the page's ids and count (built once per process from the plan), the
    offer-level columns and, per list attribute, its columns."""
    plan = OfferSerializer._plan()
    offer = _Source(Offer, "o")
    many: dict[str, list] = {}
    _sources(plan, offer, many)
    offer._column("pk", "id")
    for attr in TEXT_COLUMNS:
        offer._column(attr, attr, Offer._meta.get_field(attr))
    columns = [(p, sql, _from_db(f)) for p, sql, f in offer.all_columns()]
    select = [sql for _p, sql, _convert in columns]
    lists = {}
    for attr, sub in many.items():
        model, where = _MANY[attr]
        source = _Source(model, "m")
        for path in _paths(sub):
            source.add(path)
        inner = [(p, sql, _from_json(f)) for p, sql, f in source.all_columns()]
        items = ", ".join(sql for _p, sql, _parse in inner)
        table = _q(model._meta.db_table)
        # identifiers from the models' meta only; every value is a parameter
        select.append(
            f"(SELECT json_agg(json_build_array({items}) ORDER BY {_order_by(model, 'm')}) "  # noqa: S608
            f"FROM {table} m{source.join_sql()}{where})"
        )
        lists[attr] = inner
    translation = _q(OfferTranslation._meta.db_table)
    select += [f"tr.{_q(c)}" for c in TEXT_COLUMNS]
    # identifiers from the models' meta only; every value is a parameter
    texts = ", ".join(_q(c) for c in TEXT_COLUMNS)
    parts = [
        "SELECT (SELECT count(*) FROM ({count}) f), ",
        ", ".join(select),
        f" FROM ({{page}}) p(id, title) JOIN {_q(Offer._meta.db_table)} o ON o.id = p.id",
        offer.join_sql(),
        f" LEFT JOIN LATERAL (SELECT {texts} FROM {translation} t",  # noqa: S608
        " WHERE t.offer_id = o.id AND t.language = %s AND NOT t.outdated",
        " ORDER BY t.id LIMIT 1) tr ON true",
        f" ORDER BY {_order_by(Offer, 'o')}",
    ]
    sql = "".join(parts)
    return sql, columns, lists


def _set(target, path: tuple[str, ...], value, make) -> None:
    for attr in path[:-1]:
        inner = getattr(target, attr, None)
        if inner is None:
            inner = make()
            setattr(target, attr, inner)
        target = inner
    setattr(target, path[-1], value)


def _from_db(field):
    """The ORM's conversion of a column's value (e.g. ``JSONField`` parses its text)."""
    convert = getattr(field, "from_db_value", None)
    return None if convert is None else lambda v: convert(v, None, connection)


def _from_json(field):
    return None if field is None else _FROM_JSON.get(type(field))


def _object(columns, values) -> SimpleNamespace:
    """A plain object from one value per column (an offer's row or one item of its lists),
    each converted as the column says."""
    obj = SimpleNamespace()
    for (path, _sql, convert), value in zip(columns, values, strict=True):
        if convert is not None and value is not None:
            value = convert(value)
        _set(obj, path, value, SimpleNamespace)
    return obj


def offer_page(filtered: QuerySet[Offer], lang: str, offset: int, size: int):
    """``(count, offers)`` of one page of ``filtered`` (ordered by title): the exact count and
    the page's offers as plain objects with what ``OfferSerializer`` reads — one query."""
    template, columns, lists = _statement()
    count_sql, count_params = filtered.order_by().values_list("pk").query.sql_with_params()
    page_qs = filtered.order_by("title", "pk").values_list("pk", "title")[offset : offset + size]
    page_sql, page_params = page_qs.query.sql_with_params()
    sql = template.replace("{count}", count_sql, 1).replace("{page}", page_sql, 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*count_params, *page_params, lang])
        rows = cursor.fetchall()
    if not rows:
        return None, []
    offers, located = [], []
    for row in rows:
        at = 1 + len(columns)
        offer = _object(columns, row[1:at])
        for attr, inner in lists.items():
            items = row[at]
            if isinstance(items, str):
                items = json.loads(items)
            items = [_object(inner, values) for values in items or ()]
            located += [item for item in items if hasattr(item, "district_id")]
            setattr(offer, attr, items)
            at += 1
        texts = row[at : at + len(TEXT_COLUMNS)]
        offer.translations_in_language = (
            [SimpleNamespace(**dict(zip(TEXT_COLUMNS, texts, strict=True)), outdated=False)]
            if lang != "de" and texts[0] is not None
            else []
        )
        offers.append(offer)
    if located:
        districts = districts_by_id({item.district_id for item in located} - {None})
        for item in located:
            item.district = None if item.district_id is None else districts[item.district_id]
    return rows[0][0], offers
