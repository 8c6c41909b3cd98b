"""How ``make test`` spreads the suite over the xdist workers (teilhabe/core/testing/workers.py)."""

from __future__ import annotations

from teilhabe.core.testing.workers import FIRST, _LongUnitsFirst


def _group(item) -> str:
    return item.get_closest_marker("xdist_group").args[0]


def test_every_collected_test_belongs_to_its_module_or_a_group_of_its_own(request):
    """Browser tests too: each module is a unit, so that both workers walk pages (each worker
    that gets one starts its own live server)."""
    for item in request.session.items:
        if "::test_matrix[" in item.nodeid:
            continue
        group = _group(item)
        assert group == item.nodeid.split("::", 1)[0] or group.startswith("schemathesis-"), (
            item.nodeid
        )


def test_the_long_units_exist_and_include_the_long_browser_walks():
    """Every name in FIRST is a module of the suite or a group of its own (a renamed module
    would silently lose its place at the front)."""
    from django.conf import settings

    for name in FIRST:
        assert name.startswith("schemathesis-") or (settings.BASE_DIR / name).is_file(), name
    assert sum("/test_browser_" in name for name in FIRST) >= 5


def test_the_url_matrix_is_split_into_one_group_per_subject(request):
    for item in request.session.items:
        if "::test_matrix[" in item.nodeid:
            assert _group(item) == f"url-matrix-{item.callspec.params['subject']}", item.nodeid


def test_the_long_units_are_handed_out_before_the_other_units_longest_first():
    queue = _LongUnitsFirst()
    queue["teilhabe/a/tests/test_a.py"] = {"x": False, "y": False}
    queue[FIRST[2]] = {"v": False}
    queue[FIRST[0]] = {"z": False}
    queue["teilhabe/b/tests/test_b.py"] = {"w": False}

    handed_out = [queue.popitem(last=False)[0] for _ in range(4)]

    assert handed_out == [
        FIRST[0],
        FIRST[2],
        "teilhabe/a/tests/test_a.py",
        "teilhabe/b/tests/test_b.py",
    ]
    assert not queue
