"""Background work of the offers directory (run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.access import Action, roles_with
from teilhabe.jobs.services import mail_send_once
from teilhabe.offers.models import RegistrationRequest
from teilhabe.organisations.models import Membership


@task()
def notify_registration_request(*, code: str, base_url: str = "") -> bool:
    """Tell the provider that a registration request came in (once per request).

    The mail holds no personal data: the offer and a link to the request list, which needs a
    login. It goes to the offer's contact e-mail, else to the organisation's e-mail, else to
    the members of the organisation who may answer registration requests.
    """
    request = (
        RegistrationRequest.objects.select_related("offer", "offer__organisation")
        .filter(code=code)
        .first()
    )
    if request is None:  # deleted meanwhile: nothing to tell
        return False
    offer = request.offer
    to = [offer.contact_email or offer.organisation.email]
    if not to[0]:
        to = sorted(
            Membership.objects.active()
            .filter(
                organisation=offer.organisation,
                role__in=roles_with(Action.HANDLE_REGISTRATIONS),
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
            .distinct()
        )
    if not to:
        return False
    base = base_url.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        return mail_send_once(
            key=f"registration-request:{code}",
            subject=_("Teilhabe: new registration request for “%(offer)s”") % {"offer": offer},
            body=_(
                "A registration request for your offer “%(offer)s” has come in through the "
                "offer finder. Please answer it soon:\n\n%(url)s\n\n"
                "(You need to log in; the request holds personal data and is not sent by mail.)"
            )
            % {"offer": offer, "url": base + reverse("offers:registrations")},
            to=to,
        )
