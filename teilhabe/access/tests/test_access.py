"""The access-control module: the policy table, its documentation, and the lookup rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from teilhabe.access import Action, can, get_for_user, require, visible
from teilhabe.access.docs import BEGIN, END, render_table
from teilhabe.access.policy import AGGREGATE_ONLY_ROLES, PERSONAL_DATA_ACTIONS, ROLE_PERMISSIONS
from teilhabe.access.roles import ROLE_SCOPE, Role
from teilhabe.organisations.models import Membership, Organisation


def test_every_role_has_a_scope_and_a_row_in_the_permission_table():
    assert set(ROLE_SCOPE) == set(Role.values)
    assert set(ROLE_PERMISSIONS) == set(Role.values)


def test_steering_roles_never_hold_an_action_on_personal_data():
    for role in AGGREGATE_ONLY_ROLES:
        assert not (ROLE_PERMISSIONS[role] & PERSONAL_DATA_ACTIONS), role


def test_the_documented_permission_table_matches_the_code():
    doc = (Path(settings.BASE_DIR) / "docs" / "access-control.md").read_text(encoding="utf-8")
    documented = doc[doc.index(BEGIN) : doc.index(END) + len(END)]
    assert documented == render_table(), "run `make docs` to update docs/access-control.md"


def test_an_unknown_action_is_a_programming_error(cast):
    with pytest.raises(ImproperlyConfigured, match="Unknown action"):
        can(cast.case_worker, "cases.fly")


def test_anonymous_users_may_do_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Action.USE_APP)
    assert not visible(AnonymousUser(), Action.VIEW_ORGANISATIONS, Organisation).exists()


def test_directory_information_is_visible_city_wide_to_all_staff(cast):
    every = Organisation.objects.count()
    assert visible(cast.case_worker, Action.VIEW_ORGANISATIONS, Organisation).count() == every


def test_members_are_visible_only_inside_the_own_organisation(cast):
    memberships = visible(cast.case_worker, Action.VIEW_MEMBERS, Membership.objects.all())
    assert memberships.exists()
    assert set(memberships.values_list("organisation", flat=True)) == {cast.home_org.pk}
    assert can(cast.case_worker, Action.VIEW_MEMBERS, cast.home_org)
    assert not can(cast.case_worker, Action.VIEW_MEMBERS, cast.foreign_org)


def test_an_outsider_gets_404_and_a_member_without_the_right_gets_403(cast):
    foreign = Membership.objects.filter(organisation=cast.foreign_org).first()
    with pytest.raises(Http404):
        get_for_user(
            cast.case_worker, Membership.objects.all(), action=Action.VIEW_MEMBERS, pk=foreign.pk
        )
    own = Membership.objects.filter(organisation=cast.home_org).first()
    with pytest.raises(PermissionDenied):
        get_for_user(
            cast.case_worker,
            Membership.objects.all(),
            action=Action.MANAGE_MEMBERS,
            see=Action.VIEW_MEMBERS,
            pk=own.pk,
        )
    assert (
        get_for_user(
            cast.case_worker, Membership.objects.all(), action=Action.VIEW_MEMBERS, pk=own.pk
        )
        == own
    )


def test_a_malformed_code_is_a_404_not_a_500(cast):
    with pytest.raises(Http404):
        get_for_user(
            cast.case_worker, Organisation, action=Action.VIEW_ORGANISATIONS, code="not-a-uuid"
        )


def test_an_ended_membership_grants_nothing(cast):
    from datetime import date, timedelta

    Membership.objects.filter(user=cast.case_worker).update(
        starts_on=date.today() - timedelta(days=30), ends_on=date.today() - timedelta(days=1)
    )
    user = type(cast.case_worker).objects.get(pk=cast.case_worker.pk)
    assert not can(user, Action.USE_APP)


def test_the_require_decorator_sends_anonymous_users_to_login_and_refuses_others(cast):
    from django.contrib.auth.models import AnonymousUser

    @require(Action.VIEW_AUDIT_LOG)
    def view(request):
        return "ok"

    request = RequestFactory().get("/x")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = cast.case_worker
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = cast.user(Role.DATA_PROTECTION_OFFICER)
    assert view(request) == "ok"


def test_the_system_actor_may_do_everything_and_is_recorded_as_nobody(cast):
    from teilhabe.access import SYSTEM, acting_person

    assert can(SYSTEM, Action.MANAGE_FINANCE)
    assert visible(SYSTEM, Action.VIEW_CASES, Organisation).count() == Organisation.objects.count()
    assert acting_person(SYSTEM) is None
    worker = cast.case_worker
    assert acting_person(worker) is worker
    with pytest.raises(ImproperlyConfigured, match="Unknown action"):
        can(SYSTEM, "cases.fly")
