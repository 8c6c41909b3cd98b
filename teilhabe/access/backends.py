"""Django authentication backend that answers the admin site's model permissions from the
access policy: administrators (role ``admin``) may manage master data there, nobody else."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from teilhabe.access import Action, can


class PolicyBackend(BaseBackend):
    def authenticate(self, request, **credentials):  # this backend never logs anyone in
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return can(user_obj, Action.USE_ADMIN_SITE)

    def has_module_perms(self, user_obj, app_label):
        return can(user_obj, Action.USE_ADMIN_SITE)
