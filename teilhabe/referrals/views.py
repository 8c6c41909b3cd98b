from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from teilhabe.access import Action, can, get_for_user, grants, require
from teilhabe.audit.services import audit_read, audit_read_many
from teilhabe.cases.models import Case
from teilhabe.core.forms import add_service_error
from teilhabe.referrals import selectors, services
from teilhabe.referrals.forms import (
    AllocationForm,
    DeclineForm,
    MessageForm,
    OfferSearchForm,
    PreferenceForm,
    ReferralForm,
    ReferralListFilterForm,
    TransitionForm,
)
from teilhabe.referrals.models import (
    TRANSITIONS,
    DeliveryMode,
    NotificationPreference,
    Referral,
    ReferralStatus,
    SharedField,
)
from teilhabe.referrals.notifications import notification_preference_set, notifications_mark_read

S = ReferralStatus
# Buttons say what they do (a verb), not the status they lead to.
ACTION_LABELS = {
    S.ACCEPTED: gettext_lazy("Accept and allocate a place"),
    S.WAITING: gettext_lazy("Put on the waiting list"),
    S.DECLINED: gettext_lazy("Decline"),
    S.STARTED: gettext_lazy("Record the start"),
    S.COMPLETED: gettext_lazy("Record completion"),
    S.DROPPED_OUT: gettext_lazy("Record a drop-out"),
    S.WITHDRAWN: gettext_lazy("Withdraw the referral"),
}
# Steps that cannot be undone ask for confirmation first.
FINAL = {S.DECLINED, S.COMPLETED, S.DROPPED_OUT, S.WITHDRAWN}


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@require(Action.VIEW_REFERRALS)
def referral_list(request):
    form = ReferralListFilterForm(request.GET)
    filters = form.values()
    box_slug, status = filters["box"], filters["status"]
    box = form.BOXES[box_slug]
    qs = selectors.referrals_for(request.user, box=box, status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    named = [r for r in page.object_list if not r.is_anonymous and r.shared.get("name")]
    if named:
        audit_read_many(request, named, detail=f"referral list ({box})")
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "box": box_slug,
            "form": form,
            "today": timezone.localdate(),
        },
    )


@require(Action.SEND_REFERRALS)
def referral_send(request, case_code):
    case = get_for_user(
        request.user,
        Case.objects.select_related("household", "organisation"),
        action=Action.SEND_REFERRALS,
        see=Action.VIEW_CASES,
        code=case_code,
    )
    search = OfferSearchForm(request.GET or None)
    query = search.cleaned_data["suche"].strip() if search.is_valid() else ""
    form = ReferralForm(request.POST or None, case=case, offer_query=query)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referral = services.referral_send(
                user=request.user,
                case=case,
                offer=d["offer"],
                recipient=d["recipient"],
                person=d["person"],
                consent=d["consent"],
                shared_fields=d["shared_fields"],
                anonymous=d["anonymous"],
                message=d["message"],
                urgency=d["urgency"],
                needs_childcare=d["needs_childcare"],
                milestone_type=d["milestone_type"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("referrals:detail", code=referral.code)
    audit_read(request, case, detail="referral form")
    offers = form.fields["offer"].queryset
    return render(
        request,
        "referrals/send.html",
        {
            "form": form,
            "case": case,
            "search": search,
            "query": query,
            "offer_count": offers.count() if query else None,
        },
    )


def _referral_for(request, code) -> Referral:
    return get_for_user(
        request.user,
        Referral.objects.select_related("sender", "recipient", "offer", "sender_user", "case"),
        action=Action.VIEW_REFERRALS,
        code=code,
    )


def _actions(user, referral: Referral) -> list[dict]:
    own = {g.organisation_id for g in grants(user)}
    result = []
    for to, side in TRANSITIONS.get(referral.status, {}).items():
        if (
            side == "receiver"
            and referral.recipient_id in own
            and can(user, Action.RESPOND_REFERRALS, referral)
        ) or (
            side == "sender"
            and referral.sender_id in own
            and can(user, Action.SEND_REFERRALS, referral)
        ):
            result.append(
                {"value": to, "label": ACTION_LABELS.get(to, S(to).label), "final": to in FINAL}
            )
    return result


def _render_detail(request, referral, *, status=200, **forms):
    if referral.shared:
        audit_read(request, referral, detail="shared data of a referral")
    labels = dict(SharedField.choices)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "shared": [(labels.get(k, k), v) for k, v in referral.shared.items() if v],
            "events": selectors.referral_events(request.user, referral),
            "actions": _actions(request.user, referral),
            "transition_form": forms.get("transition_form"),
            "decline_form": forms.get("decline_form") or DeclineForm(),
            "message_form": forms.get("message_form") or MessageForm(),
            "is_sender": referral.sender_id in {g.organisation_id for g in grants(request.user)},
        },
        status=status,
    )


