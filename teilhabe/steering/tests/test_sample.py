"""A sample kept as value → count (the rollups' histograms) gives the same median and
percentiles as the list of its values."""

from __future__ import annotations

import random

from teilhabe.steering.tables import Histograms, Sample, median, percentile


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


def test_stored_histograms_read_together_give_the_figures_of_the_merged_list():
    rng = random.Random(11)
    for _ in range(500):
        parts = [
            [rng.randrange(0, rng.choice([3, 40, 2000])) for _ in range(rng.randrange(0, 30))]
            for _ in range(rng.randrange(1, 8))
        ]
        values = [v for part in parts for v in part]
        stored = []
        for part in parts:
            sample = Sample()
            for v in part:
                sample.add(v)
            stored.append(sample.stored_lists())
        read = Histograms(stored[:1])
        for item in stored[1:]:  # merged as the pages merge cohorts
            read.merge(Histograms([item]))
        assert len(read) == len(values)
        if not values:
            continue
        assert [read.nth(k) for k in range(len(values))] == sorted(values)
        assert median(read) == median(values)
        for p in (25, 50, 75, 90):
            assert percentile(read, p) == percentile(values, p)
