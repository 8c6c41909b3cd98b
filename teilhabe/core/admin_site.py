"""The Django admin for master data, open to administrators only (role ``admin``)."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from teilhabe.access import Action, can


class TeilhabeAdminSite(admin.AdminSite):
    site_header = _("Teilhabe – master data")
    site_title = _("Teilhabe administration")
    index_title = _("Master data")

    def has_permission(self, request):
        return request.user.is_active and can(request.user, Action.USE_ADMIN_SITE)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        # One login page for the whole application (with its throttling).
        return redirect_to_login(request.GET.get("next", request.path.replace("login/", "")))