@require(Action.VIEW_REFERRALS)
def referral_detail(request, code):
    return _render_detail(request, _referral_for(request, code))


@require(Action.VIEW_REFERRALS)
def referral_transition(request, code):
    if (response := _post_only(request)) is not None:
        return response
    referral = _referral_for(request, code)
    to = request.POST.get("to", "")
    declining = to == S.DECLINED
    form = DeclineForm(request.POST) if declining else TransitionForm(request.POST)
    if form.is_valid() or not declining:
        try:
            if to not in S.values:
                raise ValidationError(_("Unknown status."))
            services.referral_transition(
                user=request.user, referral=referral, to=to, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            add_service_error(form, exc, "reason" if declining else None)
        else:
            messages.success(request, _("Status changed: %(status)s") % {"status": S(to).label})
            return redirect("referrals:detail", code=referral.code)
    key = "decline_form" if declining else "transition_form"
    return _render_detail(request, referral, status=400, **{key: form})


@require(Action.VIEW_REFERRALS)
def referral_message(request, code):
    if (response := _post_only(request)) is not None:
        return response
    referral = _referral_for(request, code)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.referral_message(
                user=request.user, referral=referral, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_error(form, exc, "text")
        else:
            messages.success(request, _("The message has been sent."))
            return redirect("referrals:detail", code=referral.code)
    return _render_detail(request, referral, status=400, message_form=form)


@require(Action.ALLOCATE_PLACES)
def allocation(request):
    form = None
    if request.method == "POST":
        form = AllocationForm(request.POST)
        if form.is_valid():
            try:
                accepted = services.allocation_confirm(user=request.user, pairs=form.pairs())
            except ValidationError as exc:
                add_service_error(form, exc, "pair")
            else:
                messages.success(
                    request,
                    ngettext("%(n)d place allocated.", "%(n)d places allocated.", len(accepted))
                    % {"n": len(accepted)},
                )
                return redirect("referrals:allocation")
    proposal, by_key = selectors.allocation_proposal(request.user)
    rows = [
        {
            "referral": by_key[a.seeker.key],
            "offer": a.offer,
            "offer_code": by_key[a.seeker.key].offer.code,
            "points": a.points,
            "explanation": proposal.explanation(a),
        }
        for a in proposal.assignments
    ]
    if form is None:
        form = AllocationForm(rows=rows)
    else:
        form.fields["pair"].choices = AllocationForm(rows=rows).fields["pair"].choices
    left = [{"referral": by_key[s.key], "reason": why} for s, why in proposal.unassigned]
    named = [r["referral"] for r in rows + left if r["referral"].shared.get("name")]
    if named:
        audit_read_many(request, named, detail="allocation proposal")
    return render(
        request,
        "referrals/allocation.html",
        {
            "rows": rows,
            "left": left,
            "form": form,
            "offers": list(selectors.allocation_offers(request.user)),
            "policy": proposal.policy,
        },
        status=400 if form.errors else 200,
    )


@require(Action.USE_APP)
def notifications(request):
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            notification_preference_set(user=request.user, mode=form.cleaned_data["mode"])
            messages.success(request, _("Your choice has been saved."))
            return redirect("referrals:notifications")
    else:
        pref = NotificationPreference.objects.filter(user=request.user).first()
        form = PreferenceForm(
            initial={"mode": (pref.mode if pref else "") or DeliveryMode.IMMEDIATE}
        )
    items = list(selectors.notifications_for(request.user)[:100])
    notifications_mark_read(user=request.user)
    return render(request, "referrals/notifications.html", {"form": form, "items": items})
