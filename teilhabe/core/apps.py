from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
    default = True


class TeilhabeAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "teilhabe.core.admin_site.TeilhabeAdminSite"
