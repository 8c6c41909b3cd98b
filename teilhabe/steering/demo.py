"""A year of demo history for the steering pages, drawn from the parameters in
``scenario/data/essen/steering_history.toml`` (a loader of demo data, not business logic:
it writes rows with past dates directly, as if they had been recorded over the year)."""

from __future__ import annotations

import datetime
import random
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.cases.models import (
    BarrierCategory,
    Case,
    CaseKind,
    ContactNote,
    Household,
    Institution,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    NoteKind,
    Person,
)
from teilhabe.geography.models import District
from teilhabe.organisations.models import Organisation
from teilhabe.scenario import scenario_folder
from teilhabe.steering.casework import add_months

PREFIX = "Verlauf"


@transaction.atomic
def steering_demo_load(*, folder: Path | None = None, today: datetime.date | None = None) -> int:
    """Create the history households unless they exist (``steering_history.toml`` of ``folder``,
    default: the ``SCENARIO`` setting); returns how many were created."""
    folder = folder or scenario_folder()
    path = folder / "steering_history.toml"
    if not path.exists():
        return 0
    if Household.objects.filter(name__startswith=f"{PREFIX} ").exists():
        barriers_demo_load(folder=folder, today=today)  # histories loaded before barriers
        return 0
    from teilhabe.offers.models import Offer, OfferStatus
    from teilhabe.referrals.models import Referral

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rnd = random.Random(data["seed"])  # noqa: S311 - demo data, reproducible on purpose
    today = today or timezone.localdate()
    orgs = list(Organisation.objects.filter(key__in=data["organisations"]))
    workers = {
        o.pk: User.objects.filter(memberships__organisation=o, memberships__role="case_worker")
        .order_by("pk")
        .first()
        for o in orgs
    }
    orgs = [o for o in orgs if workers[o.pk]]
    if not orgs:
        return 0
    kind = CaseKind.objects.order_by("position").first()
    districts = {d.name: d for d in District.objects.filter(name__in=data["districts"])}
    names = [n for n in data["districts"] if n in districts]
    weights = [data["districts"][n] for n in names]
    types = {t.key: t for t in MilestoneType.objects.filter(key__in=data["milestones"])}
    offers = list(Offer.objects.filter(status=OfferStatus.PUBLISHED).order_by("pk")[:200])
    statuses = list(data["referrals"]["status"])
    status_weights = [data["referrals"]["status"][s] for s in statuses]
    start = add_months(today.replace(day=1), -(data["months"] - 1))
    created = 0
    for m in range(data["months"]):
        month = add_months(start, m)
        for i in range(data["households_per_month"][m % len(data["households_per_month"])]):
            org = orgs[(m + i) % len(orgs)]
            last = min(today, add_months(month, 1) - datetime.timedelta(days=1))
            opened = month + datetime.timedelta(days=rnd.randrange((last - month).days + 1))
            place = districts[rnd.choices(names, weights)[0]]
            hh = Household.objects.create(organisation=org, name=f"{PREFIX} {month:%Y-%m}-{i}")
            people = [
                Person(
                    organisation=org,
                    household=hh,
                    household_role="head" if j == 0 else "child",
                    family_name=f"{PREFIX} {created}",
                    given_names=f"Person {j + 1}",
                    district=place,
                    arrived_in_city=opened - datetime.timedelta(days=rnd.randrange(10, 200)),
                )
                for j in range(rnd.choice(data["members"]))
            ]
            Person.objects.bulk_create(people)
            people = list(hh.members.all())
            closed = add_months(opened, rnd.choice(data["close_after_months"]))
            case = Case.objects.create(
                organisation=org,
                household=hh,
                kind=kind,
                responsible=workers[org.pk],
                opened_on=opened,
                closed_on=closed if closed <= today else None,
            )
            milestones = []
            for person in people:
                for key, rule in data["milestones"].items():
                    if key not in types or rnd.random() >= rule["share"]:
                        continue
                    low, high = rule["days"]
                    day = opened + datetime.timedelta(days=rnd.randint(low, high))
                    reached = day <= today
                    milestones.append(
                        Milestone(
                            person=person,
                            type=types[key],
                            status=MilestoneStatus.ACHIEVED
                            if reached
                            else MilestoneStatus.IN_PROGRESS,
                            started_on=opened,
                            achieved_on=day if reached else None,
                        )
                    )
            Milestone.objects.bulk_create(milestones)
            if offers and rnd.random() < data["referrals"]["share"]:
                offer = rnd.choice(offers)
                if offer.organisation_id != org.pk:
                    sent = opened + datetime.timedelta(days=rnd.randrange(3, 40))
                    if sent <= today:
                        _referral(
                            Referral,
                            rnd,
                            org,
                            workers[org.pk],
                            case,
                            people[0],
                            offer,
                            sent,
                            rnd.choices(statuses, status_weights)[0],
                            today,
                        )
            created += 1
    barriers_demo_load(folder=folder, today=today)
    return created


