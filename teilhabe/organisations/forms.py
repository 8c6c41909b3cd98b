from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.geography.models import Borough
from teilhabe.organisations.models import OrganisationKind


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *OrganisationKind.choices]
    )
    borough = forms.ModelChoiceField(
        label=_("Borough"),
        required=False,
        queryset=Borough.objects.order_by("number"),
        empty_label=_("all boroughs"),
        to_field_name="code",
    )
