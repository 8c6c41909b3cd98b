"""The Zuwendungsbescheid names the recipient's address, a file number, the signer and the
legal-remedy notice; its texts are the municipality's data."""

import datetime as dt
import io
import re
from decimal import Decimal

from django.urls import reverse
from pypdf import PdfReader

from teilhabe.access import SYSTEM
from teilhabe.finance import services
from teilhabe.finance.exports import decision_letter
from teilhabe.finance.models import DecisionLetterTexts
from teilhabe.finance.tests.test_projects import _apply


def _text(pdf: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_letter_has_address_file_number_signer_and_legal_remedy(cast):
    project = cast.project
    text = _text(decision_letter(project))
    assert "Zuwendungsbescheid" in text
    assert "Caritasverband für die Stadt Essen e. V. Am Porscheplatz 1 45127 Essen" in text
    assert project.file_number and f"Aktenzeichen: {project.file_number}" in text
    assert re.fullmatch(r"GB5-IB-2017-I-\d{3}", project.file_number)
    assert "Rechtsbehelfsbelehrung" in text and "Verwaltungsgericht Gelsenkirchen" in text
    assert "Maria Beispiel" in text
    assert "Antrag vom 20.03.2017" in text


def test_the_letter_texts_are_data_of_the_municipality(cast):
    project = cast.project
    texts = DecisionLetterTexts.objects.get(municipality=project.borough.municipality)
    services.decision_letter_texts_save(
        municipality=texts.municipality,
        values={"signer_name": "Erika Musterfrau", "legal_remedy": "Rechtsmittel: Klage."},
    )
    text = _text(decision_letter(project))
    assert "Erika Musterfrau" in text and "Rechtsmittel: Klage." in text
    assert "Maria Beispiel" not in text


def test_each_decided_project_gets_its_own_file_number(cast):
    numbers = set()
    for _i in range(2):
        project = _apply(cast)
        project = services.project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=Decimal("1000.00"),
            reason="",
            decided_on=dt.date.today(),
        )
        numbers.add(project.file_number)
    assert len(numbers) == 2 and all(n.startswith("GB5-IB-2017-I-") for n in numbers)


def test_no_letter_without_the_recipients_address(client_as, cast):
    project = cast.project
    org = project.organisation
    org.street = ""
    org.save(update_fields=["street"])
    client = client_as("borough_coordinator")
    response = client.get(reverse("finance:project_letter", kwargs={"code": project.code}))
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Anschrift" in m for m in messages)
