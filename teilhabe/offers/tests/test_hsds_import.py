import copy
import json

import pytest

from teilhabe.access import SYSTEM
from teilhabe.offers.hsds.export import exportable_offers, service
from teilhabe.offers.hsds.importer import hsds_import
from teilhabe.offers.models import Offer

pytestmark = pytest.mark.django_db


def _feed():
    return [service(o) for o in exportable_offers().exclude(key__startswith="kita-")]


def test_the_exported_feed_imports_again_without_errors():
    feed = _feed()
    assert hsds_import(user=SYSTEM, document=feed).ok
    before = Offer.objects.count()
    result = hsds_import(user=SYSTEM, document={"contents": feed}, dry_run=False)
    assert result.ok and result.updated == len(feed) and result.created == 0
    assert Offer.objects.count() == before


def test_a_new_service_from_another_directory_is_created():
    new = copy.deepcopy(_feed()[0])
    new["id"] = "0b8f7f8e-1111-4a4a-9c9c-222233334444"
    new["name"] = "Neues Angebot aus einem anderen Verzeichnis"
    new["organization"]["id"] = "0b8f7f8e-1111-4a4a-9c9c-555566667777"
    for sal in new["service_at_locations"]:
        sal["location"]["id"] = "0b8f7f8e-1111-4a4a-9c9c-888899990000"
    result = hsds_import(user=SYSTEM, document=[new], dry_run=False)
    assert result.ok and result.created == 1
    offer = Offer.objects.get(code=new["id"])
    assert offer.locations.get().district.name == "Stadtkern" or offer.locations.exists()


def test_an_invalid_feed_writes_nothing_and_names_every_problem():
    feed = _feed()[:3]
    broken = copy.deepcopy(feed)
    del broken[0]["name"]
    broken[1]["attributes"][0]["taxonomy_term"]["code"] = "gibt-es-nicht"
    broken[1]["attributes"][0]["value"] = "gibt-es-nicht"
    broken[2]["service_at_locations"][0]["location"]["latitude"] = 52.52  # Berlin
    broken[2]["name"] = "Geändert"
    result = hsds_import(user=SYSTEM, document=broken, dry_run=False)
    text = "\n".join(result.errors)
    assert "Service 1" in text and "'name' is a required property" in text
    assert "Unbekannte Kategorie „gibt-es-nicht“" in text
    assert "außerhalb des Stadtgebiets" in text
    assert not Offer.objects.filter(title="Geändert").exists()


def test_something_that_is_not_hsds_is_refused():
    assert hsds_import(user=SYSTEM, document={"foo": 1}).errors == [
        "Das Dokument ist keine HSDS-Service-Liste."
    ]
    assert json.dumps(_feed()[0])  # the export is plain JSON


def test_organisations_of_a_feed_are_created_through_the_service_by_the_system_only(cast):
    from django.core.exceptions import PermissionDenied

    from teilhabe.organisations.models import Organisation
    from teilhabe.organisations.services import organisation_from_directory

    code = "0b8f7f8e-1111-4a4a-9c9c-555566667778"
    for role in ("provider_editor", "city_steering", "case_worker"):
        with pytest.raises(PermissionDenied):
            organisation_from_directory(user=cast.user(role), code=code, name="Neuer Träger")
    assert not Organisation.objects.filter(code=code).exists()
    first = organisation_from_directory(user=SYSTEM, code=code, name="Neuer Träger")
    again = organisation_from_directory(user=SYSTEM, code=code, name="Anderer Name")
    assert first.pk == again.pk and again.key == f"hsds-{code}" and again.kind == "provider"
