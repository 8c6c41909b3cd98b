"""The job facility: long work with visible progress, seen only by its creator (and admins)."""

import pytest
from django.core import mail
from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.jobs import testing  # registers the demo kind "jobs.demo"
from teilhabe.jobs.models import Job, JobStatus, SentMail
from teilhabe.jobs.services import job_start, mail_send_once

pytestmark = pytest.mark.django_db


def test_a_started_job_runs_reports_progress_and_offers_its_result(cast):
    user = cast.user(Role.PROVIDER_EDITOR)
    job = job_start(user=user, kind="jobs.demo", params={"n": 4})
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert job.message == "Gezählt."
    assert job.result_file.read() == b"1 2 3"
    assert job.task_id


def test_the_job_page_polls_while_the_job_runs_and_stops_when_it_is_finished(client_as, cast):
    user = cast.user(Role.PROVIDER_EDITOR)
    job = Job.objects.create(
        kind="jobs.demo",
        created_by=user,
        status=JobStatus.RUNNING,
        progress_done=2,
        progress_total=8,
    )
    client = client_as(Role.PROVIDER_EDITOR)
    page = client.get(reverse("jobs:detail", args=[job.code])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "2 von 8 erledigt" in page
    assert "<script" not in page.split("<main", 1)[1]
    job.status = JobStatus.SUCCEEDED
    job.save()
    part = client.get(reverse("jobs:detail", args=[job.code]), HTTP_HX_REQUEST="true")
    assert part.status_code == 200
    body = part.content.decode()
    assert "hx-trigger" not in body and "<html" not in body
    assert "Fertig" in body


def test_only_the_creator_and_an_administrator_see_a_job_and_its_result(client, cast):
    job = testing.finished_job(cast.user(Role.PROVIDER_EDITOR))
    for role, status in (
        (Role.PROVIDER_EDITOR, 200),
        (Role.ADMIN, 200),
        (Role.CASE_WORKER, 404),
        (Role.CITY_STEERING, 404),
    ):
        client.force_login(cast.user(role))
        assert client.get(reverse("jobs:detail", args=[job.code])).status_code == status
        download = client.get(reverse("jobs:result", args=[job.code]))
        assert download.status_code == status
        if status == 200:
            assert b"".join(download.streaming_content) == b"a;b\n1;2\n"
            assert "attachment" in download["Content-Disposition"]


def test_an_expected_failure_ends_the_job_with_its_german_message(cast):
    job = job_start(
        user=cast.user(Role.PROVIDER_EDITOR), kind="jobs.demo", params={"fail": "expected"}
    )
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "Die Datei hat zu viele Zeilen."


def test_an_internal_error_on_the_last_attempt_fails_the_job_with_a_general_message(cast):
    job = job_start(
        user=cast.user(Role.PROVIDER_EDITOR), kind="jobs.demo", params={"fail": "crash"}
    )
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "interner Fehler" in job.message or "internen Fehler" in job.message


def test_a_finished_job_is_not_run_again_when_its_task_is_delivered_twice(cast):
    job = job_start(user=cast.user(Role.PROVIDER_EDITOR), kind="jobs.demo", params={"n": 2})
    job.refresh_from_db()
    finished_at = job.finished_at
    testing.count_to.enqueue(job_code=str(job.code))
    job.refresh_from_db()
    assert job.finished_at == finished_at


def test_a_mail_is_sent_once_per_event_key():
    assert mail_send_once(key="event-1", subject="Betreff", body="Text", to=["a@example.org"])
    assert not mail_send_once(key="event-1", subject="Betreff", body="Text", to=["a@example.org"])
    assert mail_send_once(key="event-2", subject="Betreff", body="Text", to=["a@example.org"])
    assert len(mail.outbox) == 2
    assert not SentMail.objects.filter(key="event-1").exists()  # only the hash is stored


def test_a_mail_that_could_not_be_sent_leaves_no_key_so_a_retry_sends_it(monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def broken(self, fail_silently=False):
        raise OSError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(OSError):
        mail_send_once(key="event-3", subject="S", body="B", to=["a@example.org"])
    monkeypatch.undo()
    assert mail_send_once(key="event-3", subject="S", body="B", to=["a@example.org"])
    assert len(mail.outbox) == 1


def test_pruning_deletes_old_finished_jobs_with_their_files(cast):
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.jobs.services import jobs_prune

    job = testing.finished_job(cast.user(Role.PROVIDER_EDITOR))
    storage, name = job.result_file.storage, job.result_file.name
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=40))
    fresh = testing.finished_job(cast.user(Role.PROVIDER_EDITOR))
    assert jobs_prune(days=30) == 1
    assert not Job.objects.filter(pk=job.pk).exists() and not storage.exists(name)
    assert Job.objects.filter(pk=fresh.pk).exists()
