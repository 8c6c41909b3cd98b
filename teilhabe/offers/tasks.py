"""Background tasks of the offers directory (run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.access import Action, roles_with
from teilhabe.jobs.services import mail_send_once
from teilhabe.offers.models import RegistrationRequest
from teilhabe.organisations.models import Membership


@task(takes_context=True)
def run_import(context, *, job_code: str) -> str:
    """The ``offers.import`` job: check an uploaded CSV/XLSX file row by row (progress on the
    job page) and, when the job is not a preview and every row is valid, create the offers as
    drafts and finish the job in the same transaction."""
    from teilhabe.jobs.services import job_fail, job_finish, job_progress, job_run
    from teilhabe.offers.imports import offers_import
    from teilhabe.organisations.models import Organisation

    def work(job) -> None:
        organisation = Organisation.objects.get(pk=job.params["organisation"])
        dry_run = bool(job.params.get("dry_run", True))
        with job.input_file.open("rb") as f:
            content = f.read()

        def progress(done: int, total: int) -> None:
            job_progress(job=job, done=done, total=total, message="Die Zeilen werden geprüft …")

        def written(result) -> None:
            job_finish(
                job=job,
                message=f"{result.created} Angebote wurden als Entwurf angelegt.",
                result={"created": result.created},
            )

        result = offers_import(
            user=job.created_by,
            organisation=organisation,
            content=content,
            filename=job.params.get("filename", job.input_file.name),
            dry_run=dry_run,
            progress=progress,
            on_written=written,
        )
        if not result.ok:
            job_fail(
                job=job,
                message="Die Datei wurde nicht eingelesen; nichts wurde gespeichert. "
                "Bitte korrigieren Sie die genannten Zeilen.",
                result={"errors": result.errors[:500], "more_errors": len(result.errors) > 500},
            )
        elif dry_run:
            n = len(result.rows)
            job_finish(
                job=job,
                message=f"Vorschau: {n} Angebote können eingelesen werden.",
                result={
                    "preview": True,
                    "count": n,
                    "titles": [
                        f"{r['values']['title']} – {r['location']['name']}"
                        for r in result.rows[:200]
                    ],
                },
            )

    return job_run(context, job_code, work)


@task()
def notify_registration_request(*, code: str, base_url: str = "") -> bool:
    """Tell the provider that a registration request came in (once per request).

    The mail holds no personal data: the offer and a link to the request list, which needs a
    login. It goes to the offer's contact e-mail, else to the organisation's e-mail, else to
    the members of the organisation who may answer registration requests.
    """
    request = (
        RegistrationRequest.objects.select_related("offer", "offer__organisation")
        .filter(code=code)
        .first()
    )
    if request is None:  # deleted meanwhile: nothing to tell
        return False
    offer = request.offer
    to = [offer.contact_email or offer.organisation.email]
    if not to[0]:
        to = sorted(
            Membership.objects.active()
            .filter(
                organisation=offer.organisation,
                role__in=roles_with(Action.HANDLE_REGISTRATIONS),
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
            .distinct()
        )
    if not to:
        return False
    base = base_url.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        return mail_send_once(
            key=f"registration-request:{code}",
            subject=_("Teilhabe: new registration request for “%(offer)s”") % {"offer": offer},
            body=_(
                "A registration request for your offer “%(offer)s” has come in through the "
                "offer finder. Please answer it soon:\n\n%(url)s\n\n"
                "(You need to log in; the request holds personal data and is not sent by mail.)"
            )
            % {"offer": offer, "url": base + reverse("offers:registrations")},
            to=to,
        )
