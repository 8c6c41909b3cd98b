"""Background tasks of accounts (run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from teilhabe.jobs.services import mail_key, mail_send_once


@task()
def send_password_reset(
    *,
    user_id: int,
    request_id: str,
    domain: str,
    site_name: str,
    protocol: str,
    subject_template: str,
    body_template: str,
) -> bool:
    """Render and send the mail of one password-reset request.

    The task's stored arguments hold identifiers only — no address, no mail text, no reset
    link: the token is made here, when the mail is written. One mail per request
    (``request_id``), however often the task runs; nothing for a deactivated account."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(loader.render_to_string(subject_template, context).splitlines())
        body = loader.render_to_string(body_template, context)
    return mail_send_once(
        key=mail_key("password-reset", user.pk, request_id),
        subject=subject,
        body=body,
        to=[user.email],
    )
