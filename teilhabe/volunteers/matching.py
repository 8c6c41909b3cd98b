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
import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from teilhabe.geography.models import District
from teilhabe.volunteers import selectors
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
        selectors.placeable_q(on),
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
            q |= Q(language_index__contains=f"|{code}|")
        qs = qs.filter(q)
    if request.kind == RequestKind.INTERPRETING:
        qs = qs.filter(is_interpreter=True)
    if request.pk:
        qs = qs.exclude(inquiries__request_id=request.pk)
    return qs


def rank(request: VolunteerRequest, *, limit: int = 20) -> list[Candidate]:
    """The best ``limit`` candidates, best first (ties: by name)."""
    rows = list(
        candidates_queryset(request).values_list(
            "pk",
            "code",
            "first_name",
            "last_name",
            "languages",
            "skills_mask",
            "availability_mask",
        )
    )
    if not rows:
        return []
    ids = [r[0] for r in rows]
    places: dict[int, list[int]] = {}
    through = Volunteer.districts.through
    if request.district_id is not None:
        for vid, did in through.objects.filter(volunteer_id__in=ids).values_list(
            "volunteer_id", "district_id"
        ):
            places.setdefault(vid, []).append(did)
    centre = centres()
    here = centre.get(request.district_id) if request.district_id else None
    wanted_skills = skills_mask(request.skills)
    n_skills = bin(wanted_skills).count("1")
    wanted_time = request.wanted_mask()
    scored = []
    for pk, code, first, last, langs, smask, amask in rows:
        # language
        best = max((langs.get(c, 0) for c in request.languages), default=0)
        s_lang = best * 8 if request.languages else 16
        # skills
        s_skill = round(30 * bin(smask & wanted_skills).count("1") / n_skills) if n_skills else 15
        # distance
        s_dist, dist = 5, None
        if here is not None:
            mine = [centre[d] for d in places.get(pk, ()) if d in centre]
            if mine:
                dist = min(km(here, c) for c in mine)
                s_dist = round(20 * max(0.0, 1 - dist / MAX_KM))
        # time
        s_time = (15 if amask & wanted_time else 0) if wanted_time else 8
        scored.append(
            (s_lang + s_skill + s_dist + s_time, last, first, pk, code, langs, smask, amask, dist)
        )
    scored.sort(key=lambda t: (-t[0], t[1], t[2], t[3]))
    return [
        Candidate(
            pk,
            str(code),
            f"{first} {last}",
            score,
            _reasons(request, langs, smask, amask, dist, here),
        )
        for score, last, first, pk, code, langs, smask, amask, dist in scored[:limit]
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
