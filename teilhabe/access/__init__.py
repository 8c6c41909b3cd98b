"""Access control — the one module through which every view, API endpoint and task asks.

* :func:`can` answers "may this user do ``action`` to ``obj``?" (or to anything, without ``obj``).
* :func:`visible` answers "which rows of this queryset may this user do ``action`` to?";
  list pages are built from it, never by filtering by hand.
* :func:`get_for_user` fetches one object for a view: 404 for users who cannot see it,
  403 for users who can see it but lack the action.
* :func:`check` is the raising form of :func:`can` for services (``PermissionDenied``).
* :func:`require` guards a view that is not about one object (optionally: which HTTP methods).
* :class:`MachineClient` is the actor of an API token: one role in one organisation, no person.
* :data:`SYSTEM` is the actor of loaders, operator commands and background tasks: no person,
  allowed everything, recorded as nobody (:func:`acting_person`).
* :func:`organisations_where` and :func:`roles_with` answer "in which organisations may this
  user do X?" and "which roles grant X?" — nobody outside this package reads the role table.

Which role grants which action is the table in :mod:`teilhabe.access.policy`; how far a
role reaches (city, borough, organisation) is in :mod:`teilhabe.access.roles`. Each model that
access control decides on registers, once, how it belongs to an organisation and a borough
(:func:`register`).

Sharing between organisations (handover of a case) is decided here too: a model registered
with ``shared=Shared(...)`` is also visible to the *receiving* organisation of a sharing grant
while that grant is in force — recorded, backed by an unrevoked consent, started, not expired,
not revoked — and only for the actions its scope opens (:data:`SHARING_SCOPE_ACTIONS`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.access.policy import CITY_WIDE_ACTIONS, ROLE_PERMISSIONS, Action, all_actions
from teilhabe.access.roles import ROLE_SCOPE, Role, Scope

__all__ = [
    "SYSTEM",
    "Action",
    "Grant",
    "MachineClient",
    "Role",
    "Scope",
    "Shared",
    "acting_person",
    "can",
    "check",
    "get_for_user",
    "grants",
    "organisations_where",
    "register",
    "require",
    "roles_of",
    "roles_with",
    "visible",
]

M = TypeVar("M", bound=models.Model)


class _System:
    """The actor of scenario loaders, operator commands and background tasks. It is not a
    person: it may do everything, never logs in, and writes record no user."""

    is_authenticated = False
    is_active = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def acting_person(user: Any) -> Any:
    """The user to record as author of a write (``None`` for :data:`SYSTEM` and machine
    clients)."""
    return None if user is SYSTEM or isinstance(user, MachineClient) else user


@dataclass(frozen=True)
class Grant:
    """One membership of a user, reduced to what access decisions need."""

    role: str
    organisation_id: int
    borough_id: int | None

    @property
    def scope(self) -> str:
        return ROLE_SCOPE[self.role]


class MachineClient:
    """A machine client authenticated by an API token (teilhabe/api/controlling): it acts with
    exactly one role in one organisation — the token's — and is no person (no memberships are
    read, writes record nobody). ``token`` is the token row, for the audit log."""

    is_authenticated = True
    is_active = True
    pk = None

    def __init__(self, *, role: str, organisation_id: int, borough_id: int | None, token=None):
        self.grant = Grant(role, organisation_id, borough_id)
        self.token = token

    def get_username(self) -> str:
        return f"API-Token {getattr(self.token, 'code', '')}".strip()

    def __repr__(self) -> str:
        return f"MachineClient({self.grant.role}, organisation={self.grant.organisation_id})"


# What a sharing grant's scope opens to the receiving organisation, per action. A grant never
# opens sharing, merging or the team overview: those stay with the owning organisation.
SHARING_SCOPE_ACTIONS: dict[str, frozenset[str]] = {
    "basic": frozenset({"cases.view", "cases.edit", "persons.export"}),
    "full": frozenset({"cases.view", "cases.edit", "persons.export", "persons.view_sensitive"}),
}


@dataclass(frozen=True)
class Shared:
    """How rows of a model are reached from a sharing grant.

    ``grant_model`` is the grant model (``"app_label.Model"``) with the fields ``recipient``,
    ``scope``, ``valid_from``, ``valid_until``, ``revoked_at`` and ``consent`` (which has
    ``revoked_at``); ``link`` is the ORM path from the grant to the shared row's ``outer``
    field (e.g. ``link="case__household", outer="household"`` for a person). ``parts`` limits
    which grant scopes open this model at all (e.g. contact notes only with ``"full"``).
    """

    grant_model: str
    link: str
    outer: str = "pk"
    parts: frozenset[str] = frozenset(SHARING_SCOPE_ACTIONS)


@dataclass(frozen=True)
class ScopeRule:
    """How rows of a model belong to organisations and boroughs (ORM paths)."""

    # ORM paths to the owning organisation(s); a row belongs to each (e.g. a referral to its
    # sender and to its receiver).
    organisation: tuple[str, ...] = ()
    boroughs: tuple[str, ...] = ()
    # Extra per-grant filter a model may add (e.g. "only the case worker's own cases").
    refine: Callable[[Any, Grant], Q | None] | None = None
    many: bool = field(default=False)
    shared: Shared | None = None


_RULES: dict[type[models.Model], ScopeRule] = {}


def register(
    model: type[models.Model],
    *,
    organisation: str | Iterable[str] | None = None,
    boroughs: Iterable[str] = (),
    refine: Callable[[Any, Grant], Q | None] | None = None,
    shared: Shared | None = None,
) -> None:
    """Declare how ``model`` rows belong to an organisation (``"pk"`` for Organisation itself)
    and to boroughs, and optionally how sharing grants reach them (``shared``). Paths that
    cross to-many relations make list queries ``distinct()``."""
    boroughs = tuple(boroughs)
    owners = (organisation,) if isinstance(organisation, str) else tuple(organisation or ())
    many = any(_crosses_many(model, path) for path in (*owners, *boroughs) if path)
    _RULES[model] = ScopeRule(owners, boroughs, refine, many, shared)


def _crosses_many(model: type[models.Model], path: str) -> bool:
    current = model
    for part in path.split("__"):
        if part == "pk":
            return False
        f = current._meta.get_field(part)
        if f.many_to_many or f.one_to_many:
            return True
        if not f.is_relation:
            return False
        current = f.related_model
    return False


def _rule_for(model: type[models.Model]) -> ScopeRule:
    try:
        return _RULES[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model.__name__} is not registered with teilhabe.access.register()."
        ) from None


def grants(user: Any) -> list[Grant]:
    """The user's active memberships (cached on the user object for one request)."""
    if isinstance(user, MachineClient):
        return [user.grant]
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_access_grants", None)
    if cached is None:
        from teilhabe.organisations.models import Membership

        cached = [
            Grant(role, org_id, borough_id)
            for role, org_id, borough_id in Membership.objects.active()
            .filter(user=user)
            .values_list("role", "organisation_id", "organisation__borough_id")
        ]
        user._access_grants = cached
    return cached


