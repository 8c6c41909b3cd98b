"""Loading a scenario's demo households (``cases.toml``) through the case services."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.cases import services
from teilhabe.cases.models import CaseKind, Household, MilestoneType
from teilhabe.organisations.models import Organisation, Team
from teilhabe.scenario import scenario_folder


@transaction.atomic
def cases_demo_load(*, folder: Path | None = None) -> int:
    """Create the demo households (``cases.toml`` of ``folder``, default: the ``SCENARIO``
    setting) that do not exist yet; returns how many were created."""
    folder = folder or scenario_folder()
    path = folder / "cases.toml"
    if not path.exists():
        return 0
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    today = timezone.localdate()
    created = 0
    for h in data.get("households", []):
        org = Organisation.objects.get(key=h["organisation"])
        if Household.objects.filter(organisation=org, name=h["name"]).exists():
            continue
        user = User.objects.get(email=h["case_worker"])
        team = Team.objects.filter(organisation=org, memberships__user=user).first()
        members = [_member(m, today) for m in h["members"]]
        case = services.household_register(
            user=user,
            organisation=org,
            name=h["name"],
            head=members[0],
            kind=CaseKind.objects.get(key=h["kind"]),
            team=team,
        )
        persons = [case.household.members.get()]
        for m in members[1:]:
            persons.append(services.person_create(user=user, household=case.household, data=m))
        for n in h.get("notes", []):
            services.note_add(
                user=user,
                case=case,
                data={
                    "date": today - datetime.timedelta(days=n["days_ago"]),
                    "kind": n["kind"],
                    "duration_minutes": n.get("duration_minutes"),
                    "topics": n.get("topics", ""),
                    "text": n["text"],
                },
            )
        for d in h.get("deadlines", []):
            services.deadline_add(
                user=user,
                case=case,
                data={
                    "kind": d["kind"],
                    "title": d["title"],
                    "due_on": today + datetime.timedelta(days=d["due_in_days"]),
                    "person": persons[d["member"]] if "member" in d else None,
                },
            )
        for ms in h.get("milestones", []):
            services.milestone_set(
                user=user,
                person=persons[ms["member"]],
                type=MilestoneType.objects.get(key=ms["type"]),
                status=ms["status"],
                achieved_on=today - datetime.timedelta(days=ms["achieved_days_ago"])
                if "achieved_days_ago" in ms
                else None,
            )
        created += 1
    return created


def _member(m: dict, today: datetime.date) -> dict:
    values = {k: v for k, v in m.items() if not k.endswith(("_days_ago", "_in_days"))}
    if "residence_valid_in_days" in m:
        values["residence_valid_until"] = today + datetime.timedelta(
            days=m["residence_valid_in_days"]
        )
    if "arrived_in_germany_days_ago" in m:
        arrived = today - datetime.timedelta(days=m["arrived_in_germany_days_ago"])
        values["arrived_in_germany"] = arrived
        values["arrived_in_city"] = arrived + datetime.timedelta(days=60)
    return values
