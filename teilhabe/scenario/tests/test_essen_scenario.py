"""The Essen scenario: the figures of the seed, exactly, and a loader that can run twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from teilhabe.access.roles import Role
from teilhabe.accounts.models import User
from teilhabe.finance.models import CouncilDecision, FundingSource, Position
from teilhabe.organisations.models import CompetenceTeam, Membership, Organisation
from teilhabe.scenario.loading import scenario_load

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "positions": Position.objects.count(),
        "decisions": CouncilDecision.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "teams": CompetenceTeam.objects.count(),
    }


def test_the_council_decision_of_24_may_2017_carries_the_exact_amounts():
    decision = CouncilDecision.objects.get(decided_on="2017-05-24")
    amounts = sorted(decision.amounts.values_list("amount", flat=True))
    assert amounts == [Decimal("654561.00"), Decimal("3516729.00")]
    sources = {a.funding_source for a in decision.amounts.select_related("funding_source")}
    assert len(sources) == 1
    (source,) = sources
    assert source.kind == "refund"
    assert "LVR" in source.name or "Landschaftsverband" in source.name
    assert FundingSource.objects.filter(pk=source.pk).exists()


def test_there_are_nine_bezirksstellen_one_per_borough():
    offices = Organisation.objects.filter(kind="borough_office")
    assert offices.count() == 9
    assert sorted(offices.values_list("borough__number", flat=True)) == list(range(1, 10))


def test_the_five_welfare_associations_are_there():
    names = " ".join(
        Organisation.objects.filter(kind="welfare_association").values_list("name", flat=True)
    )
    for association in (
        "Arbeiterwohlfahrt",
        "Caritas",
        "Diakoniewerk",
        "Rotes Kreuz",
        "Paritätische",
    ):
        assert association in names, association


def test_each_borough_has_a_competence_team_with_its_partners():
    assert CompetenceTeam.objects.count() == 9
    team = CompetenceTeam.objects.prefetch_related("members").get(borough__number=1)
    names = " ".join(m.name for m in team.members.all())
    for partner in (
        "Jobcenter",
        "Kommunales Integrationszentrum",
        "Gesundheitsamt",
        "Kinder- und Familienbüro",
        "Schule",
    ):
        assert partner in names, partner


def test_there_are_nine_city_and_thirty_five_welfare_association_positions():
    city = ("city_department", "borough_office")  # the 7 coordinators sit in Bezirksstellen
    assert Position.objects.filter(organisation__kind__in=city).count() == 9
    assert Position.objects.filter(organisation__kind="welfare_association").count() == 35
    assert Position.objects.count() == 44


def test_each_borough_has_one_integration_coordinator():
    coordinators = Position.objects.filter(key__startswith="ik-")
    assert coordinators.count() == 7  # seven borough teams, some covering two boroughs


def test_loading_the_scenario_again_changes_nothing():
    before = _counts()
    scenario_load(demo_password="another-password-for-the-test")
    assert _counts() == before


def test_there_is_one_demo_user_for_every_role():
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_credentials_are_printed_only_in_debug_mode(settings, capsys):
    settings.DEBUG = False
    call_command("load_essen")
    out = capsys.readouterr().out
    assert "44 Planstellen" in out
    assert "Demo-Zugänge" not in out
    settings.DEBUG = True
    call_command("load_essen")
    out = capsys.readouterr().out
    assert "Demo-Zugänge" in out and "steuerung@essen.teilhabe.example" in out


def test_load_scenario_reads_the_folder_named_by_the_scenario_setting(settings, tmp_path, capsys):
    from teilhabe.scenario import DATA, scenario_folder

    assert scenario_folder() == DATA / "essen"
    settings.SCENARIO = str(DATA / "essen")
    assert scenario_folder() == DATA / "essen"
    settings.DEBUG = False
    call_command("load_scenario")
    assert "Essen: 9 Stadtbezirke, 50 Stadtteile" in capsys.readouterr().out
