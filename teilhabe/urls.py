from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from teilhabe.core import views as core_views

urlpatterns = [
    path("", include("teilhabe.dashboard.urls")),
    path("konto/", include("teilhabe.accounts.urls")),
    path("stadtgebiet/", include("teilhabe.geography.urls")),
    path("organisationen/", include("teilhabe.organisations.urls")),
    path("finanzen/", include("teilhabe.finance.urls")),
    path("faelle/", include("teilhabe.cases.urls")),
    path("protokoll/", include("teilhabe.audit.urls")),
    path("vermittlungen/", include("teilhabe.referrals.urls")),
    path("wohnen/", include("teilhabe.housing.urls")),
    path("berichte/", include("teilhabe.reports.urls")),
    path("steuerung/", include("teilhabe.steering.urls")),
    path("angebotsverwaltung/", include("teilhabe.offers.urls")),
    path("angebote/", include("teilhabe.public.urls")),
    path("ehrenamt/", include("teilhabe.volunteers.urls")),
    path("mitmachen/", include("teilhabe.volunteers.public_urls")),
    path("api-zugaenge/", include("teilhabe.api.controlling.page_urls")),
    path("api/v1/controlling/", include("teilhabe.api.controlling.urls")),
    path("api/v1/", include("teilhabe.api.urls")),
    path("hintergrund/", include("teilhabe.jobs.urls")),
    path("offene-daten/", include("teilhabe.opendata.urls")),
    path("sprache/", set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler400 = "teilhabe.core.views.error_400"
handler403 = "teilhabe.core.views.error_403"
handler404 = "teilhabe.core.views.error_404"
handler500 = "teilhabe.core.views.error_500"

if settings.DEBUG:  # pragma: no cover - development only
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
