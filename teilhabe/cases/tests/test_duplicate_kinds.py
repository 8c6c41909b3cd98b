"""The duplicate check at scale: every kind of variant and typing error that bench.cases
plants is found although hundreds of persons share the given name or the family name and the
year of birth (at 1,000,000 persons about 340 share "Mohammed" and a year), and look-alikes
that are other persons are not shown. docs/cases.md lists the kinds."""

import pytest

from teilhabe.cases import services
from teilhabe.cases.duplicates import find_duplicates
from teilhabe.cases.models import CaseKind, Household, Person
from teilhabe.cases.names import first_key, name_key

CROWD = 450  # more than the candidates the check used to look at (400)


@pytest.fixture
def mykola(cast):
    case = services.household_register(
        user=cast.case_worker,
        organisation=cast.home_org,
        name="Familie Kovalenko",
        head={
            "household_role": "head",
            "family_name": "Kovalenko",
            "given_names": "Mykola",
            "birth_year": 1988,
            "birth_month": 3,
            "birth_day": 7,
            "phone": "0151 2345678",
            "street": "Lindenallee 5",
            "postcode": "45127",
        },
        kind=CaseKind.objects.first(),
    )
    return case.household.members.get()


@pytest.fixture
def crowd(cast, mykola):
    """Persons sharing the year of birth and the given name (other family names that sort
    first) or the family name (other given names)."""
    household = Household.objects.create(organisation=cast.home_org, name="Crowd")
    people = []
    for i in range(CROWD):
        month, day = 1 + i % 12, 1 + i % 28
        for family, given in ((f"Aab {i}", "Mykola"), ("Kovalenko", f"Aab {i}")):
            p = Person(
                organisation=cast.home_org,
                household=household,
                household_role="relative",
                family_name=family,
                given_names=given,
                birth_year=1988,
                birth_month=month,
                birth_day=day,
            )
            services._derive_keys(p)
            people.append(p)
    Person.objects.bulk_create(people)


def check(family, given, birth=(1988, 3, 7), **evidence):
    y, m, d = birth
    return find_duplicates(
        Person.objects.all(),
        family_name=family,
        given_names=given,
        birth_year=y,
        birth_month=m,
        birth_day=d,
        **evidence,
    )


@pytest.mark.usefixtures("crowd")
@pytest.mark.parametrize(
    ("family", "given", "birth", "evidence"),
    [
        # Another form of the name, not a transliteration (table of equivalent names).
        ("Kovalenko", "Nikolai", (1988, None, None), {}),
        ("Коваленко", "Николай", (1988, 3, 7), {}),
        # Typing errors in the family name: a letter dropped, swapped, replaced.
        ("Kovaenko", "Mykola", (1988, 3, 7), {}),
        ("Kovalekno", "Mykola", (1988, 3, 7), {}),
        ("Kovalenro", "Mykola", (1988, 3, 7), {}),
        # … in the given name, also on top of another transliteration.
        ("Kovalenko", "Mykoa", (1988, 3, 7), {}),
        ("Kovalenko", "Myloka", (1988, 3, 7), {}),
        ("Kowalenko", "Mykopa", (1988, 3, 7), {}),
        # The date of birth: the year off by two or three, 1 January for an unknown date.
        ("Kovalenko", "Mykola", (1990, 3, 7), {}),
        ("Kowalenko", "Mykola", (1985, 3, 7), {}),
        ("Kovalenko", "Mykola", (1988, 1, 1), {}),
        # A family name changed by marriage, the same phone or address.
        ("Schmidt", "Mykola", (1988, 3, 7), {"phone": "+49 151 2345678"}),
        ("Schmidt", "Mykola", (1988, 3, 7), {"street": "Lindenallee 5", "postcode": "45127"}),
    ],
)
def test_each_kind_of_variant_is_found_in_a_crowd(mykola, family, given, birth, evidence):
    found = check(family, given, birth, **evidence)
    assert found, "no warning"
    assert found[0].person == mykola, [(str(c.person), c.score) for c in found]


@pytest.mark.parametrize(
    ("family", "given", "birth"),
    [
        ("Kovallenko", "Mykola", (1988, 3, 7)),  # a letter doubled
        ("Kovalenko", "Mykola", (1988, 7, 3)),  # day and month swapped
        ("Kovalenko", "Mykola", (None, None, None)),  # no date of birth
        ("Kovalenko", "Mykola", (None, 3, 7)),  # the year unknown
        ("Mykola", "Kovalenko", (1988, 3, 7)),  # family and given name swapped
    ],
)
def test_variants_the_keys_absorb_are_still_found(mykola, family, given, birth):
    found = check(family, given, birth)
    assert found and found[0].person == mykola


