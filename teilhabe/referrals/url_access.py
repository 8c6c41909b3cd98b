from teilhabe.access import Role
from teilhabe.access.matrix import ALL_ROLES, rule

# Who works with referrals: case workers and team leads (send and answer), provider editors
# (answer referrals to their offers, allocate their places).
_REFERRAL_ROLES = {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR}


def _referral(cast):
    from teilhabe.referrals.testing import demo_referral

    return {"code": demo_referral(cast).code}


def _case(cast):
    from teilhabe.cases.testing import demo_case

    return {"case_code": demo_case(cast.case_worker, cast.home_org).code}


RULES = {
    "referrals:list": rule(_REFERRAL_ROLES),
    "referrals:send": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD},
        kwargs=_case,
        note="only for cases of the own organisation",
    ),
    "referrals:allocation": rule({Role.TEAM_LEAD, Role.PROVIDER_EDITOR}),
    "referrals:notifications": rule(ALL_ROLES),
    # The demo referral goes from Caritas (case worker, team lead) to the VHS (provider editor).
    "referrals:detail": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR}, kwargs=_referral
    ),
    "referrals:transition": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR},
        kwargs=_referral,
        ok=405,
        note="POST only",
    ),
    "referrals:message": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR},
        kwargs=_referral,
        ok=405,
        note="POST only",
    ),
}
