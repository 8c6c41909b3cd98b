from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from teilhabe.access import Action, visible
from teilhabe.organisations.models import Membership, Organisation


def organisations_for(user, *, q: str = "", kind: str = "", borough=None) -> QuerySet[Organisation]:
    qs = visible(user, Action.VIEW_ORGANISATIONS, Organisation).filter(is_active=True)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if borough is not None:
        qs = qs.filter(Q(borough=borough) | Q(districts__borough=borough)).distinct()
    return (
        qs.select_related("borough", "parent")
        .annotate(district_count=Count("districts", distinct=True))
        .order_by("name")
    )


def members_of(user, organisation: Organisation) -> QuerySet[Membership]:
    return (
        visible(user, Action.VIEW_MEMBERS, Membership.objects.active())
        .filter(organisation=organisation)
        .select_related("user", "team")
        .order_by("user__full_name", "role")
    )
