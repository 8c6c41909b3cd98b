from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import FilterForm
from teilhabe.geography.models import District
from teilhabe.volunteers.models import (
    LANGUAGES,
    WEEKDAYS,
    ContactPoint,
    InterpretingMode,
    LanguageLevel,
    Recurrence,
    RequestKind,
    RequestStatus,
    RequirementKind,
    SharedField,
    Skill,
    Slot,
    VolunteerStatus,
)

LANGUAGE_ROWS = 3
_LANGUAGE_CHOICES = [("", "–")] + [(code, name) for code, name in LANGUAGES.items()]
_LEVEL_CHOICES = [("", "–")] + [(str(v), label) for v, label in LanguageLevel.choices]
AVAILABILITY_CHOICES = [
    (f"{day}-{slot}", f"{name}, {label}")
    for day, name in enumerate(WEEKDAYS)
    for slot, label in Slot.choices
]


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RegistrationForm(forms.Form):
    """The public registration (plain language; German and English)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send you a link. Please click it to confirm your registration."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language_1 = forms.ChoiceField(label=_("Language 1"), choices=_LANGUAGE_CHOICES)
    level_1 = forms.ChoiceField(label=_("How well? (language 1)"), choices=_LEVEL_CHOICES)
    language_2 = forms.ChoiceField(label=_("Language 2"), choices=_LANGUAGE_CHOICES, required=False)
    level_2 = forms.ChoiceField(
        label=_("How well? (language 2)"), choices=_LEVEL_CHOICES, required=False
    )
    language_3 = forms.ChoiceField(label=_("Language 3"), choices=_LANGUAGE_CHOICES, required=False)
    level_3 = forms.ChoiceField(
        label=_("How well? (language 3)"), choices=_LEVEL_CHOICES, required=False
    )
    skills = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Where would you like to help? (Stadtteile)"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When do you have time?"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = _date(_("From (date)"), required=False)
    available_until = _date(_("Until (date)"), required=False)
    motivation = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy = forms.BooleanField(
        label=_(
            "I agree that the contact point stores my details to find a volunteer job for me. "
            "I have read the privacy notice."
        ),
    )
    # Spam protection: a signed start time and a field people leave empty.
    started = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Please leave this field empty"), required=False, max_length=200
    )

    def __init__(self, *args, contact_points=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.select_related("borough").order_by(
            "name"
        )
        contact_points = list(contact_points or [])
        if len(contact_points) > 1:
            self.fields["contact_point"] = forms.ModelChoiceField(
                label=_("Which contact point?"),
                queryset=None,
                empty_label=None,
            )
            from teilhabe.volunteers.models import ContactPoint

            self.fields["contact_point"].queryset = ContactPoint.objects.filter(
                pk__in=[c.pk for c in contact_points]
            )

    def clean(self):
        data = super().clean()
        languages: dict[str, int] = {}
        for i in range(1, LANGUAGE_ROWS + 1):
            code, level = data.get(f"language_{i}"), data.get(f"level_{i}")
            if code and not level:
                self.add_error(f"level_{i}", _("Please say how well you speak this language."))
            elif level and not code:
                self.add_error(f"language_{i}", _("Please choose the language."))
            elif code:
                languages[code] = max(languages.get(code, 0), int(level))
        data["languages"] = languages
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("The end date must be after the start date."))
        return data


class VolunteerRecordForm(forms.Form):
    """What the coordinator keeps about a volunteer."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in VolunteerStatus.choices if c[0] != VolunteerStatus.UNCONFIRMED],
    )
    interview_on = _date(_("First interview on"), required=False)
    interview_notes = forms.CharField(
        label=_("Notes from the first interview"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Time, skills and interests — no health data, no certificate contents."),
    )
    insurance_note = forms.CharField(label=_("Insurance note"), required=False, max_length=300)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    skills = forms.MultipleChoiceField(
        label=_("Skills and fields of activity"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_interpreter = forms.BooleanField(label=_("In the interpreter pool"), required=False)
    allowance_rate = forms.DecimalField(
        label=_("Allowance per hour (€)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    flat_rate_allowance = forms.BooleanField(
        label=_("Receives a flat-rate allowance (Ehrenamtspauschale)"), required=False
    )
    left_on = _date(_("Left on"), required=False)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Training"), max_length=200)
    held_on = _date(_("Date of the training"))


class RequirementForm(forms.Form):
    """Data-minimal record of an inspected certificate: never its content."""

    kind = forms.ModelChoiceField(
        label=_("Requirement"), queryset=RequirementKind.objects.all(), empty_label=None
    )
    issued_on = _date(_("Issued on"), help_text=_("The date printed on the certificate."))
    inspected_on = _date(_("Inspected on"))
    no_relevant_entry = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("no relevant entry")), ("no", _("relevant entry"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class RequestForm(forms.Form):
    """An Einsatzanfrage (or, with ``interpreting``, an interpreter booking)."""

    contact_point = forms.ModelChoiceField(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("What is it about?"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No names or other personal data here — share them below with consent."),
    )
    mode = forms.ChoiceField(label=_("How"), choices=InterpretingMode.choices, required=False)
    topic = forms.CharField(label=_("Topic of the conversation"), max_length=200, required=False)
    legal_consequences = forms.BooleanField(
        label=_("The conversation has legal consequences (e.g. a hearing or a contract)"),
        required=False,
    )
    medical = forms.BooleanField(label=_("Medical setting"), required=False)
    district = forms.ModelChoiceField(
        label=_("Stadtteil"), queryset=District.objects.order_by("name"), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    recurrence = forms.ChoiceField(
        label=_("How often"), choices=Recurrence.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(
        label=_("Date (first date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = _date(_("Last date (if recurring)"), required=False)
    time_from = forms.TimeField(
        label=_("From (time)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    time_until = forms.TimeField(
        label=_("Until (time)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=list(LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needed = forms.IntegerField(label=_("Number of volunteers needed"), initial=1)

    INTERPRETING_ONLY = ("mode", "topic", "legal_consequences", "medical")

    def __init__(self, *args, kind: str, contact_points, persons=None, consents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["contact_point"].queryset = contact_points
        self.fields["recurrence"].initial = Recurrence.ONCE
        if kind == RequestKind.INTERPRETING:
            del self.fields["skills"]
            self.fields["needed"].widget = forms.HiddenInput()
            self.fields["mode"].required = True
            self.fields["title"].label = _("Occasion")
        else:
            for name in self.INTERPRETING_ONLY:
                del self.fields[name]
        if persons is not None:
            self.fields["person"] = forms.ModelChoiceField(
                label=_("About whom"),
                queryset=persons,
                required=False,
                help_text=_("Leave empty for a request without personal data."),
            )
            self.fields["consent"] = forms.ModelChoiceField(
                label=_("Consent"),
                queryset=consents,
                required=False,
                help_text=_("The consent must name the organisation of the contact point."),
            )
            self.fields["shared_fields"] = forms.MultipleChoiceField(
                label=_("What is shared"),
                choices=SharedField.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[SharedField.FIRST_NAME, SharedField.LANGUAGES],
            )


class AskForm(forms.Form):
    volunteers = forms.MultipleChoiceField(choices=(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].choices = [(c, c) for c in codes]


class HoursForm(forms.Form):
    worked_on = _date(_("Date"), required=False)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2, required=False)
    travel_cost = forms.DecimalField(
        label=_("Travel costs (€)"), max_digits=7, decimal_places=2, required=False
    )
    note = forms.CharField(label=_("What was done"), max_length=300, required=False)

    def __init__(self, *args, assignments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignments is not None:
            self.fields["assignment"] = forms.ModelChoiceField(
                label=_("Assignment"),
                queryset=assignments,
                required=False,
                empty_label=_("– none –"),
            )
            self.fields["other_organisation"] = forms.CharField(
                label=_("For another organisation"),
                max_length=200,
                required=False,
                help_text=_("Counts towards the Ehrenamtskarte, not towards the certificate."),
            )


class VolunteerFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *VolunteerStatus.choices]
    )
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class RequestFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial="open",
        choices=[
            ("open", _("open or filled")),
            ("", _("all")),
            *((v, label) for v, label in RequestStatus.choices if v != RequestStatus.OPEN),
        ],
    )


class PayoutMonthForm(FilterForm):
    monat = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Please enter the month as YYYY-MM, e.g. 2026-11.")},
    )

    def __init__(self, data=None, *, default: datetime.date):
        super().__init__(data, initial={"monat": default.strftime("%Y-%m")})
        self.default = default

    def month(self) -> datetime.date:
        value = self.values()["monat"]
        return value if isinstance(value, datetime.date) else self.default
