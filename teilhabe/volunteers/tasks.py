"""Background work of the volunteer contact point (django-tasks; run by ``db_worker``).
Every task is idempotent: it checks what was already done before sending."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.volunteers import channels, tokens
from teilhabe.volunteers.models import Volunteer


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
        )
    return True
