"""Rule tests: legal-remedy periods, title-expiry deadlines, § 24 transition and § 12a flag,
with dates around weekends and public holidays (NRW unless said otherwise)."""

import datetime as dt

import pytest

from teilhabe.housing import rules

D = dt.date


@pytest.mark.parametrize(
    ("kind", "delivered", "expected"),
    [
        # Two weeks end on the same weekday (Thursday → Thursday).
        ("rejected", D(2026, 12, 3), D(2026, 12, 17)),
        # Delivered Friday 11.12.: two weeks end on Christmas Day (holiday), the 26th is a
        # holiday and a Saturday, the 27th a Sunday → Monday 28.12.
        ("rejected", D(2026, 12, 11), D(2026, 12, 28)),
        # One week (manifestly unfounded) from Thursday 28.05.2026 ends on Corpus Christi
        # (4.6.2026, a holiday in NRW) → Friday 5.6.
        ("manifestly", D(2026, 5, 28), D(2026, 6, 5)),
        # Delivered Saturday 28.11. (post): one week ends Saturday 5.12. → Monday 7.12.
        ("dublin", D(2026, 11, 28), D(2026, 12, 7)),
        ("inadmissible", D(2026, 11, 24), D(2026, 12, 1)),
        ("subsidiary", D(2026, 1, 1), D(2026, 1, 15)),
    ],
)
def test_legal_remedy_period_ends_on_the_right_working_day(kind, delivered, expected):
    assert rules.remedy_for(kind, delivered, state="NW").until == expected


def test_a_holiday_of_another_federal_state_does_not_move_the_period():
    # Corpus Christi is no holiday in Berlin: the one-week period ends on 4.6.2026 there.
    assert rules.remedy_for("manifestly", D(2026, 5, 28), state="BE").until == D(2026, 6, 4)


def test_full_protection_and_undelivered_decisions_have_no_remedy_deadline():
    assert rules.remedy_for("refugee", D(2026, 12, 3)) is None
    assert rules.remedy_for("asylum", D(2026, 12, 3)) is None
    assert rules.remedy_for("rejected", None) is None


def test_the_remedy_names_its_source():
    remedy = rules.remedy_for("manifestly", D(2026, 12, 3), state="NW")
    assert "§ 74 Abs. 1" in remedy.source and "§ 36 Abs. 3" in remedy.source
    assert "§ 222" in remedy.source


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        # 56 days before Sunday 31.1.2027 is Sunday 6.12.2026 → Friday 4.12.2026.
        (D(2027, 1, 31), D(2026, 12, 4)),
        # 56 days before 19.2.2027 is Christmas Day → the working day before, 24.12.2026.
        (D(2027, 2, 19), D(2026, 12, 24)),
        # A working day stays.
        (D(2027, 2, 24), D(2026, 12, 30)),
    ],
)
def test_title_expiry_deadline_falls_on_a_working_day_before(valid_until, expected):
    assert rules.expiry_deadline(valid_until, state="NW") == expected


def test_expiry_state_warns_within_the_warning_period_and_flags_expired_titles():
    today = D(2026, 12, 2)
    assert rules.expiry_state(D(2026, 12, 1), today) == "expired"
    assert rules.expiry_state(D(2027, 1, 13), today) == "expiring"  # six weeks
    assert rules.expiry_state(D(2027, 6, 1), today) == ""
    assert rules.expiry_state(None, today) == ""


def test_the_2026_benefit_transition_applies_only_after_the_cut_off_date():
    (transition,) = rules.transitions()
    assert not transition.affects(D(2025, 3, 31), "sgb2")
    assert transition.affects(D(2025, 4, 1), "sgb2")
    assert transition.affects(D(2025, 4, 1), "sgb12")
    assert not transition.affects(D(2025, 4, 1), "asylblg")
    assert not transition.affects(None, "sgb2")
    assert transition.to_system == "asylblg"


@pytest.mark.parametrize(
    ("key", "hours", "lifts"),
    [
        ("beschaeftigung", 15, True),
        ("beschaeftigung", 14, False),
        ("beschaeftigung", None, False),
        ("ausbildung", None, True),
        ("integrationskurs", 40, False),
    ],
)
def test_a_job_of_15_hours_or_a_training_may_lift_the_residence_obligation(key, hours, lifts):
    assert rules.lifts_obligation(key, hours) is lifts


def test_deadline_to_apply_for_lifting_moves_off_weekends():
    assert rules.obligation_application_due(D(2026, 12, 3), state="NW") == D(2026, 12, 17)
    # 14 days after Saturday 5.12. is Saturday 19.12. → Monday 21.12.
    assert rules.obligation_application_due(D(2026, 12, 5), state="NW") == D(2026, 12, 21)


def test_interview_preparation_counts_working_days_back_over_holidays():
    # Five working days before Tuesday 5.1.2027: 4.1., 31.12., 30.12., 29.12., 28.12.
    assert rules.interview_preparation_due(D(2027, 1, 5), state="NW") == D(2026, 12, 28)


def test_escalation_when_few_working_days_remain():
    # Thursday 3.12. → Monday 7.12.: Friday and Monday remain (2 ≤ 3).
    assert rules.remedy_needs_escalation(D(2026, 12, 7), D(2026, 12, 3), state="NW")
    assert not rules.remedy_needs_escalation(D(2026, 12, 17), D(2026, 12, 3), state="NW")
    assert not rules.remedy_needs_escalation(D(2026, 12, 1), D(2026, 12, 3), state="NW")
