"""The catalogue of legal bases of residence (federal law; editable data in the admin)."""

from django.db import migrations

# key, law, paragraph, name, status group (cases.ResidenceStatus), § 24, without expiry
LEGAL_BASES = [
    ("ankunftsnachweis", "AsylG", "§ 63a", "Ankunftsnachweis", "gestattung", False, False),
    ("gestattung", "AsylG", "§ 55", "Aufenthaltsgestattung (Asylverfahren)", "gestattung", False, False),
    ("duldung", "AufenthG", "§ 60a", "Duldung", "duldung", False, False),
    ("ae-22", "AufenthG", "§ 22", "Aufnahme aus dem Ausland", "ae_22_23", False, False),
    ("ae-23", "AufenthG", "§ 23", "Aufnahmeanordnung oder Resettlement", "ae_22_23", False, False),
    ("ae-24", "AufenthG", "§ 24", "Vorübergehender Schutz", "ae_24", True, False),
    ("ae-25-1", "AufenthG", "§ 25 Abs. 1", "Asylberechtigung", "ae_25", False, False),
    ("ae-25-2-fluechtling", "AufenthG", "§ 25 Abs. 2 S. 1 Alt. 1", "Flüchtlingseigenschaft", "ae_25", False, False),
    ("ae-25-2-subsidiaer", "AufenthG", "§ 25 Abs. 2 S. 1 Alt. 2", "Subsidiärer Schutz", "ae_25", False, False),
    ("ae-25-3", "AufenthG", "§ 25 Abs. 3", "Abschiebungsverbot", "ae_25", False, False),
    ("ae-25-5", "AufenthG", "§ 25 Abs. 5", "Ausreise unmöglich", "ae_25", False, False),
    ("ae-25a", "AufenthG", "§ 25a", "Gut integrierte Jugendliche und junge Volljährige", "ae_25a_25b", False, False),
    ("ae-25b", "AufenthG", "§ 25b", "Nachhaltige Integration", "ae_25a_25b", False, False),
    ("ae-104c", "AufenthG", "§ 104c", "Chancen-Aufenthaltsrecht", "other", False, False),
    ("ae-16a", "AufenthG", "§ 16a", "Berufsausbildung", "other", False, False),
    ("ae-19d", "AufenthG", "§ 19d", "Qualifizierte Geduldete zum Zweck der Beschäftigung", "other", False, False),
    ("ne-26", "AufenthG", "§ 26 Abs. 3, 4", "Niederlassungserlaubnis für Schutzberechtigte", "niederlassung", False, True),
    ("ne-9", "AufenthG", "§ 9", "Niederlassungserlaubnis", "niederlassung", False, True),
    ("einbuergerung", "StAG", "§ 10", "Einbürgerung", "einbuergerung", False, True),
]


def load(apps, schema_editor):
    LegalBasis = apps.get_model("housing", "LegalBasis")
    for position, (key, law, paragraph, name, status, temporary, unlimited) in enumerate(
        LEGAL_BASES
    ):
        LegalBasis.objects.update_or_create(
            key=key,
            defaults={
                "law": law,
                "paragraph": paragraph,
                "name": name,
                "status": status,
                "temporary_protection": temporary,
                "unlimited": unlimited,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
