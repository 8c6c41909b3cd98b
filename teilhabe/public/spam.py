"""Spam protection of the public registration form, without third parties and without cookies.

* a signed time token in the form (``django.core.signing``): a request must come between
  ``MIN_SECONDS`` and ``MAX_AGE`` after the form was served, for this offer;
* a honeypot field that people do not see and bots fill in (then nothing is stored, and the bot
  is told it worked);
* a rate limit per client address (``PUBLIC_REGISTRATION_RATE``, default ``5/hour``), counted in
  the Django cache like the API's rate limit (``TRUSTED_PROXY_COUNT`` applies).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from rest_framework.throttling import SimpleRateThrottle

SALT = "teilhabe.public.registration"
MIN_SECONDS = 3
MAX_AGE = 2 * 60 * 60
HONEYPOT = "website"


def token_for(offer_code) -> str:
    return signing.dumps({"o": str(offer_code), "t": int(time.time())}, salt=SALT)


def token_ok(token: str, offer_code, *, now: float | None = None) -> bool:
    """True if ``token`` was made for this offer at least ``MIN_SECONDS`` and at most
    ``MAX_AGE`` ago."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return False
    now = time.time() if now is None else now
    return data.get("o") == str(offer_code) and now - data.get("t", now) >= MIN_SECONDS


class RegistrationThrottle(SimpleRateThrottle):
    scope = "public-registration"

    def get_rate(self):
        return getattr(settings, "PUBLIC_REGISTRATION_RATE", "5/hour")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def rate_ok(request) -> bool:
    """Counts this request; False once the client address has sent too many."""
    return RegistrationThrottle().allow_request(request, None)
