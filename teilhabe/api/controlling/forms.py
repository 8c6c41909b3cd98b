from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.access.roles import Role
from teilhabe.api.controlling.models import DEFAULT_DAYS, MAX_DAYS
from teilhabe.api.controlling.services import token_roles
from teilhabe.organisations.models import Organisation


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("What the token is for, e.g. “Excel report of the Bezirksstelle I”."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Please choose"),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        help_text=_("The token sees what a member with this role in the organisation sees."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=_("At most 365 days; the default is 90."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "name"
        )
        labels = dict(Role.choices)
        self.fields["role"].choices = [("", _("Please choose"))] + [
            (r, labels[r]) for r in token_roles()
        ]
