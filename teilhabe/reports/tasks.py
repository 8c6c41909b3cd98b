"""Council reports in the worker: one job per report, idempotent (a finished job is not run
again; a retried build overwrites its own files)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.jobs.services import JobError, job_finish, job_progress, job_run


@task(takes_context=True)
def build_council_report(context, *, job_code: str):
    from teilhabe.reports.models import Report
    from teilhabe.reports.services import report_build

    def work(job):
        report = Report.objects.filter(code=job.params.get("report")).first()
        if report is None:
            raise JobError(_("The report no longer exists."))

        def progress(done, total, message=""):
            job_progress(job=job, done=done, total=total, message=message)

        report = report_build(report, progress)
        job_finish(job=job, message=_("Report ready: PDF and DOCX can be downloaded."))

    return job_run(context, job_code, work)
