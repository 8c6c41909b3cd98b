"""How volunteers are asked: e-mail always; SMS as a pluggable channel, off by default.

``VOLUNTEERS_SMS_BACKEND`` (settings) names a class with ``send(phone, text)``; without it no
SMS is sent. A backend for a provider is written by the operator (the provider's contract and
credentials are theirs); :class:`MemorySms` serves tests.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend:
    def send(self, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class MemorySms(SmsBackend):
    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemorySms.outbox.append((phone, text))


def sms_backend() -> SmsBackend | None:
    path = getattr(settings, "VOLUNTEERS_SMS_BACKEND", "")
    return import_string(path)() if path else None


def send_email(*, to: str, subject: str, text: str, key: str) -> bool:
    """One e-mail, sent at most once per ``key`` (a retried task sends nothing twice)."""
    from teilhabe.jobs.services import mail_send_once

    return mail_send_once(key=key, subject=subject, body=text, to=[to])
