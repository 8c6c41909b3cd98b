"""Background tasks of case management (run by ``manage.py db_worker``; schedule daily)."""

from django_tasks import task

from teilhabe.access import SYSTEM
from teilhabe.cases.retention import retention_apply, retention_report


@task()
def retention_run() -> dict[str, int]:
    """Report what has expired, then delete or anonymise it (every record audited)."""
    return retention_apply(user=SYSTEM, report=retention_report())
