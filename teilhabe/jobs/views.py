from django.http import Http404
from django.shortcuts import render

from teilhabe.access import Action, get_for_user, require
from teilhabe.core.downloads import file_download
from teilhabe.jobs.kinds import kind_or_none
from teilhabe.jobs.models import Job


@require(Action.USE_APP)
def job_detail(request, code):
    """A job's progress; while it runs, htmx reloads the status part every two seconds."""
    job = get_for_user(request.user, Job, action=Action.USE_APP, code=code)
    context = {"job": job, "kind": kind_or_none(job.kind)}
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_status.html", context)
    return render(request, "jobs/detail.html", context)


@require(Action.USE_APP)
def job_result(request, code):
    """The job's result file, for its creator (and task managers) only."""
    job = get_for_user(request.user, Job, action=Action.USE_APP, code=code)
    if not job.result_file:
        raise Http404
    return file_download(job.result_file.open("rb"), filename=job.result_name or "ergebnis")
