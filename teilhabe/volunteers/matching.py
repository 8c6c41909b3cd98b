"""Ranked candidates for a request, explained in German.

The database narrows the field (contact point, active, not asked yet, valid requirements on
the request's date, available then, speaks one of the requested languages, in the interpreter
pool for interpreting); the score is computed here from a few columns of the rest:

=============  ======  =================================================================
part           points  how
=============  ======  =================================================================
language       ≤ 32    best level among the requested languages × 8
skills         ≤ 30    share of the requested skills the volunteer offers
distance       ≤ 20    20 in the same Stadtteil, falling to 0 at 15 km (centre to centre)
time           ≤ 15    15 when the volunteer named the request's weekday and time of day
=============  ======  =================================================================
"""

from __future__ import annotations

import functools
import heapq
import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from teilhabe.geography.models import District
from teilhabe.volunteers.models import (
    LANGUAGES,
    SKILL_BITS,
    WEEKDAYS,
    LanguageLevel,
    RequestKind,
    Skill,
    Slot,
    Volunteer,
    VolunteerRequest,
    VolunteerStatus,
    skills_mask,
)

MAX_KM = 15.0


@dataclass
class Candidate:
    volunteer_id: int
    code: str
    name: str
    score: int
    reasons: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=4)
def _centres(version: int) -> dict[int, tuple[float, float, str]]:
    rows = District.objects.values_list("pk", "min_lon", "min_lat", "max_lon", "max_lat", "name")
    return {
        pk: ((a + c) / 2, (b + d) / 2, name)
        for pk, a, b, c, d, name in rows
        if None not in (a, b, c, d)
    }


def centres() -> dict[int, tuple[float, float, str]]:
    return _centres(District.objects.count())


def km(a: tuple[float, float, str], b: tuple[float, float, str]) -> float:
    """Distance between two points (lon, lat) in km (equirectangular; fine within a city)."""
    x = math.radians(b[0] - a[0]) * math.cos(math.radians((a[1] + b[1]) / 2))
    y = math.radians(b[1] - a[1])
    return 6371.0 * math.hypot(x, y)


def candidates_queryset(request: VolunteerRequest):
    on = request.starts_on
    qs = Volunteer.objects.filter(
        placeable_until__gt=on,
        contact_point_id=request.contact_point_id,
        status=VolunteerStatus.ACTIVE,
        anonymised_at__isnull=True,
    ).filter(
        Q(available_from__isnull=True) | Q(available_from__lte=on),
        Q(available_until__isnull=True) | Q(available_until__gte=on),
    )
    if request.languages:
        q = Q()
        for code in request.languages:
            q |= Q(language_index__contains=f"|{code}:")
        qs = qs.filter(q)
    if request.kind == RequestKind.INTERPRETING:
        qs = qs.filter(is_interpreter=True)
    if request.pk:
        qs = qs.exclude(inquiries__request_id=request.pk)
    return qs


def _levels(index: str) -> dict[str, int]:
    out = {}
    for part in index.strip("|").split("|"):
        code, _sep, level = part.partition(":")
        if code and level.isdigit():
            out[code] = int(level)
    return out


def rank(request: VolunteerRequest, *, limit: int = 20) -> list[Candidate]:
    """The best ``limit`` candidates, best first (ties: by id). One query narrows and reads
    four short columns of the candidates; a second reads the names of the best."""
    rows = (
        candidates_queryset(request)
        .order_by()  # ranked here; sorting in the database would only cost time
        .values_list("pk", "language_index", "skills_mask", "availability_mask", "district_index")
    )
    centre = centres()
    here = centre.get(request.district_id) if request.district_id else None
    # Points per Stadtteil of the volunteer, computed once per request (50 Stadtteile).
    near: dict[str, tuple[int, float]] = {}
    if here is not None:
        for pk, c in centre.items():
            dist = km(here, c)
            near[str(pk)] = (round(20 * max(0.0, 1 - dist / MAX_KM)), dist)
    wanted_skills = skills_mask(request.skills)
    n_skills = bin(wanted_skills).count("1")
    wanted_time = request.wanted_mask()
    wanted_langs = list(request.languages)
    scored = []
    for pk, lindex, smask, amask, dindex in rows:
        if wanted_langs:
            best = 0
            for code in wanted_langs:
                at = lindex.find(f"|{code}:")
                if at >= 0:
                    best = max(best, int(lindex[at + len(code) + 2]))
            s_lang = best * 8
        else:
            s_lang = 16
        s_skill = round(30 * bin(smask & wanted_skills).count("1") / n_skills) if n_skills else 15
        s_dist, dist = 5, None
        if here is not None and dindex:
            best_d = max(
                (near[d] for d in dindex.strip("|").split("|") if d in near),
                default=None,
                key=lambda t: t[0] - t[1] / 1000,
            )
            if best_d is not None:
                s_dist, dist = best_d
        s_time = (15 if amask & wanted_time else 0) if wanted_time else 8
        scored.append((-(s_lang + s_skill + s_dist + s_time), pk, lindex, smask, amask, dist))
    top = heapq.nsmallest(limit, scored)
    names = {
        pk: (code, first, last)
        for pk, code, first, last in Volunteer.objects.filter(
            pk__in=[t[1] for t in top]
        ).values_list("pk", "code", "first_name", "last_name")
    }
    return [
        Candidate(
            pk,
            str(names[pk][0]),
            f"{names[pk][1]} {names[pk][2]}",
            -neg,
            _reasons(request, _levels(lindex), smask, amask, dist, here),
        )
        for neg, pk, lindex, smask, amask, dist in top
    ]


def _reasons(request, langs, smask, amask, dist, here) -> list[str]:
    out = []
    spoken = [
        _("speaks %(language)s (%(level)s)")
        % {"language": LANGUAGES[c], "level": LanguageLevel(langs[c]).label}
        for c in request.languages
        if c in langs and c in LANGUAGES and langs[c] in LanguageLevel.values
    ]
    out.extend(spoken)
    labels = dict(Skill.choices)
    matched = [str(labels[s]) for s in request.skills if smask & SKILL_BITS.get(s, 0)]
    missing = [str(labels[s]) for s in request.skills if not smask & SKILL_BITS.get(s, 0)]
    if matched:
        out.append(_("offers: %(skills)s") % {"skills": ", ".join(matched)})
    if missing:
        out.append(_("does not offer: %(skills)s") % {"skills": ", ".join(missing)})
    if here is not None:
        if dist is None:
            out.append(_("named no Stadtteil"))
        elif dist < 0.05:
            out.append(_("helps in %(district)s") % {"district": here[2]})
        else:
            out.append(
                _("%(km)s km from %(district)s")
                % {"km": f"{dist:.1f}".replace(".", ","), "district": here[2]}
            )
    slot = request.slot()
    if slot is not None:
        values = {"day": WEEKDAYS[request.starts_on.weekday()], "slot": Slot(slot).label}
        if amask & request.wanted_mask():
            out.append(_("has time on %(day)s, %(slot)s") % values)
        else:
            out.append(_("did not name %(day)s, %(slot)s") % values)
    return out
