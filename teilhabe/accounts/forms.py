import uuid

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.tasks import send_password_reset


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Note that the password is case-sensitive."
        ),
        "inactive": _("This account is deactivated."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset mail after the request's transaction commits. The task gets
    identifiers only and writes the mail itself (``teilhabe.accounts.tasks``): no address, text
    or reset link sits in the task queue."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        arguments = {
            "user_id": context["user"].pk,
            "request_id": uuid.uuid4().hex,  # one mail per request, even if the task runs twice
            "domain": context["domain"],
            "site_name": context["site_name"],
            "protocol": context["protocol"],
            "subject_template": subject_template_name,
            "body_template": email_template_name,
        }
        transaction.on_commit(lambda: send_password_reset.enqueue(**arguments))
