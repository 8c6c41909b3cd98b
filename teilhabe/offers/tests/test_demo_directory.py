import pytest

from teilhabe.access import SYSTEM
from teilhabe.offers.loading import offers_demo_load
from teilhabe.offers.models import Location, Offer, OfferStatus

pytestmark = pytest.mark.django_db


def test_the_demo_directory_has_offers_in_many_districts_and_kitas_and_schools(offers_directory):
    assert offers_directory.offers >= 25
    assert Location.objects.filter(is_standard_system=True, kind="kita").count() == 312
    assert Location.objects.filter(is_standard_system=True, kind="school").count() == 212
    assert Offer.objects.filter(status=OfferStatus.PUBLISHED).count() > 300
    assert Location.objects.values("district").distinct().count() >= 40


def test_loading_the_demo_directory_twice_creates_nothing_twice():
    before = (Offer.objects.count(), Location.objects.count())
    offers_demo_load(standard_system=False)
    assert (Offer.objects.count(), Location.objects.count()) == before


def test_kita_locations_lie_in_the_stadtteil_the_city_names():
    import csv

    from teilhabe.scenario import scenario_folder

    with (scenario_folder("essen") / "kitas.csv").open(encoding="utf-8") as f:
        rows = {f"kita-{r['source_id']}": r["stadtteil"] for r in csv.DictReader(f)}
    located = dict(Location.objects.filter(key__in=rows).values_list("key", "district__name"))
    agree = sum(1 for k, name in located.items() if rows[k] == name)
    assert agree / len(rows) > 0.9


def test_the_admin_edits_the_category_taxonomy(client_as):
    from django.urls import reverse

    from teilhabe.offers.models import Category

    client = client_as("admin")
    sport = Category.objects.get(key="sport")
    assert client.get(reverse("admin:offers_category_changelist")).status_code == 200
    page = client.get(reverse("admin:offers_category_change", args=[sport.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:offers_offer_changelist")).status_code == 200
    assert client.get(reverse("admin:offers_location_changelist")).status_code == 200


def test_a_location_without_a_city_takes_the_city_of_its_stadtteil():
    from teilhabe.offers.services import location_save
    from teilhabe.organisations.models import Organisation

    location = location_save(
        user=SYSTEM,
        organisation=Organisation.objects.get(key="caritas-essen"),
        name="Beratungsbüro",
        street="Niederstraße 12",
        postcode="45141",
        latitude=51.4556,
        longitude=7.0116,
    )
    assert location.city == "Essen"
