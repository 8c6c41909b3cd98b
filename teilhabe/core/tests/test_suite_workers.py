"""How ``make test`` spreads the suite over the xdist workers (teilhabe/core/testing/workers.py)."""

from __future__ import annotations

from teilhabe.core.testing.workers import BROWSER_GROUP, FIRST, _LongUnitsFirst


def _group(item) -> str:
    return item.get_closest_marker("xdist_group").args[0]


def test_every_collected_test_belongs_to_a_group_and_browser_tests_to_one_group(request):
    for item in request.session.items:
        if item.get_closest_marker("browser"):
            assert _group(item) == BROWSER_GROUP, item.nodeid
        elif "::test_matrix[" not in item.nodeid and _group(item) not in FIRST:
            # (a long test with a group of its own is handed out first: FIRST)
            assert _group(item) == item.nodeid.split("::", 1)[0], item.nodeid


def test_the_url_matrix_is_split_into_one_group_per_subject(request):
    for item in request.session.items:
        if "::test_matrix[" in item.nodeid:
            assert _group(item) == f"url-matrix-{item.callspec.params['subject']}", item.nodeid


def test_the_browser_group_and_the_long_units_are_handed_out_before_the_other_units():
    queue = _LongUnitsFirst()
    queue["teilhabe/a/tests/test_a.py"] = {"x": False, "y": False}
    queue[FIRST[2]] = {"v": False}
    queue[BROWSER_GROUP] = {"z": False}
    queue["teilhabe/b/tests/test_b.py"] = {"w": False}

    handed_out = [queue.popitem(last=False)[0] for _ in range(4)]

    assert handed_out == [
        BROWSER_GROUP,
        FIRST[2],
        "teilhabe/a/tests/test_a.py",
        "teilhabe/b/tests/test_b.py",
    ]
    assert not queue
