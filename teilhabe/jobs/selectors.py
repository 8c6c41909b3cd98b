"""Reads of the jobs app."""

from __future__ import annotations

from teilhabe.access import Action, visible
from teilhabe.jobs.models import Job


def jobs_for(user):
    """The jobs ``user`` may see: their own (all of them for task managers)."""
    return visible(user, Action.USE_APP, Job).select_related("created_by")