def roles_of(user: Any) -> set[str]:
    return {g.role for g in grants(user)}


def _check_action(action: str) -> None:
    if action not in _KNOWN_ACTIONS:
        raise ImproperlyConfigured(f"Unknown action {action!r}; add it to access.policy.Action.")


_KNOWN_ACTIONS: set[str] = all_actions()


def _granting(user: Any, action: str) -> list[Grant]:
    _check_action(action)
    return [g for g in grants(user) if action in ROLE_PERMISSIONS.get(g.role, ())]


def _grant_q(rule: ScopeRule, user: Any, grant: Grant, action: str) -> Q | None:
    """The filter that one grant opens on a model; None means "nothing"."""
    if grant.scope == Scope.CITY or action in CITY_WIDE_ACTIONS:
        q = Q()
    elif grant.scope == Scope.BOROUGH:
        if grant.borough_id is None or not rule.boroughs:
            return None
        q = Q()
        for path in rule.boroughs:
            q |= Q(**{path: grant.borough_id})
    else:
        if not rule.organisation:
            return None
        q = Q()
        for path in rule.organisation:
            q |= Q(**{path: grant.organisation_id})
        if rule.shared is not None:
            shared = _shared_q(rule.shared, grant, action)
            if shared is not None:
                q |= shared
    if rule.refine is not None:
        extra = rule.refine(user, grant)
        if extra is None:
            return None
        q &= extra
    return q


