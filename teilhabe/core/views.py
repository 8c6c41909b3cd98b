from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from rest_framework.exceptions import NotFound, ParseError


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness in one: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def _api(request) -> bool:
    """The open API answers errors in JSON, like its endpoints (``{"detail": …}``)."""
    return request.path.startswith("/api/")


def error_400(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": str(ParseError.default_detail)}, status=400)
    return defaults.bad_request(request, exception)


def error_404(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
