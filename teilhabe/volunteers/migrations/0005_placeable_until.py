"""``Volunteer.placeable_until``: matching filters on one column instead of joining the
requirement records (same rule as ``selectors.placeable_q``)."""

import datetime

from django.db import migrations, models


def forward(apps, schema_editor):
    RequirementKind = apps.get_model("volunteers", "RequirementKind")
    Requirement = apps.get_model("volunteers", "Requirement")
    Volunteer = apps.get_model("volunteers", "Volunteer")
    kinds = list(RequirementKind.objects.filter(blocks_placement=True).values_list("pk", flat=True))
    due = {}
    for r in Requirement.objects.filter(kind_id__in=kinds, no_relevant_entry=True):
        mine = due.setdefault(r.volunteer_id, {})
        mine[r.kind_id] = max(mine.get(r.kind_id, r.due_on), r.due_on)
    for v in Volunteer.objects.all().only("pk"):
        mine = due.get(v.pk, {})
        if not kinds:
            value = datetime.date.max
        elif all(k in mine for k in kinds):
            value = min(mine[k] for k in kinds)
        else:
            value = None
        Volunteer.objects.filter(pk=v.pk).update(placeable_until=value)


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0004_matching_index")]

    operations = [
        migrations.AddField(
            model_name="volunteer",
            name="placeable_until",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