def _shared_q(shared: Shared, grant: Grant, action: str) -> Q | None:
    """Rows shared with the grant's organisation through a sharing grant in force whose
    scope opens ``action``."""
    scopes = [s for s in shared.parts if action in SHARING_SCOPE_ACTIONS.get(s, ())]
    if not scopes:
        return None
    from django.apps import apps
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    now = timezone.now()
    in_force = apps.get_model(shared.grant_model).objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now),
        recipient_id=grant.organisation_id,
        scope__in=scopes,
        valid_from__lte=now,
        revoked_at__isnull=True,
        consent__revoked_at__isnull=True,
        **{shared.link: OuterRef(shared.outer)},
    )
    return Q(Exists(in_force))


def visible(user: Any, action: str, queryset: QuerySet[M] | type[M]) -> QuerySet[M]:
    """The rows of ``queryset`` on which ``user`` may do ``action``."""
    qs = queryset if isinstance(queryset, QuerySet) else queryset._default_manager.all()
    rule = _rule_for(qs.model)
    if user is SYSTEM:
        _check_action(action)
        return qs
    combined: Q | None = None
    for grant in _granting(user, action):
        q = _grant_q(rule, user, grant, action)
        if q is None:
            continue
        if not q:  # an empty Q is "everything"
            return qs
        combined = q if combined is None else combined | q
    if combined is None:
        return qs.none()
    qs = qs.filter(combined)
    return qs.distinct() if rule.many else qs


def can(user: Any, action: str, obj: models.Model | None = None) -> bool:
    """May ``user`` do ``action`` — to ``obj`` when given, else to anything at all?"""
    if user is SYSTEM:
        _check_action(action)
        return True
    granting = _granting(user, action)
    if not granting:
        return False
    if obj is None:
        return True
    rule = _rule_for(type(obj))
    if rule.refine is None and (
        action in CITY_WIDE_ACTIONS or any(g.scope == Scope.CITY for g in granting)
    ):
        return True
    return visible(user, action, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def check(user: Any, action: str, obj: models.Model | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may do ``action`` (to ``obj``). Services
    start with this."""
    if not can(user, action, obj):
        raise PermissionDenied


def organisations_where(user: Any, action: str) -> list[int]:
    """Ids of the organisations in which one of the user's memberships grants ``action``
    (e.g. where a case worker may register households), in a stable order."""
    return sorted({g.organisation_id for g in _granting(user, action)})


def roles_with(action: str) -> frozenset[str]:
    """The roles whose permissions include ``action`` (e.g. to notify every member who may
    answer a referral)."""
    _check_action(action)
    return frozenset(role for role, actions in ROLE_PERMISSIONS.items() if action in actions)


def get_for_user(
    user: Any,
    queryset: QuerySet[M] | type[M],
    *,
    action: str,
    see: str | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object for a view.

    The object is looked up only among the rows ``user`` may ``see`` (default: ``action``);
    others get 404, so outsiders learn nothing. Members who can see it but may not do
    ``action`` get 403.
    """
    see = see or action
    qs = visible(user, see, queryset)
    try:
        obj = qs.get(**lookup)
    except (qs.model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    if action != see and not can(user, action, obj):
        raise PermissionDenied
    return obj


def require(action: str, *, methods: Iterable[str] | None = None) -> Callable:
    """View decorator: anonymous users go to the login page; users without ``action`` get 403;
    with ``methods`` (e.g. ``("POST",)``) other HTTP methods get 405."""
    _check_action(action)
    allowed = tuple(m.upper() for m in methods) if methods else None

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login
            from django.http import HttpResponseNotAllowed

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            if allowed is not None and request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, *args, **kwargs)

        wrapper.required_action = action  # type: ignore[attr-defined]
        return wrapper

    return decorator
