"""Small numbers are suppressed in every figure steering sees."""

import pytest
from django.template import Context, Template
from django.utils import translation

from teilhabe.steering.suppression import suppress, suppress_row


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_counts_below_the_threshold_are_shown_as_less_than_five(settings):
    settings.SMALL_NUMBER_THRESHOLD = 5
    assert str(suppress(3)) == "< 5"
    assert str(suppress(4)).startswith("<")
    assert str(suppress(5)) == "5"
    assert str(suppress(1234)) == "1.234"


def test_zero_is_shown_because_it_points_to_nobody():
    assert str(suppress(0)) == "0"


def test_a_single_hidden_cell_cannot_be_recomputed_from_the_total():
    row = suppress_row({"Altendorf": 2, "Frohnhausen": 7, "Holsterhausen": 30}, limit=5)
    assert row.cells["Altendorf"].suppressed
    assert row.cells["Frohnhausen"].suppressed  # else 39 − 7 − 30 = 2 gives it away
    assert str(row.cells["Holsterhausen"]) == "30"
    assert str(row.total) == "39"


def test_two_hidden_cells_need_no_extra_suppression():
    row = suppress_row({"a": 1, "b": 2, "c": 30}, limit=5)
    assert [c.suppressed for c in row.cells.values()] == [True, True, False]


def test_the_template_filter_suppresses_too(settings):
    settings.SMALL_NUMBER_THRESHOLD = 5
    out = Template("{% load teilhabe %}{{ a|figure }}|{{ b|figure }}").render(
        Context({"a": 3, "b": 12})
    )
    assert out == "&lt; 5|12"


def test_docs_list_every_indicator():
    from pathlib import Path

    from django.conf import settings

    from teilhabe.steering.indicators import INDICATORS

    text = (Path(settings.BASE_DIR) / "docs" / "steering.md").read_text(encoding="utf-8")
    with translation.override("de"):  # the documentation gives the German names
        for i in INDICATORS:
            row = f"| `{i.key}` | {i.name} | {i.definition} | {i.unit} | {i.sources} | {i.suppression} |"
            assert row in text, row


def test_indicator_names_follow_the_interface_language():
    from teilhabe.steering.indicators import INDICATORS

    first = INDICATORS[0]
    with translation.override("de"):
        assert str(first.name) == "Personen in Fallarbeit"
        assert "Stadtteil ihrer Adresse" in str(first.definition)
    with translation.override("en"):
        assert str(first.name) == "Persons in case work"
        assert str(first.unit) == "persons"
