from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FilterForm(forms.Form):
    """Period and place of a steering page (GET parameters ``von``, ``bis``, ``bezirk``,
    ``stadtteil``)."""

    von = forms.DateField(label=_("From"), required=False, widget=DateInput())
    bis = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    bezirk = forms.ChoiceField(label=_("Stadtbezirk"), required=False)
    stadtteil = forms.ChoiceField(label=_("Stadtteil"), required=False)

    def __init__(self, *args, boroughs=(), districts=(), city=True, **kwargs):
        super().__init__(*args, **kwargs)
        everything = _("whole city") if city else _("all of my Bezirke")
        self.fields["bezirk"].choices = [("", everything)] + [
            (str(b.code), str(b)) for b in boroughs
        ]
        self.fields["stadtteil"].choices = [("", _("all Stadtteile"))] + [
            (str(d.code), d.name) for d in districts
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("von"), data.get("bis")
        if start and end and end < start:
            self.add_error("bis", _("The end of the period must not be before its start."))
        for name in ("von", "bis"):
            day = data.get(name)
            if day and not (datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31)):
                self.add_error(name, _("Please enter a date between 2000 and 2100."))
        return data
