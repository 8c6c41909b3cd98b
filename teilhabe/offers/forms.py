from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import FilterForm
from teilhabe.offers.models import (
    PUBLIC_LANGUAGES,
    SPOKEN_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
    RegistrationStatus,
    TranslationStatus,
    Weekday,
)
from teilhabe.offers.services import COST_NEGATIVE


class OfferForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=list(SPOKEN_LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"), queryset=Location.objects.none(), required=True
    )

    class Meta:
        model = Offer
        fields = [f for f in Offer.EDITABLE_FIELDS if f != "last_reviewed"]
        widgets = {"last_reviewed": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, locations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by("position", "name")
        if locations is not None:
            self.fields["locations"].queryset = locations
        if self.instance.pk:
            self.initial["locations"] = list(self.instance.locations.values_list("pk", flat=True))
        self.fields["status"].choices = OfferStatus.choices

    def clean_cost(self):
        cost = self.cleaned_data.get("cost")
        if cost is not None and cost < 0:
            raise forms.ValidationError(COST_NEGATIVE)
        return cost


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    date = forms.DateField(
        label=_("or single date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_at = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pauses_in_school_holidays = forms.BooleanField(
        label=_("Pauses in NRW school holidays"), required=False
    )

    def clean(self):
        data = super().clean()
        used = data.get("weekday") is not None or data.get("date")
        if not used:
            return data
        if data.get("weekday") is not None and data.get("date"):
            self.add_error("date", _("Give either a weekday or a single date, not both."))
        for name in ("starts_at", "ends_at"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Give the start and end time."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end time must be after the start time."))
        return data


ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=2, max_num=20)


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "accessibility_note",
        ]

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not re.fullmatch(r"\d{5}", postcode):
            raise forms.ValidationError(_("A German postcode has five digits, e.g. 45127."))
        return postcode


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Short description"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=TranslationStatus.choices)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("One offer per row; see the column list below."),
    )


class TranslationFileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[(c, n) for c, n in PUBLIC_LANGUAGES if c != "de"],
    )
    file = forms.FileField(label=_("Translated CSV file"), required=False)


class RegistrationStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Reply given"),
        choices=[
            (v, label) for v, label in RegistrationStatus.choices if v != RegistrationStatus.NEW
        ],
    )


class OfferListFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *OfferStatus.choices]
    )
    veraltet = forms.BooleanField(
        label=_("Only offers not reviewed for more than a year"), required=False
    )


class CoverageFilterForm(FilterForm):
    """The borough of the coverage table: one of those the user may see."""

    bezirk = forms.ChoiceField(label=_("Borough"))

    def __init__(self, data=None, *, boroughs, default):
        super().__init__(data, initial={"bezirk": str(default.number) if default else ""})
        self.fields["bezirk"].choices = [(str(b.number), str(b)) for b in boroughs]


class RegistrationFilterForm(FilterForm):
    ALL = "alle"
    status = forms.ChoiceField(
        label=_("Status"),
        initial=RegistrationStatus.NEW,
        choices=[(ALL, _("all")), *RegistrationStatus.choices],
    )
