"""Moved: the small-number rule lives in :mod:`teilhabe.steering.suppression`.

Kept as a re-export so that code written against the old place keeps working.
"""

from teilhabe.steering.suppression import Figure, Row, suppress, suppress_row, threshold

__all__ = ["Figure", "Row", "suppress", "suppress_row", "threshold"]
