"""Forms of housing support and asylum-procedure counselling. Sense checks that need the
database (capacity, overlaps) live in the services; the forms check what one form can see."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.forms import DateInput
from teilhabe.cases.models import ConsentPurpose, DataCategory
from teilhabe.geography.models import District
from teilhabe.housing.models import (
    Accommodation,
    AccommodationKind,
    AsylumProcedure,
    BenefitPeriod,
    FlatSearch,
    LegalBasis,
    ResidenceObligation,
    ResidenceTitle,
    Stay,
    StayKind,
)

POSTCODE = r"^\d{5}$"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _postcode_field(required: bool = True) -> forms.RegexField:
    return forms.RegexField(
        label=_("Postcode"),
        regex=POSTCODE,
        required=required,
        error_messages={"invalid": _("A German postcode has five digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )


def _not_future(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    if value and value > timezone.localdate():
        form.add_error(name, _("This date lies in the future."))


class AccommodationForm(forms.ModelForm):
    postcode = _postcode_field()

    class Meta:
        model = Accommodation
        fields = [
            "name",
            "kind",
            "operator",
            "street",
            "postcode",
            "district",
            "places",
            "blocked_places",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AccommodationKind.choices
        self.fields["district"].queryset = District.objects.select_related("borough")
        self.fields["places"].min_value = 1
        self.fields["places"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        places, blocked = data.get("places"), data.get("blocked_places")
        if places is not None and places < 1:
            self.add_error("places", _("An accommodation has at least one place."))
        if places is not None and blocked is not None and blocked > places:
            self.add_error("blocked_places", _("There cannot be more blocked places than places."))
        return data


class StayForm(forms.ModelForm):
    postcode = _postcode_field(required=False)

    class Meta:
        model = Stay
        fields = [
            "kind",
            "accommodation",
            "street",
            "postcode",
            "district",
            "moved_in",
            "moved_out",
            "tenancy_start",
        ]
        widgets = {
            "moved_in": DateInput(),
            "moved_out": DateInput(),
            "tenancy_start": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = StayKind.choices
        self.fields["accommodation"].queryset = Accommodation.objects.filter(is_active=True)
        self.fields["accommodation"].help_text = _("Only for a shelter or communal accommodation.")
        self.fields["district"].queryset = District.objects.all()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        moved_in, moved_out = data.get("moved_in"), data.get("moved_out")
        if moved_in and moved_out and moved_out <= moved_in:
            self.add_error("moved_out", _("The move-out must lie after the move-in."))
        if kind == StayKind.ACCOMMODATION and not data.get("accommodation"):
            self.add_error("accommodation", _("Choose the accommodation."))
        if kind == StayKind.FLAT and not data.get("street"):
            self.add_error("street", _("Enter the address of the flat."))
        if kind == StayKind.FLAT:
            _not_future(self, "moved_in")
        tenancy = data.get("tenancy_start")
        if tenancy and moved_in and tenancy > moved_in and kind == StayKind.FLAT:
            self.add_error(
                "tenancy_start", _("The tenancy must start on or before the day of the move.")
            )
        return data


class StayEndForm(forms.Form):
    moved_out = forms.DateField(label=_("Moved out on"), widget=DateInput())


class MoveForm(forms.Form):
    persons = forms.ModelMultipleChoiceField(
        label=_("Who moves"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    moved_on = forms.DateField(label=_("Day of the move"), widget=DateInput())
    tenancy_start = forms.DateField(label=_("Tenancy starts on"), widget=DateInput())
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postcode = _postcode_field()
    district = forms.ModelChoiceField(
        label=_("District (Stadtteil)"), queryset=District.objects.all()
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = household.members.filter(anonymised_at__isnull=True)

    def clean(self):
        data = super().clean()
        _not_future(self, "moved_on")
        moved, tenancy = data.get("moved_on"), data.get("tenancy_start")
        if moved and tenancy and tenancy > moved:
            self.add_error(
                "tenancy_start", _("The tenancy must start on or before the day of the move.")
            )
        return data


class FlatSearchForm(forms.ModelForm):
    class Meta:
        model = FlatSearch
        fields = [
            "status",
            "started_on",
            "rooms_needed",
            "max_rent",
            "wbs_status",
            "wbs_valid_until",
            "note",
        ]
        widgets = {"started_on": DateInput(), "wbs_valid_until": DateInput()}

    def clean(self):
        data = super().clean()
        _not_future(self, "started_on")
        if data.get("wbs_status") == "issued" and not data.get("wbs_valid_until"):
            self.add_error(
                "wbs_valid_until", _("Enter until when the Wohnberechtigungsschein is valid.")
            )
        rent = data.get("max_rent")
        if rent is not None and rent <= 0:
            self.add_error("max_rent", _("The rent must be more than 0 €."))
        rooms = data.get("rooms_needed")
        if rooms is not None and not 1 <= rooms <= 12:
            self.add_error("rooms_needed", _("Enter between 1 and 12 rooms."))
        return data


class ViewingForm(forms.Form):
    KINDS = [
        ("viewing", _("Flat viewing")),
        ("landlord", _("Contact with a landlord")),
    ]
    what = forms.ChoiceField(label=_("What"), choices=KINDS)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        _not_future(self, "date")
        return data


class TitleForm(forms.ModelForm):
    class Meta:
        model = ResidenceTitle
        fields = ["legal_basis", "issued_on", "valid_until", "authority", "note"]
        widgets = {"issued_on": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].queryset = LegalBasis.objects.all()
        self.fields["valid_until"].help_text = _("Leave empty only for titles without expiry.")

    def clean(self):
        data = super().clean()
        _not_future(self, "issued_on")
        issued, until, basis = (
            data.get("issued_on"),
            data.get("valid_until"),
            data.get("legal_basis"),
        )
        if issued and until and until < issued:
            self.add_error("valid_until", _("A title cannot expire before it was issued."))
        if basis and not basis.unlimited and not until:
            self.add_error("valid_until", _("Enter until when the title is valid."))
        return data


class BenefitForm(forms.ModelForm):
    class Meta:
        model = BenefitPeriod
        fields = ["system", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return data


class ObligationForm(forms.ModelForm):
    class Meta:
        model = ResidenceObligation
        fields = ["place", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The obligation cannot end before it starts."))
        return data


class LiftForm(forms.Form):
    lifted_on = forms.DateField(label=_("Lifted on"), widget=DateInput())


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = AsylumProcedure
        fields = [
            "applied_on",
            "file_number",
            "interview_at",
            "decision_on",
            "decision_kind",
            "delivered_on",
            "lawsuit_filed_on",
        ]
        widgets = {
            "applied_on": DateInput(),
            "interview_at": DateTimeInput(),
            "decision_on": DateInput(),
            "delivered_on": DateInput(),
            "lawsuit_filed_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interview_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
        self.fields["delivered_on"].help_text = _(
            "The day the decision was delivered (Zustellung); the legal-remedy period runs from it."
        )

    def clean(self):
        data = super().clean()
        for name in ("applied_on", "decision_on", "delivered_on", "lawsuit_filed_on"):
            _not_future(self, name)
        applied, decided = data.get("applied_on"), data.get("decision_on")
        delivered = data.get("delivered_on")
        if applied and decided and decided < applied:
            self.add_error("decision_on", _("The decision cannot be dated before the application."))
        if decided and delivered and delivered < decided:
            self.add_error(
                "delivered_on", _("The decision cannot be delivered before it was made.")
            )
        if decided and not data.get("decision_kind"):
            self.add_error("decision_kind", _("Choose the kind of decision."))
        if (data.get("decision_kind") or delivered) and not decided:
            self.add_error("decision_on", _("Enter the date of the decision as well."))
        return data


# What a consent must allow for the confirmation for landlords (checked like a sharing grant's
# scope, ``Consent.covers``): the landlord is no organisation a case-work consent names, so only
# a consent for another purpose (its text says which), covering the data the letter shows — the
# person's name (and the size of the household).
LANDLORD_LETTER_NEEDS = {
    "purposes": (ConsentPurpose.OTHER,),
    "categories": (DataCategory.IDENTITY,),
}


class LandlordLetterForm(forms.Form):
    consent = forms.ModelChoiceField(
        label=_("Consent of the person"),
        queryset=None,
        help_text=_(
            "A consent for another purpose (e.g. “confirmation for landlords”) that covers "
            "name and date of birth."
        ),
    )

    def __init__(self, *args, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        self.fields["consent"].to_field_name = "code"

    def clean_consent(self):
        consent = self.cleaned_data["consent"]
        need = LANDLORD_LETTER_NEEDS
        if consent.purpose_kind not in need["purposes"]:
            raise forms.ValidationError(
                _(
                    "The consent “%(purpose)s” was given for “%(kind)s”; it does not allow a "
                    "confirmation for landlords. Record a consent for another purpose that "
                    "covers name and date of birth."
                ),
                params={"purpose": consent.purpose, "kind": consent.get_purpose_kind_display()},
            )
        if not consent.covers(need):
            labels = dict(DataCategory.choices)
            given = set(consent.data_categories or [])
            missing = [str(labels[c]) for c in need["categories"] if c not in given]
            raise forms.ValidationError(
                _(
                    "The consent “%(purpose)s” does not cover %(missing)s, which the "
                    "confirmation for landlords shows. Record a consent that covers these data."
                ),
                params={"purpose": consent.purpose, "missing": ", ".join(missing)},
            )
        return consent


def service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: at the named field when there is one, else at the
    top, so the user sees it in the error summary and next to the field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages[0] if error.messages else str(error))
    else:
        for message in exc.messages:
            form.add_error(None, message)
