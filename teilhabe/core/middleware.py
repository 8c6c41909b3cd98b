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
