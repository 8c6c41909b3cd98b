"""Benchmarks: ``python -m bench.<area>`` (see each module). They print their figures and the
machine; they are not part of the test suite. Run them on PostgreSQL (DATABASE_URL)."""
