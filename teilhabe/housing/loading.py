"""Demo data of housing support from the scenario folder (``housing.toml``): the shelters and a
year of history (arrivals, residents, moves into flats, residence titles, benefit systems,
asylum procedures), generated deterministically from the file's seed.

Demo loading, not business logic: rows are bulk-created (thousands of rows would take minutes
through the services); the rules the services enforce (no overlapping stays, no over-occupancy,
moves after move-in) hold by construction and are checked by the tests of this module.
"""

from __future__ import annotations

import datetime
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.cases.models import (
    Case,
    CaseKind,
    Household,
    Milestone,
    MilestoneType,
    Person,
)
from teilhabe.cases.names import first_key, name_key, search_text
from teilhabe.geography.models import District
from teilhabe.housing.models import (
    Accommodation,
    AsylumProcedure,
    BenefitPeriod,
    LegalBasis,
    ResidenceTitle,
    Stay,
)
from teilhabe.housing.services import OWN_TENANCY_MILESTONE, housing_daily
from teilhabe.organisations.models import Organisation, Team
from teilhabe.scenario import scenario_folder

_DAY = datetime.timedelta(days=1)


@dataclass
class HousingDemoResult:
    shelters: int = 0
    households: int = 0
    persons: int = 0
    moves: int = 0


def _shelters(data: dict) -> list[Accommodation]:
    result = []
    for s in data.get("shelters", []):
        obj, _ = Accommodation.objects.update_or_create(
            key=s["key"],
            defaults={
                "name": s["name"],
                "kind": s["kind"],
                "operator": Organisation.objects.get(key=s["operator"]),
                "street": s["street"],
                "postcode": s["postcode"],
                "district": District.objects.get(name=s["district"]),
                "places": s["places"],
                "blocked_places": s.get("blocked_places", 0),
            },
        )
        result.append(obj)
    return result


class _Occupancy:
    """Intervals per shelter, to place arrivals only where every later day has room."""

    def __init__(self, shelters: list[Accommodation]):
        self.capacity = {s.pk: s.usable_places for s in shelters}
        self.intervals: dict[int, list[list]] = {s.pk: [] for s in shelters}

    def peak(self, shelter: int, start: datetime.date, end: datetime.date) -> int:
        events: dict[datetime.date, int] = {}
        for moved_in, moved_out, n in self.intervals[shelter]:
            if moved_out is not None and moved_out <= start:
                continue
            if moved_in > end:
                continue
            first = max(moved_in, start)
            events[first] = events.get(first, 0) + n
            if moved_out is not None:
                events[moved_out] = events.get(moved_out, 0) - n
        peak = current = 0
        for day in sorted(events):
            current += events[day]
            if day <= end:
                peak = max(peak, current)
        return peak

    def fits(self, shelter: int, start: datetime.date, end: datetime.date, n: int) -> bool:
        return self.peak(shelter, start, end) + n <= self.capacity[shelter]

    def add(self, shelter: int, moved_in: datetime.date, n: int) -> list:
        interval = [moved_in, None, n]
        self.intervals[shelter].append(interval)
        return interval


@transaction.atomic
def housing_demo_load(*, folder: Path | None = None, today: datetime.date | None = None):
    """Shelters (updated in place) and, once, their residents with a year of history
    (``housing.toml`` of ``folder``, default: the ``SCENARIO`` setting)."""
    folder = folder or scenario_folder()
    path = folder / "housing.toml"
    result = HousingDemoResult()
    if not path.exists():
        return result
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    shelters = _shelters(data)
    result.shelters = len(shelters)
    if not shelters or Stay.objects.filter(accommodation__in=shelters).exists():
        return result
    demo = data["demo"]
    rng = random.Random(demo["seed"])  # noqa: S311 - reproducible demo data, not secrets
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=demo["days_of_history"])
    workers = [
        (Organisation.objects.get(key=org), User.objects.get(email=email))
        for org, email in demo["case_workers"]
    ]
    kind = CaseKind.objects.get(key=demo["case_kind"])
    bases = {b.key: b for b in LegalBasis.objects.all()}
    flat_districts = list(District.objects.filter(name__in=demo["flat_districts"]))
    tenancy_type = MilestoneType.objects.filter(key=OWN_TENANCY_MILESTONE).first()
    occupancy = _Occupancy(shelters)
    households: list[dict] = []

    def new_household(shelter: Accommodation, moved_in: datetime.date) -> dict | None:
        size = rng.choice([1, 1, 2, 3, 4, 5])
        if not occupancy.fits(shelter.pk, moved_in, today, size):
            size = 1
            if not occupancy.fits(shelter.pk, moved_in, today, size):
                return None
        org, worker = rng.choice(workers)
        family = rng.choice(demo["family_names"])
        ukrainian = family.endswith(("enko", "nyk"))
        h = {
            "org": org,
            "worker": worker,
            "family": family,
            "size": size,
            "shelter": shelter,
            "moved_in": moved_in,
            "moved_out": None,
            "interval": occupancy.add(shelter.pk, moved_in, size),
            "arrived": moved_in - datetime.timedelta(days=rng.randint(3, 60)),
            "basis": "ae-24"
            if ukrainian
            else rng.choice(["gestattung", "ae-25-2-fluechtling", "ae-25-2-subsidiaer"]),
            "nationality": "ukrainisch" if ukrainian else rng.choice(demo["nationalities"]),
        }
        households.append(h)
        return h

    # Residents a year ago.
    for shelter in shelters:
        target = int(shelter.usable_places * demo["start_occupancy"])
        while occupancy.peak(shelter.pk, start, start) < target:
            before = len(households)
            new_household(shelter, start - datetime.timedelta(days=rng.randint(30, 700)))
            if len(households) == before:
                break
    # A year of moves into flats and arrivals, month by month.
    month_start = start
    while month_start < today:
        month_end = min(month_start + datetime.timedelta(days=30), today)
        living = [h for h in households if h["moved_out"] is None and h["moved_in"] < month_start]
        for h in rng.sample(living, min(len(living), rng.randint(*demo["moves_per_month"]))):
            day = month_start + datetime.timedelta(
                days=rng.randint(0, (month_end - month_start).days)
            )
            if day <= h["moved_in"] or day > today:
                continue
            h["moved_out"] = day
            h["interval"][1] = day
            result.moves += 1
        for _ in range(rng.randint(*demo["arrivals_per_month"])):
            day = month_start + datetime.timedelta(
                days=rng.randint(0, (month_end - month_start).days)
            )
            if day > today:
                continue
            new_household(rng.choice(shelters), day)
        month_start = month_end + _DAY

    _write(households, rng, demo, bases, flat_districts, tenancy_type, kind, today, result)
    housing_daily(today=today)
    return result


