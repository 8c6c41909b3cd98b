from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.models import (
    BarrierCategory,
    CaseKind,
    Consent,
    ConsentPurpose,
    ContactNote,
    DataCategory,
    Deadline,
    Institution,
    MilestoneStatus,
    MilestoneType,
    NoteKind,
    Person,
    SharingScope,
)
from teilhabe.cases.services import person_values_check, scope_not_covered_message
from teilhabe.core.forms import conditionally_required
from teilhabe.geography.models import District
from teilhabe.organisations.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = Person.EDITABLE_FIELDS
        widgets = {
            "other_spellings": forms.Textarea(attrs={"rows": 2}),
            "school_background": forms.Textarea(attrs={"rows": 2}),
            "work_background": forms.Textarea(attrs={"rows": 2}),
            "health_notes": forms.Textarea(attrs={"rows": 2}),
            "residence_valid_until": DateInput(),
            "arrived_in_germany": DateInput(),
            "arrived_in_city": DateInput(),
        }

    def __init__(self, *args, sensitive: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")
        if not sensitive:
            for name in Person.SENSITIVE_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        try:
            person_values_check(data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    if name in self.fields and name not in self.errors:
                        self.add_error(name, error)
        return data

    def person_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.fields}


class RegisterForm(PersonForm):
    household_name = forms.CharField(
        label=_("Name of the household"),
        max_length=200,
        help_text=_("Usually the family name, e.g. “Familie Haddad”."),
    )
    kind = forms.ModelChoiceField(
        label=_("Kind of case"), queryset=CaseKind.objects.filter(is_active=True), empty_label=None
    )
    confirm_new = forms.BooleanField(
        label=_("None of the persons shown is the same person: register anyway"), required=False
    )

    field_order = ["household_name", "kind"]


class NoteForm(forms.ModelForm):
    class Meta:
        model = ContactNote
        fields = ["date", "kind", "duration_minutes", "topics", "text", "person"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in persons])
        # A structural barrier has its own form (with kind of barrier and institution).
        self.fields["kind"].choices = [
            c for c in self.fields["kind"].choices if c[0] != NoteKind.BARRIER
        ]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("A contact cannot lie in the future."))
        return date


class BarrierForm(forms.ModelForm):
    """A structural barrier: a standard system failed the person (counted, without names, per
    institution and quarter on the steering pages)."""

    class Meta:
        model = ContactNote
        fields = ["date", "institution", "barrier_category", "text", "person"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("What happened")}
        help_texts = {
            "text": _(
                "Describe the barrier, not the person: steering sees only how often it occurs "
                "per institution."
            )
        }

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in persons])
        self.fields["institution"].queryset = Institution.objects.filter(is_active=True)
        self.fields["barrier_category"].queryset = BarrierCategory.objects.filter(is_active=True)
        self.fields["institution"].required = True
        self.fields["barrier_category"].required = True


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["kind", "title", "due_on", "person"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in persons])


class AppointmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("An appointment cannot end before it starts."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))


class MilestoneForm(forms.Form):
    type = forms.ModelChoiceField(
        label=_("Milestone"), queryset=MilestoneType.objects.filter(is_active=True)
    )
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)
    planned_on = forms.DateField(label=_("Planned for"), required=False, widget=DateInput())
    achieved_on = forms.DateField(label=_("Achieved on"), required=False, widget=DateInput())
    weekly_hours = forms.IntegerField(
        label=_("Hours a week"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("For a job or training: the agreed hours a week."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == MilestoneStatus.ACHIEVED and not data.get("achieved_on"):
            self.add_error("achieved_on", _("Enter the date on which the milestone was achieved."))
        if data.get("achieved_on") and data["achieved_on"] > timezone.localdate():
            self.add_error("achieved_on", _("A milestone cannot be achieved in the future."))
        return data


class ConsentForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        help_text=_("In the words of the consent form, e.g. “Anmeldung Integrationskurs”."),
    )
    purpose_kind = forms.ChoiceField(
        label=_("What the consent allows"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Data covered by the consent"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    method = forms.ChoiceField(
        label=_("How given"),
        choices=[
            ("signed_form", _("signed form (uploaded)")),
            ("oral", _("oral, with interpreter, recorded")),
            ("other", _("other")),
        ],
    )
    # Required when the consent was given on a signed form.
    signed_form = conditionally_required(
        forms.FileField(label=_("Signed form (PDF, JPEG or PNG)"), required=False)
    )

    def __init__(self, *args, own_organisation_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(pk=own_organisation_id)
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        if data.get("given_on") and data["given_on"] > timezone.localdate():
            self.add_error("given_on", _("A consent cannot be given in the future."))
        if data.get("method") == "signed_form" and not data.get("signed_form"):
            self.add_error("signed_form", _("Upload the signed form."))
        return data


class GrantForm(forms.Form):
    consent = forms.ModelChoiceField(label=_("Consent"), queryset=None, empty_label=None)
    recipient = forms.ModelChoiceField(
        label=_("Recipient"), queryset=Organisation.objects.none(), empty_label=None
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=SharingScope.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())

    def __init__(self, *args, consents=(), **kwargs):
        super().__init__(*args, **kwargs)

        ids = [c.pk for c in consents]
        self.fields["consent"].queryset = Consent.objects.filter(pk__in=ids).select_related(
            "person"
        )
        self.fields["consent"].label_from_instance = lambda c: (
            f"{c.person.full_name}: {c.purpose} ({c.given_on:%d.%m.%Y}; "
            f"{c.get_purpose_kind_display()}; {', '.join(c.data_category_labels) or '–'})"
        )
        self.fields["recipient"].queryset = Organisation.objects.filter(
            is_active=True,
            pk__in=Consent.recipients.through.objects.filter(consent_id__in=ids).values(
                "organisation_id"
            ),
        ).order_by("name")

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value <= timezone.localdate():
            raise ValidationError(_("The end of the sharing must lie in the future."))
        return value

    def clean(self):
        data = super().clean()
        consent, scope = data.get("consent"), data.get("scope")
        if consent is not None and scope and not consent.covers_scope(scope):
            self.add_error("scope", scope_not_covered_message(consent, scope))
        return data


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def clean_closed_on(self):
        value = self.cleaned_data["closed_on"]
        if value > timezone.localdate():
            raise ValidationError(
                _("A case cannot be closed on a future date; enter the day it actually ended.")
            )
        return value


class CaseloadFilterForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Kind of case"),
        queryset=CaseKind.objects.all(),
        required=False,
        empty_label=_("all kinds"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("open")), ("closed", _("closed")), ("all", _("all"))],
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
    file_number = forms.CharField(label=_("BAMF file number"), required=False, max_length=30)
    district = forms.ModelChoiceField(
        label=_("District (Stadtteil)"),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=_("all districts"),
        to_field_name="code",
    )


class MergeForm(forms.Form):
    other = forms.ChoiceField(
        label=_("Person to merge into this one"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the person to merge into this one.")},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [
            (str(p.code), f"{p.family_name}, {p.given_names} – {p.birth_display}")
            for p in candidates
        ]
