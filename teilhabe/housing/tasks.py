"""Background work of housing: the daily run as a task (idempotent, safe to retry)."""

from __future__ import annotations

from django_tasks import task

from teilhabe.housing.services import housing_daily


@task()
def housing_daily_run() -> dict:
    r = housing_daily()
    return {
        "title_deadlines": r.title_deadlines,
        "obligations_flagged": r.obligations_flagged,
        "escalated": r.escalated,
    }
