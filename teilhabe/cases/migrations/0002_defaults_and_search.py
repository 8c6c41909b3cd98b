"""German default catalogues (case kinds, milestones into the standard systems) and, on
PostgreSQL, the pg_trgm extension with a trigram GIN index for the fuzzy name search."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CASE_KINDS = [
    ("wohnungsbetreuung", "Wohnungsbetreuung / Unterstützung beim Wohnen"),
    ("asylverfahrensberatung", "Asylverfahrensberatung"),
    ("soziale-dienste", "Soziale Dienste der Bezirksstelle"),
    ("migrationsberatung", "Migrationsberatung für Erwachsene (MBE)"),
    ("jugendmigrationsdienst", "Jugendmigrationsdienst"),
]

MILESTONES = [
    ("integrationskurs", "Integrationskurs (BAMF, A1–B1, mit „Leben in Deutschland“)"),
    ("berufssprachkurs", "Berufsbezogener Sprachkurs (B1–C1)"),
    ("kita-platz", "Kita-Platz"),
    ("schulanmeldung", "Schulanmeldung"),
    ("ausbildung", "Berufsausbildung"),
    ("anerkennung", "Anerkennung ausländischer Berufsabschlüsse"),
    ("jobcenter", "Jobcenter / Agentur für Arbeit"),
    ("beschaeftigung", "Beschäftigung"),
    ("eigene-wohnung", "Eigene Wohnung (Mietvertrag)"),
    ("krankenversicherung", "Krankenversicherung und Hausarzt"),
    ("verein", "Mitgliedschaft in Sportverein oder Verein"),
]


def defaults(apps, schema_editor):
    CaseKind = apps.get_model("cases", "CaseKind")
    MilestoneType = apps.get_model("cases", "MilestoneType")
    for i, (key, name) in enumerate(CASE_KINDS):
        CaseKind.objects.get_or_create(key=key, defaults={"name": name, "position": i})
    for i, (key, name) in enumerate(MILESTONES):
        MilestoneType.objects.get_or_create(key=key, defaults={"name": name, "position": i})


def trigram_forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: the search falls back to LIKE on the normalised name
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_search_name_trgm "
        "ON cases_person USING gin (search_name gin_trgm_ops)"
    )


def trigram_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [
        migrations.RunPython(defaults, migrations.RunPython.noop),
        # CreateExtension does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(trigram_forward, trigram_backward),
    ]