def test_a_typing_error_in_a_family_name_with_the_article_written_together(cast):
    case = services.household_register(
        user=cast.case_worker,
        organisation=cast.home_org,
        name="Familie El-Sayed",
        head={
            "household_role": "head",
            "family_name": "El-Sayed",
            "given_names": "Habibullah Hassan",
            "birth_year": 1965,
            "birth_month": 9,
            "birth_day": 14,
        },
        kind=CaseKind.objects.first(),
    )
    person = case.household.members.get()
    for family, given, birth in [
        ("Elsayed", "Habib Ullah", (1964, 9, 14)),
        ("Habibullah", "Elsayed", (1965, 9, 14)),
    ]:
        found = check(family, given, birth)
        assert found and found[0].person == person, (family, given)


@pytest.mark.usefixtures("crowd")
@pytest.mark.parametrize(
    ("family", "given", "birth"),
    [
        # The same given name and date of birth, another family name, nothing else in common.
        ("Schmidt", "Mykola", (1988, 3, 7)),
        # Twins: the same family name and date of birth, another given name.
        ("Kovalenko", "Ivan", (1988, 3, 7)),
        # Another family name sharing the skeleton ("vnk") with another vowel pattern.
        ("Wunkiki", "Mykola", (1988, None, None)),
    ],
)
def test_other_persons_are_not_shown(mykola, family, given, birth):
    assert mykola not in [c.person for c in check(family, given, birth)]


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["Mykola", "Nikolai", "Nikolay", "Николай", "Микола"], "mkl"),
        (["Oleksandr", "Olexandr", "Aleksandr", "Alexander", "Олександр"], "lksndr"),
        (["Mohammed", "Muhammad", "Mohamad", "Mehmet"], "mhmd"),
        (["Pavlo", "Pavel", "Paul"], "pvl"),
        (["Hanna", "Anna", "Ганна"], "hn"),
        (["Farhad", "Farhat"], "frhd"),
        (["Elsayed", "El-Sayed", "Sayed"], "sd"),
    ],
)
def test_equivalent_names_share_their_group_key(names, key):
    assert {name_key(n) for n in names} == {key}


def test_short_and_ambiguous_skeletons_join_a_group_only_by_listed_spellings():
    assert name_key("Harun") != name_key("Chirine")  # "hrn" is not Shirin
    assert name_key("Simon") != name_key("Osman")
    assert name_key("Anna") == name_key("Hanna")
    assert name_key("Ina") != name_key("Anna")  # skeleton "n", not listed
    assert first_key("Habib Ullah Karim") == name_key("Habibullah")


def test_the_check_is_one_query(mykola, django_assert_num_queries):
    with django_assert_num_queries(1):
        check("Kowalenko", "Nikolai", (1990, 7, 3), phone="0151 2345678")


def test_the_search_runs_a_fixed_number_of_queries(cast, mykola, django_assert_num_queries):
    from teilhabe.cases.selectors import persons_for

    user = cast.case_worker
    list(persons_for(user, q="Kowalenko")[:1])  # the user's roles, once per request
    with django_assert_num_queries(2):  # whether the keys match, then the page
        assert mykola in list(persons_for(user, q="Nikolai Kowalenko")[:25])
    with django_assert_num_queries(1):
        assert mykola in list(persons_for(user, q="Kowalenko")[:25])


def test_stored_keys_are_recomputed_by_the_command(mykola):
    from django.core.management import call_command

    Person.objects.filter(pk=mykola.pk).update(given_key="old", family_key="old")
    call_command("person_keys", verbosity=0)
    mykola.refresh_from_db()
    assert (mykola.family_key, mykola.given_key) == ("kvlnk", "mkl")


def test_recomputing_the_keys_is_for_the_system_only_and_audited(cast, mykola):
    from django.core.exceptions import PermissionDenied

    from teilhabe.access import SYSTEM
    from teilhabe.access.roles import Role
    from teilhabe.audit.models import AuditEntry
    from teilhabe.cases.services import person_keys_update

    Person.objects.filter(pk=mykola.pk).update(given_key="old", family_key="old")
    for role in Role.values:
        with pytest.raises(PermissionDenied):
            person_keys_update(user=cast.user(role))
    mykola.refresh_from_db()
    assert mykola.given_key == "old"  # nobody but the system changed anything
    assert person_keys_update(user=SYSTEM) == 1
    mykola.refresh_from_db()
    assert (mykola.family_key, mykola.given_key) == ("kvlnk", "mkl")
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.user, entry.user_label) == (None, "system")
    assert (entry.record_type, entry.detail) == ("cases.Person", "name keys recomputed: 1 persons")
    assert person_keys_update(user=SYSTEM) == 0  # idempotent
