import time

from django.conf import settings


class IdleSessionMiddleware:
    """The idle timeout without a database write per request.

    A session ends ``SESSION_COOKIE_AGE`` (``SESSION_IDLE_MINUTES``) after it was last saved.
    Django's ``SESSION_SAVE_EVERY_REQUEST`` slides that expiry by writing the session row on
    every request; this middleware writes it only when the last write is at least
    ``SESSION_TOUCH_SECONDS`` (one minute) old, so a session still ends between 29 and 30
    minutes after its last request, and a page costs one UPDATE less.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(time.time())
            if now - session.get("_touched", 0) >= settings.SESSION_TOUCH_SECONDS:
                session["_touched"] = now  # marks the session modified: saved, expiry moved
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a restrictive Permissions-Policy, and no caching of
    pages for logged-in users (personal data must not stay in shared caches)."""

    PERMISSIONS_POLICY = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response.setdefault("Cache-Control", "private, no-store")
        return response
