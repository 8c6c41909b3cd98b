"""Default data: the extended police certificate (erweitertes Führungszeugnis, § 72a SGB VIII
practice) as a requirement — at most 3 months old when inspected, due again after 5 years — and
the NRW default criteria of the Ehrenamtskarte. Both can be changed in the admin."""

from django.db import migrations


def forward(apps, schema_editor):
    RequirementKind = apps.get_model("volunteers", "RequirementKind")
    CardCriteria = apps.get_model("volunteers", "CardCriteria")
    RequirementKind.objects.get_or_create(
        key="fuehrungszeugnis",
        defaults={
            "name": "Erweitertes Führungszeugnis",
            "max_age_months_at_inspection": 3,
            "valid_months": 60,
            "remind_days_before": 60,
            "blocks_placement": True,
            "keep_days_after_leaving": 90,
        },
    )
    if not CardCriteria.objects.filter(municipality__isnull=True).exists():
        CardCriteria.objects.create(
            municipality=None,
            hours_per_week=5,
            hours_per_year=250,
            years=2,
            excludes_flat_rate_allowance=True,
        )


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
