from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.access import Action, get_for_user, require
from teilhabe.core.downloads import file_download
from teilhabe.jobs import selectors, services
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


@require(Action.MANAGE_TASKS)
def task_list(request):
    """Failed and stuck background tasks, with a retry button; the workers that are alive."""
    return render(request, "jobs/tasks.html", selectors.tasks_overview())


@require(Action.MANAGE_TASKS, methods=("POST",))
def task_retry(request, task_id):
    try:
        services.task_retry(user=request.user, task_id=task_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The task has been queued again."))
    return redirect("jobs:tasks")
