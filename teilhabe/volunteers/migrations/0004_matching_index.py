"""Matching reads two short text columns instead of JSON and the districts table:
``language_index`` now carries the level ("|ar:4|de:3|"), ``district_index`` the Stadtteile."""

from django.db import migrations, models


def forward(apps, schema_editor):
    Volunteer = apps.get_model("volunteers", "Volunteer")
    through = Volunteer.districts.through
    places = {}
    for vid, did in through.objects.values_list("volunteer_id", "district_id"):
        places.setdefault(vid, []).append(did)
    for v in Volunteer.objects.all().only("pk", "languages"):
        langs = v.languages or {}
        v.language_index = "|" + "|".join(f"{c}:{lv}" for c, lv in sorted(langs.items())) + "|"
        ids = sorted(places.get(v.pk, []))
        v.district_index = "|" + "|".join(str(i) for i in ids) + "|" if ids else ""
        v.save(update_fields=["language_index", "district_index"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0003_interpreting_permissions")]

    operations = [
        migrations.AddField(
            model_name="volunteer",
            name="district_index",
            field=models.CharField(blank=True, editable=False, max_length=400),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