def _write(households, rng, demo, bases, flat_districts, tenancy_type, kind, today, result):
    teams = {}
    for h in households:
        team_key = (h["org"].pk, h["worker"].pk)
        if team_key not in teams:
            teams[team_key] = Team.objects.filter(
                organisation=h["org"], memberships__user=h["worker"]
            ).first()
    hh_rows = Household.objects.bulk_create(
        Household(organisation=h["org"], name=f"Familie {h['family']} (Demo {i + 1})")
        for i, h in enumerate(households)
    )
    Case.objects.bulk_create(
        Case(
            organisation=h["org"],
            household=row,
            kind=kind,
            responsible=h["worker"],
            team=teams[(h["org"].pk, h["worker"].pk)],
            opened_on=min(h["moved_in"], today),
        )
        for h, row in zip(households, hh_rows, strict=True)
    )
    persons: list[Person] = []
    owners: list[dict] = []
    for h, row in zip(households, hh_rows, strict=True):
        flat_district = rng.choice(flat_districts) if h["moved_out"] else None
        for n in range(h["size"]):
            role = "head" if n == 0 else ("partner" if n == 1 else "child")
            female = rng.random() < 0.5
            given = rng.choice(demo["given_names_f"] if female else demo["given_names_m"])
            year = (
                rng.randint(1965, 2000) if role in ("head", "partner") else rng.randint(2008, 2024)
            )
            district = flat_district or h["shelter"].district
            p = Person(
                organisation=h["org"],
                household=row,
                household_role=role,
                family_name=h["family"],
                given_names=given,
                birth_year=year,
                gender="f" if female else "m",
                nationalities=h["nationality"],
                arrived_in_germany=h["arrived"],
                arrived_in_city=h["moved_in"],
                district=district,
                housing="own_flat" if h["moved_out"] else "shelter",
                street=f"Demostraße {rng.randint(1, 200)}"
                if h["moved_out"]
                else h["shelter"].street,
                postcode=h["shelter"].postcode,
            )
            p.search_name = search_text(f"{given} {h['family']}")
            p.family_key, p.given_key = name_key(h["family"]), first_key(given)
            persons.append(p)
            owners.append(h)
    Person.objects.bulk_create(persons)
    result.households, result.persons = len(households), len(persons)

    stays, milestones, titles, benefits, procedures = [], [], [], [], []
    for p, h in zip(persons, owners, strict=True):
        stays.append(
            Stay(
                person=p,
                kind="accommodation",
                accommodation=h["shelter"],
                moved_in=h["moved_in"],
                moved_out=h["moved_out"],
                created_by=h["worker"],
            )
        )
        if h["moved_out"]:
            tenancy = h["moved_out"] - datetime.timedelta(days=rng.randint(0, 14))
            stays.append(
                Stay(
                    person=p,
                    kind="flat",
                    street=p.street,
                    postcode=p.postcode,
                    district=p.district,
                    moved_in=h["moved_out"],
                    tenancy_start=tenancy,
                    created_by=h["worker"],
                )
            )
            if tenancy_type is not None:
                milestones.append(
                    Milestone(person=p, type=tenancy_type, status="achieved", achieved_on=tenancy)
                )
        basis = bases[h["basis"]]
        issued = h["arrived"] + datetime.timedelta(days=rng.randint(5, 200))
        if issued > today:
            issued = today
        valid = issued + datetime.timedelta(days=rng.choice([180, 365, 730, 1095]))
        while valid < today - datetime.timedelta(days=20):
            issued, valid = valid, valid + datetime.timedelta(days=rng.choice([365, 730]))
        titles.append(
            ResidenceTitle(
                person=p,
                legal_basis=basis,
                issued_on=issued,
                valid_until=valid,
                authority=demo.get("residence_authority", ""),
                created_by=h["worker"],
            )
        )
        p.residence_status, p.residence_valid_until = basis.status, valid
        system = "asylblg" if basis.key == "gestattung" else "sgb2"
        benefits.append(
            BenefitPeriod(person=p, system=system, starts_on=h["arrived"], created_by=h["worker"])
        )
        if basis.key == "gestattung" and p.household_role == "head":
            procedures.append(
                AsylumProcedure(
                    person=p,
                    applied_on=h["arrived"] + datetime.timedelta(days=7),
                    file_number=f"{rng.randint(7000000, 7999999)}-{rng.randint(100, 999)}",
                    created_by=h["worker"],
                )
            )
    Stay.objects.bulk_create(stays)
    Milestone.objects.bulk_create(milestones)
    ResidenceTitle.objects.bulk_create(titles)
    BenefitPeriod.objects.bulk_create(benefits)
    AsylumProcedure.objects.bulk_create(procedures)
    Person.objects.bulk_update(persons, ["residence_status", "residence_valid_until"])
