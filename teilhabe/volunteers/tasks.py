"""Background work of the volunteer contact point (django-tasks; run by ``db_worker``).
Every task is idempotent: it checks what was already done before sending."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.access import SYSTEM
from teilhabe.volunteers import channels, tokens
from teilhabe.volunteers.models import Volunteer
from teilhabe.volunteers.retention import retention_apply, retention_report


@task()
def send_confirmation(*, code: str, base_url: str = "") -> bool:
    """The double opt-in e-mail with the signed confirmation link."""
    volunteer = Volunteer.objects.filter(
        code=code, confirmed_at__isnull=True, anonymised_at__isnull=True
    ).first()
    if volunteer is None:
        return False
    lang = volunteer.correspondence_language
    with translation.override(lang):
        link = base_url.rstrip("/") + reverse(
            "volunteering:confirm",
            kwargs={"lang": lang, "token": tokens.confirm_token(volunteer.code)},
        )
        channels.send_email(
            to=volunteer.email,
            subject=_("Please confirm your registration as a volunteer"),
            text=_(
                "Hello %(name)s,\n\nthank you for registering as a volunteer. Please confirm "
                "your e-mail address with this link (valid for 7 days):\n\n%(link)s\n\n"
                "If you did not register, you can ignore this e-mail. We then delete your "
                "details.\n\n%(contact_point)s"
            )
            % {
                "name": volunteer.first_name,
                "link": link,
                "contact_point": volunteer.contact_point.name,
            },
            key=f"volunteers:confirm:{volunteer.code}",
        )
    return True


def _when(request) -> str:
    text = request.starts_on.strftime("%d.%m.%Y")
    if request.time_from:
        text += " " + request.time_from.strftime("%H:%M")
        if request.time_until:
            text += "–" + request.time_until.strftime("%H:%M")
    if request.recurrence == "weekly":
        text += " (" + _("weekly") + ")"
    return text


@task()
def send_inquiries(*, codes: list[str], base_url: str = "") -> int:
    """The e-mail (and, when switched on, the SMS) asking a volunteer, with the signed link.
    No personal data of a person is in the message: it is shown only after accepting."""
    from teilhabe.volunteers.models import Channel, Inquiry

    sent = 0
    sms = channels.sms_backend()
    for inquiry in Inquiry.objects.filter(
        code__in=codes, sent_at__isnull=True, answer="pending"
    ).select_related("request", "request__district", "volunteer", "request__contact_point"):
        volunteer, request = inquiry.volunteer, inquiry.request
        lang = volunteer.correspondence_language
        with translation.override(lang):
            link = base_url.rstrip("/") + reverse(
                "volunteering:answer",
                kwargs={"lang": lang, "token": tokens.answer_token(inquiry.code)},
            )
            where = request.district.name if request.district_id else request.place
            text = _(
                "Hello %(name)s,\n\ncan you help? %(contact_point)s asks:\n\n%(title)s\n"
                "When: %(when)s\nWhere: %(where)s\n\nPlease answer with this link "
                "(valid until %(until)s):\n%(link)s\n\nThank you!"
            ) % {
                "name": volunteer.first_name,
                "contact_point": request.contact_point.name,
                "title": request.title,
                "when": _when(request),
                "where": where or "–",
                "until": timezone.localtime(inquiry.expires_at).strftime("%d.%m.%Y %H:%M"),
                "link": link,
            }
            channels.send_email(
                to=volunteer.email,
                subject=_("Can you help? %(title)s") % {"title": request.title},
                text=text,
                key=f"volunteers:inquiry:{inquiry.code}",
            )
            if sms is not None and inquiry.channel == Channel.SMS and volunteer.phone:
                sms.send(
                    volunteer.phone,
                    _("%(title)s on %(when)s – please answer: %(link)s")
                    % {"title": request.title, "when": _when(request), "link": link},
                )
        Inquiry.objects.filter(pk=inquiry.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


@task()
def remind_requirements() -> int:
    """Remind volunteers (and the contact point) before a requirement is due again; each
    record once."""
    from teilhabe.volunteers.models import Requirement, VolunteerStatus

    today = timezone.localdate()
    sent = 0
    for r in Requirement.objects.filter(
        reminded_at__isnull=True,
        due_on__gt=today,
        volunteer__anonymised_at__isnull=True,
        volunteer__status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED],
    ).select_related("kind", "volunteer", "volunteer__contact_point"):
        if r.due_on - datetime.timedelta(days=r.kind.remind_days_before) > today:
            continue
        v = r.volunteer
        with translation.override(v.correspondence_language):
            text = _(
                "Hello %(name)s,\n\nyour %(kind)s is due again on %(date)s. Please apply for a "
                "new one in time and show it to the contact point. Until then we cannot place "
                "you after that date.\n\nThank you!\n%(contact_point)s"
            ) % {
                "name": v.first_name,
                "kind": r.kind.name,
                "date": r.due_on.strftime("%d.%m.%Y"),
                "contact_point": v.contact_point.name,
            }
            channels.send_email(
                to=v.email,
                subject=_("Reminder: %(kind)s due on %(date)s")
                % {"kind": r.kind.name, "date": r.due_on.strftime("%d.%m.%Y")},
                text=text,
                key=f"volunteers:reminder:{r.code}",
            )
        if v.contact_point.email:
            with translation.override(settings.LANGUAGE_CODE):
                values = {
                    "kind": r.kind.name,
                    "date": r.due_on.strftime("%d.%m.%Y"),
                    "name": v.full_name,
                }
                channels.send_email(
                    to=v.contact_point.email,
                    subject=_("Reminder: %(kind)s due on %(date)s") % values,
                    text=_("%(name)s: %(kind)s is due again on %(date)s.") % values,
                    key=f"volunteers:reminder-point:{r.code}",
                )
        Requirement.objects.filter(pk=r.pk).update(reminded_at=timezone.now())
        sent += 1
    return sent


@task()
def retention_run() -> dict[str, int]:
    return retention_apply(user=SYSTEM, report=retention_report())
