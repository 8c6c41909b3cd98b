from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "teilhabe.referrals"
    label = "referrals"
    verbose_name = _("Referrals and allocation of places")
