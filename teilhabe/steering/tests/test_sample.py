"""A sample kept as value → count (the rollups' histograms) gives the same median and
percentiles as the list of its values."""

from __future__ import annotations

import random

from teilhabe.steering.tables import Sample, median, percentile


def test_a_histogram_gives_the_figures_of_the_list():
    rng = random.Random(7)
    for _ in range(500):
        values = [rng.randrange(0, 40) for _ in range(rng.randrange(1, 60))]
        sample = Sample()
        for v in values:
            sample.add(v)
        stored = Sample().merge(sample.stored())  # as kept in a rollup row (string keys)
        for s in (sample, stored):
            assert len(s) == len(values) and list(s) == sorted(values)
            assert median(s) == median(values)
            for p in (25, 50, 75, 90):
                assert percentile(s, p) == percentile(values, p)
