from teilhabe.access.matrix import rule
from teilhabe.access.roles import Role

DPO = {Role.DATA_PROTECTION_OFFICER}

RULES = {
    "audit:search": rule(DPO),
    "audit:person": rule(
        DPO, kwargs=lambda cast: {"code": cast.home_case.household.members.first().code}
    ),
}
