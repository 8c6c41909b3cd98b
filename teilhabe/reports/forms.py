from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.forms import DateInput
from teilhabe.finance.models import FiscalYear, FundingSource
from teilhabe.reports.render import NARRATIVE_FIELDS


class StatusReportForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DateInput())
    period_end = forms.DateField(label=_("Until"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if end and end > timezone.localdate():
            self.add_error("period_end", _("The period cannot end in the future."))
        return data


class UseOfFundsForm(forms.Form):
    funding_source = forms.ModelChoiceField(
        label=_("Funding source"), queryset=FundingSource.objects.order_by("name")
    )
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = FiscalYear.objects.order_by("-year").values_list("year", flat=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        labels = {
            "measures": _("Measures carried out"),
            "goals": _("How far the goals were reached"),
            "deviations": _("Deviations from the financing plan and their reasons"),
            "outlook": _("Outlook"),
        }
        for key, _label in NARRATIVE_FIELDS:
            self.fields[f"narrative_{key}"] = forms.CharField(
                label=labels[key],
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Text of the narrative part; it can also be edited in the DOCX."),
            )

    def narrative(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"narrative_{key}", "") for key, _l in NARRATIVE_FIELDS}
