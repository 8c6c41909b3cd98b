from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.models import Consent, MilestoneType, Person
from teilhabe.core.forms import FilterForm, conditionally_required
from teilhabe.offers.models import Offer, OfferStatus
from teilhabe.organisations.models import Organisation
from teilhabe.referrals.allocation import load_policies
from teilhabe.referrals.models import DeliveryMode, ReferralStatus, SharedField


def _urgency_choices():
    flags: dict[str, None] = {}
    for policy in load_policies().values():
        flags.update(dict.fromkeys(policy.urgency))
    return [(f, f) for f in flags]


def offer_search_q(text: str) -> Q:
    """Offers whose title, short description, provider, category or Stadtteil contain every
    entered word."""
    q = Q()
    for word in text.split()[:8]:
        q &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__short_name__icontains=word)
            | Q(category__name__icontains=word)
            | Q(locations__district__name__icontains=word)
        )
    return q


class ReferralListFilterForm(FilterForm):
    """The box (hidden: the sub-navigation chooses it) and the status of the referral list."""

    BOXES = {"eingang": "inbox", "ausgang": "outbox"}
    box = forms.ChoiceField(
        choices=[(slug, slug) for slug in BOXES], initial="eingang", widget=forms.HiddenInput
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial="open",
        choices=[("open", _("open")), ("", _("all")), *ReferralStatus.choices],
    )


class OfferSearchForm(forms.Form):
    """Narrows the offer list of the referral form (server-side; works without JavaScript)."""

    suche = forms.CharField(
        label=_("Search offers"),
        required=False,
        max_length=100,
        help_text=_("Title, provider, category or Stadtteil, e.g. “Deutschkurs”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ReferralForm(forms.Form):
    """Send a referral from a case. Validation of consent and target is in the service."""

    offer = forms.ModelChoiceField(
        label=_("Offer"),
        queryset=Offer.objects.none(),
        required=False,
        help_text=_("The receiving organisation is the offer's provider."),
    )
    recipient = forms.ModelChoiceField(
        label=_("or an organisation's service"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For example housing support of a welfare association."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous request (no personal data, no consent needed)"), required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    consent = forms.ModelChoiceField(
        label=_("Consent"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_("Only consents that have not been revoked are listed."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("What is shared"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[SharedField.NAME, SharedField.LANGUAGES],
    )
    urgency = forms.MultipleChoiceField(
        label=_("Urgency"),
        choices=_urgency_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs_childcare = forms.BooleanField(label=_("Needs childcare to take part"), required=False)
    milestone_type = forms.ModelChoiceField(
        label=_("Leads to the standard system"),
        queryset=MilestoneType.objects.filter(is_active=True),
        required=False,
        help_text=_("Starting and completing the offer updates this milestone of the person."),
    )
    message = forms.CharField(
        label=_("Message to the receiver"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, case, offer_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # One of offer and recipient is needed; person and consent unless anonymous.
        for name in ("offer", "recipient", "person", "consent"):
            conditionally_required(self.fields[name])
        offers = (
            Offer.objects.filter(status=OfferStatus.PUBLISHED)
            .exclude(organisation_id=case.organisation_id)
            .select_related("organisation")
            .order_by("title")
        )
        if offer_query:
            offers = offers.filter(offer_search_q(offer_query)).distinct()
        self.fields["offer"].queryset = offers
        self.offer_query = offer_query
        self.fields["offer"].label_from_instance = lambda o: f"{o.title} – {o.organisation}"
        self.fields["recipient"].queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(pk=case.organisation_id)
            .order_by("name")
        )
        self.fields["person"].queryset = Person.objects.filter(
            household_id=case.household_id, merged_into__isnull=True
        ).order_by("pk")
        self.fields["person"].label_from_instance = lambda p: f"{p.given_names} {p.family_name}"
        self.fields["consent"].queryset = (
            Consent.objects.filter(person__household_id=case.household_id, revoked_at__isnull=True)
            .select_related("person")
            .prefetch_related("recipients")
        )
        self.fields["consent"].label_from_instance = lambda c: (
            f"{c.person.given_names}: {c.purpose} ({c.given_on:%d.%m.%Y}; "
            + ", ".join(r.short_name or r.name for r in c.recipients.all())
            + ")"
        )

    def clean(self):
        data = super().clean()
        if data.get("offer") and data.get("recipient"):
            self.add_error("recipient", _("Choose either an offer or an organisation, not both."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=300)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Status"), choices=ReferralStatus.choices, widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("E-mail for notifications"), choices=DeliveryMode.choices, widget=forms.RadioSelect
    )


class _PairsField(forms.MultipleChoiceField):
    """Proposed pairs "referral:offer"; the service checks each one (the proposal may have
    changed since the page was shown)."""

    def valid_value(self, value):
        return ":" in str(value)


class AllocationForm(forms.Form):
    pair = _PairsField(
        label=_("Proposed places"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Nothing to confirm: select at least one proposed place.")},
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = [
            (f"{r['referral'].code}:{r['offer_code']}", r["explanation"]) for r in rows
        ]
        self.fields["pair"].initial = [value for value, _label in self.fields["pair"].choices]

    def pairs(self) -> list[tuple[str, str]]:
        return [tuple(value.split(":", 1)) for value in self.cleaned_data["pair"]]
