from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "teilhabe.referrals"
    label = "referrals"
    verbose_name = _("Referrals and allocation of places")

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.referrals import models as m

        # A referral belongs to both organisations: the sender and the receiver see it (the
        # receiver only its shared snapshot, never the person's record).
        access.register(m.Referral, organisation=("sender", "recipient"))
        access.register(m.ReferralEvent, organisation=("referral__sender", "referral__recipient"))
