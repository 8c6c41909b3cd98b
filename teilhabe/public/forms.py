"""The public registration form (no account: a name and one way to reach the person)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from teilhabe.offers.registration import MAX_PARTICIPANTS
from teilhabe.public.spam import HONEYPOT

phone_number = RegexValidator(
    r"^\+?[0-9 ()/-]{5,40}\Z", _("Enter a phone number with digits only, e.g. 0201 123456.")
)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Give an e-mail address or a phone number (or both)."),
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False, validators=[phone_number]
    )
    participants = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=MAX_PARTICIPANTS, initial=1
    )
    message = forms.CharField(
        label=_("Message to the provider"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(required=True)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consent_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        self.fields["consent"].error_messages["required"] = _(
            "Please agree so that the provider may contact you."
        )
        # The honeypot: hidden from people (CSS and aria-hidden), bots fill it in.
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error(
                "email", _("Give an e-mail address or a phone number so that you can be reached.")
            )
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))
