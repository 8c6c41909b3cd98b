"""Background tasks shared by all apps. They run in the worker (``manage.py db_worker``)."""

from django_tasks import task


@task(takes_context=True)
def send_email(
    context,
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    key: str | None = None,
) -> bool:
    """Send one e-mail at most once: per ``key`` (one event, e.g. one reset request) or, without
    a key, per queued task (a task run again after a lost worker does not send twice)."""
    from teilhabe.jobs.services import mail_send_once

    return mail_send_once(
        key=key or f"task:{context.task_result.id}",
        subject=subject,
        body=body,
        to=to,
        html_body=html_body,
    )
