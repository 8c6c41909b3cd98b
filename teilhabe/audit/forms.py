from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.audit.models import AuditAction
from teilhabe.audit.selectors import date_range_check


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("User (e-mail contains)"), required=False, max_length=100)
    record = forms.CharField(label=_("Record or person code"), required=False, max_length=40)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all")), *AuditAction.choices]
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        try:
            date_range_check(data.get("date_from"), data.get("date_to"))
        except ValidationError as exc:
            self.add_error("date_to", exc)
        return data
