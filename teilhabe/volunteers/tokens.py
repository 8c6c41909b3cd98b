"""Signed tokens of the volunteer contact point (no login needed, nothing stored).

* the confirmation link of a registration (double opt-in),
* the answer link of an inquiry (accept or decline), valid until the inquiry expires,
* the start time of the public registration form (spam protection without third parties: a
  form sent back too fast or too late, or not from our page, is refused).
"""

from __future__ import annotations

import time

from django.core import signing

CONFIRM_SALT = "teilhabe.volunteers.confirm"
ANSWER_SALT = "teilhabe.volunteers.answer"
FORM_SALT = "teilhabe.volunteers.form"
CONFIRM_MAX_AGE = 7 * 24 * 3600
FORM_MIN_SECONDS = 3
FORM_MAX_SECONDS = 2 * 3600


class TokenError(Exception):
    """A token that is forged, damaged or expired."""


def confirm_token(volunteer_code) -> str:
    return signing.dumps(str(volunteer_code), salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> str:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise TokenError(str(exc)) from None


def answer_token(inquiry_code) -> str:
    return signing.dumps(str(inquiry_code), salt=ANSWER_SALT, compress=True)


def read_answer_token(token: str) -> str:
    """The inquiry's code; whether the inquiry itself has expired is checked by the service."""
    try:
        return signing.loads(token, salt=ANSWER_SALT)
    except signing.BadSignature as exc:
        raise TokenError(str(exc)) from None


def form_token(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=FORM_SALT)


def form_age(token: str, now: float | None = None) -> float:
    """Seconds since the form was handed out; TokenError for a forged token."""
    try:
        started = int(signing.loads(token, salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise TokenError("bad form token") from None
    return (now if now is not None else time.time()) - started


HOURS_SALT = "teilhabe.volunteers.hours"
HOURS_MAX_AGE = 2 * 365 * 24 * 3600


def hours_token(assignment_code) -> str:
    return signing.dumps(str(assignment_code), salt=HOURS_SALT, compress=True)


def read_hours_token(token: str) -> str:
    try:
        return signing.loads(token, salt=HOURS_SALT, max_age=HOURS_MAX_AGE)
    except signing.BadSignature as exc:
        raise TokenError(str(exc)) from None
