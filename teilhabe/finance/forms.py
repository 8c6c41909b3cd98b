from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import conditionally_required
from teilhabe.core.templatetags.teilhabe import euro
from teilhabe.finance.models import AmountKind, ApplicationRound, DecisionAmount, MovementKind
from teilhabe.finance.services import MAX_DOCUMENT_SIZE, step_date_check, step_earliest
from teilhabe.geography.models import Borough, District
from teilhabe.organisations.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def money_field(label, *, required=True, help_text=""):
    # Negative amounts are refused by the services with a clear message (no min_value here,
    # so the message is the same in the browser and in the API).
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        required=required,
        help_text=help_text,
        localize=True,  # German input: 1.234,56
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), required=False, coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("all years"))] + [
            (y.year, str(y.year)) for y in years
        ]


class CommitmentForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Recipient"), queryset=None, to_field_name="code")
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    amount = money_field(_("Amount (€)"))
    committed_on = forms.DateField(label=_("Date of the commitment"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "name"
        )


class BudgetChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of change"), choices=AmountKind.choices)
    amount = money_field(
        _("Change (€)"), help_text=_("Positive to raise the budget, negative to cut it.")
    )
    changed_on = forms.DateField(label=_("Date"), widget=DateInput())
    decision_amount = forms.ModelChoiceField(
        label=_("Decided by"),
        queryset=DecisionAmount.objects.select_related("decision").order_by(
            "-decision__decided_on", "position"
        ),
        to_field_name="code",
        required=False,
        empty_label=_("no council decision"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_amount"].label_from_instance = lambda a: (
            f"{a.decision} – {a.get_kind_display()} – {euro(a.amount)}"
        )


class MovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Booking"), choices=MovementKind.choices)
    amount = money_field(_("Amount (€)"))
    booked_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class OccupancyForm(forms.Form):
    holder = forms.CharField(label=_("Holder"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)


class OccupancyEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day in post"), widget=DateInput())


class ProjectForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Application round"), queryset=None, to_field_name="code"
    )
    borough = forms.ModelChoiceField(
        label=_("Borough"), queryset=Borough.objects.order_by("number"), to_field_name="code"
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadtteile"),
        queryset=District.objects.select_related("borough").order_by("borough__number", "name"),
        to_field_name="code",
        required=False,
        help_text=_("Hold Ctrl to choose several."),
    )
    title = forms.CharField(label=_("Title of the project"), max_length=200)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(
        label=_("Target group"), widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = forms.DateField(label=_("Start of the project"), widget=DateInput())
    ends_on = forms.DateField(label=_("End of the project"), widget=DateInput())
    cost_plan = forms.CharField(
        label=_("Cost plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One cost item per line, e.g. “Fees for trainers: 2.400,00 €”."),
    )
    total_cost = money_field(_("Total cost (€)"))
    own_funds = money_field(_("Own funds (€)"), required=False)
    other_funds = money_field(_("Other funding (€)"), required=False)
    requested = money_field(_("Amount requested (€)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = ApplicationRound.objects.filter(
            fiscal_year__is_closed=False
        ).select_related("fiscal_year")

    def clean(self):
        data = super().clean()
        for name in ("own_funds", "other_funds"):
            if data.get(name) is None:
                data[name] = Decimal("0.00")
        return data


class StepForm(forms.Form):
    """A form for one step of a district project; its date (``date_field``) must not lie in
    the future nor before the step it follows (the same check as the service)."""

    date_field = ""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean(self):
        data = super().clean()
        day = data.get(self.date_field)
        if day:
            earliest, what = step_earliest(self.project) if self.project else (None, "")
            try:
                step_date_check(self.date_field, day, earliest, what)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data


class DecisionForm(StepForm):
    date_field = "decided_on"
    OUTCOMES = [("approve", _("Approve")), ("reject", _("Reject"))]
    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES)
    approved_amount = conditionally_required(
        money_field(
            _("Amount approved (€)"),
            required=False,
            help_text=_("Less than requested means: approved in part."),
        )
    )
    reason = conditionally_required(
        forms.CharField(
            label=_("Reason for the decision"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Required for a rejection or a partial approval."),
        )
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())


class DateForm(StepForm):
    date_field = "day"
    day = forms.DateField(label=_("Date"), widget=DateInput())


class PaymentForm(StepForm):
    amount = money_field(_("Amount (€)"))
    booked_on = forms.DateField(label=_("Date of payment"), widget=DateInput())


class ReportForm(StepForm):
    date_field = "reported_on"

    actual_cost = money_field(_("Actual cost (€)"))
    participants = forms.IntegerField(label=_("Participants"), min_value=0)
    outcomes = forms.CharField(label=_("Outcomes"), widget=forms.Textarea(attrs={"rows": 4}))
    reported_on = forms.DateField(label=_("Date of the final report"), widget=DateInput())


class DocumentForm(StepForm):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_DOCUMENT_SIZE:  # refused before it is read into memory
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return f
