"""Benchmark: ranked matching of one request against 20,000 volunteers (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_volunteers_bench \\
        .venv/bin/python -m bench.volunteers [--volunteers 20000] [--runs 200] [--seed 1]

Generates volunteers of the Diakoniewerk's contact point in the Essen scenario through bulk
paths (``bulk_create`` of volunteers, their Stadtteile and their police-certificate records;
about 15 % without a valid certificate), with 1–3 languages each, skills, Stadtteile and
availability, then runs ``ANALYZE``. Each run ranks the candidates for a request with a random
language, skills, Stadtteil and time (``teilhabe.volunteers.matching.rank``, top 20, the same
call the coordinator's page makes). Prints p50/p95/max and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._machine import machine_line  # noqa: E402

LANGS = ["ar", "fa", "uk", "ru", "tr", "ti", "ps", "ku", "en", "fr", "so", "sq"]
WEIGHTS = [20, 15, 15, 10, 12, 4, 4, 5, 25, 8, 2, 3]
TARGET_MS = 100.0


def generate(n: int, rng: random.Random):
    from teilhabe.geography.models import District
    from teilhabe.volunteers.models import (
        Requirement,
        RequirementKind,
        Skill,
        Volunteer,
        VolunteerStatus,
    )
    from teilhabe.volunteers.testing import demo_contact_point

    point = demo_contact_point()
    Volunteer.objects.filter(contact_point=point, email__endswith="@bench.example").delete()
    districts = list(District.objects.values_list("pk", flat=True))
    kind = RequirementKind.objects.get(key="fuehrungszeugnis")
    today = timezone.localdate()
    now = timezone.now()
    skills = Skill.values
    batch = []
    for i in range(n):
        langs = {"de": rng.choice([2, 3, 4, 4, 4])}
        for code in rng.choices(LANGS, WEIGHTS, k=rng.randint(0, 2)):
            langs[code] = rng.randint(1, 4)
        v = Volunteer(
            contact_point=point,
            status=rng.choices(
                [VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED, VolunteerStatus.INTERESTED],
                [80, 10, 10],
            )[0],
            first_name=f"Vorname{i}",
            last_name=f"Bench{i:05d}",
            email=f"v{i}@bench.example",
            languages=langs,
            skills=rng.sample(skills, rng.randint(1, 4)),
            availability_mask=rng.getrandbits(21),
            confirmed_at=now,
            privacy_consent_at=now,
        )
        v.set_derived()
        batch.append(v)
    with transaction.atomic():
        created = Volunteer.objects.bulk_create(batch, batch_size=2000)
        through = Volunteer.districts.through
        links = []
        for v in created:
            mine = sorted(rng.sample(districts, rng.randint(1, 3)))
            v.district_index = "|" + "|".join(str(d) for d in mine) + "|"
            links.extend(through(volunteer_id=v.pk, district_id=d) for d in mine)
        through.objects.bulk_create(links, batch_size=5000)
        Volunteer.objects.bulk_update(created, ["district_index"], batch_size=2000)
        records = []
        for v in created:
            r = rng.random()
            if r < 0.1:
                continue  # no certificate yet
            issued = today - datetime.timedelta(days=rng.randint(30, 5 * 365 + 200))
            records.append(
                Requirement(
                    volunteer_id=v.pk,
                    kind=kind,
                    issued_on=issued,
                    inspected_on=issued + datetime.timedelta(days=20),
                    inspector_name="Bench",
                    no_relevant_entry=rng.random() > 0.01,
                    due_on=issued + datetime.timedelta(days=5 * 365),
                )
            )
        Requirement.objects.bulk_create(records, batch_size=5000)
        from teilhabe.volunteers.services import volunteer_refresh_placeable

        volunteer_refresh_placeable()
    with connection.cursor() as c:
        for table in (
            "volunteers_volunteer",
            "volunteers_volunteer_districts",
            "volunteers_requirement",
            "volunteers_inquiry",
        ):
            c.execute(f"ANALYZE {table}")
    return point


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL: DATABASE_URL=postgres://…/teilhabe_volunteers_bench")
    call_command("migrate", verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD)
    from teilhabe.geography.models import District
    from teilhabe.volunteers import matching
    from teilhabe.volunteers.models import Skill, VolunteerRequest

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    point = generate(args.volunteers, rng)
    gen_s = time.perf_counter() - t0
    districts = list(District.objects.all())
    from teilhabe.organisations.models import Organisation

    requester = Organisation.objects.get(key="caritas-essen")
    today = timezone.localdate()
    times, sizes = [], []
    matching.centres()  # the Stadtteil centres are cached per process, as in the server
    for _ in range(args.runs):
        request = VolunteerRequest(
            contact_point=point,
            requester=requester,
            title="Bench",
            starts_on=today + datetime.timedelta(days=rng.randint(1, 60)),
            time_from=datetime.time(rng.choice([9, 14, 18]), 0),
            district=rng.choice(districts),
            languages=rng.choices(LANGS, WEIGHTS, k=1),
            skills=rng.sample(Skill.values, rng.randint(1, 2)),
        )
        t = time.perf_counter()
        ranked = matching.rank(request)
        times.append((time.perf_counter() - t) * 1000)
        sizes.append(len(ranked))
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"volunteers: {args.volunteers} generated in {gen_s:.1f} s; {args.runs} requests, "
        f"top {max(sizes)} ranked"
    )
    print(
        f"ranked matching of one request: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms (target p95 ≤ {TARGET_MS:.0f} ms: "
        f"{'met' if p95 <= TARGET_MS else 'NOT met'})"
    )
    print(
        "command: DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_volunteers_bench "
        f".venv/bin/python -m bench.volunteers --volunteers {args.volunteers} --runs {args.runs} "
        f"--seed {args.seed}"
    )
    one, five, fifteen = os.getloadavg()
    print(f"{machine_line()}; load average {one:.1f} / {five:.1f} / {fifteen:.1f}")


if __name__ == "__main__":
    main()