def barriers_demo_load(*, folder: Path | None = None, today: datetime.date | None = None) -> int:
    """Structural barriers on the history cases (``[barriers]`` of ``steering_history.toml``),
    unless they have some; returns how many notes were created."""
    folder = folder or scenario_folder()
    data = tomllib.loads((folder / "steering_history.toml").read_text(encoding="utf-8"))
    spec = data.get("barriers")
    cases = Case.objects.filter(household__name__startswith=f"{PREFIX} ").order_by("pk")
    if not spec or ContactNote.objects.filter(case__in=cases, kind=NoteKind.BARRIER).exists():
        return 0
    rnd = random.Random(data["seed"] + 1)  # noqa: S311 - demo data, reproducible on purpose
    today = today or timezone.localdate()
    institutions = {i.key: i for i in Institution.objects.filter(key__in=spec["institutions"])}
    categories = {c.key: c for c in BarrierCategory.objects.filter(key__in=spec["categories"])}
    i_keys = [k for k in spec["institutions"] if k in institutions]
    c_keys = [k for k in spec["categories"] if k in categories]
    if not i_keys or not c_keys:
        return 0
    notes = []
    for case in cases:
        if rnd.random() >= spec["share"]:
            continue
        last = min(today, case.closed_on or today)
        span = (last - case.opened_on).days
        day = case.opened_on + datetime.timedelta(days=rnd.randrange(span + 1))
        notes.append(
            ContactNote(
                case=case,
                created_by_id=case.responsible_id,
                kind=NoteKind.BARRIER,
                date=day,
                text=rnd.choice(spec["texts"]),
                institution=institutions[
                    rnd.choices(i_keys, [spec["institutions"][k] for k in i_keys])[0]
                ],
                barrier_category=categories[
                    rnd.choices(c_keys, [spec["categories"][k] for k in c_keys])[0]
                ],
            )
        )
    ContactNote.objects.bulk_create(notes)
    return len(notes)


def _referral(Referral, rnd, org, user, case, person, offer, sent, status, today):
    sent_at = timezone.make_aware(datetime.datetime.combine(sent, datetime.time(10)))
    answered = status != "sent"
    responded = sent_at + datetime.timedelta(days=rnd.randrange(1, 12)) if answered else None
    waiting = status in ("waiting", "accepted", "started", "completed", "dropped_out")
    r = Referral.objects.create(
        sender=org,
        sender_user=user,
        recipient=offer.organisation,
        offer=offer,
        case=case,
        is_anonymous=True,  # anonymous requests: no person, no consent
        profile={"district_id": person.district_id},
        status=status,
        response_due=sent + datetime.timedelta(days=14),
        waiting_since=(responded.date() if responded else None) if waiting else None,
    )
    changed = min(
        timezone.make_aware(datetime.datetime.combine(today, datetime.time(9))),
        (responded or sent_at) + datetime.timedelta(days=rnd.randrange(0, 60)),
    )
    Referral.objects.filter(pk=r.pk).update(
        created_at=sent_at, responded_at=responded, status_changed_at=changed
    )
