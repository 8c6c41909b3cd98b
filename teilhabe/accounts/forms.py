from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from teilhabe.core.tasks import send_email
from teilhabe.jobs.services import mail_key


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
    """Sends the reset mail through the task queue, after the request's transaction commits."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        # One mail per reset request (uid + token), even if the worker runs the task twice.
        key = mail_key("password-reset", context["uid"], context["token"])
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=[to_email], key=key)
        )
