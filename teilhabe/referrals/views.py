from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.access import Action, can, get_for_user, grants, require
from teilhabe.audit.services import audit_read, audit_read_many
from teilhabe.cases.models import Case
from teilhabe.referrals import selectors, services
from teilhabe.referrals.forms import DeclineForm, MessageForm, PreferenceForm, ReferralForm
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
BOXES = {"eingang": "inbox", "ausgang": "outbox"}


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@require(Action.VIEW_REFERRALS)
def referral_list(request):
    box_slug = request.GET.get("box", "eingang")
    box = BOXES.get(box_slug, "inbox")
    status = request.GET.get("status", "open")
    if status not in {"open", "", *S.values}:
        status = "open"
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
            "box": box_slug if box_slug in BOXES else "eingang",
            "status": status,
            "statuses": S.choices,
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
    form = ReferralForm(request.POST or None, case=case)
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
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for e in errors:
                        form.add_error(field if field in form.fields else None, e)
            else:
                for e in exc.messages:
                    form.add_error(None, e)
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("referrals:detail", code=referral.code)
    audit_read(request, case, detail="referral form")
    return render(request, "referrals/send.html", {"form": form, "case": case})


def _referral_for(request, code) -> Referral:
    return get_for_user(
        request.user,
        Referral.objects.select_related("sender", "recipient", "offer", "sender_user", "case"),
        action=Action.VIEW_REFERRALS,
        code=code,
    )


def _actions(user, referral: Referral) -> list[tuple[str, str]]:
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
            result.append((to, S(to).label))
    return result


@require(Action.VIEW_REFERRALS)
def referral_detail(request, code):
    referral = _referral_for(request, code)
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
            "decline_form": DeclineForm(),
            "message_form": MessageForm(),
            "is_sender": referral.sender_id in {g.organisation_id for g in grants(request.user)},
        },
    )


@require(Action.VIEW_REFERRALS)
def referral_transition(request, code):
    if (response := _post_only(request)) is not None:
        return response
    referral = _referral_for(request, code)
    to = request.POST.get("to", "")
    try:
        if to not in S.values:
            raise ValidationError(_("Unknown status."))
        services.referral_transition(
            user=request.user, referral=referral, to=to, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for e in exc.messages:
            messages.error(request, e)
    else:
        messages.success(request, _("Status changed: %(status)s") % {"status": S(to).label})
    return redirect("referrals:detail", code=referral.code)


@require(Action.VIEW_REFERRALS)
def referral_message(request, code):
    if (response := _post_only(request)) is not None:
        return response
    referral = _referral_for(request, code)
    try:
        services.referral_message(
            user=request.user, referral=referral, text=request.POST.get("text", "")
        )
    except ValidationError as exc:
        for e in exc.messages:
            messages.error(request, e)
    else:
        messages.success(request, _("The message has been sent."))
    return redirect("referrals:detail", code=referral.code)


@require(Action.ALLOCATE_PLACES)
def allocation(request):
    if request.method == "POST":
        pairs = [
            tuple(value.split(":", 1)) for value in request.POST.getlist("pair") if ":" in value
        ]
        if not pairs:
            messages.error(request, _("Nothing to confirm: select at least one proposed place."))
            return redirect("referrals:allocation")
        try:
            accepted = services.allocation_confirm(user=request.user, pairs=pairs)
        except ValidationError as exc:
            for e in exc.messages:
                messages.error(request, e)
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
            "offers": list(selectors.allocation_offers(request.user)),
            "policy": proposal.policy,
        },
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
