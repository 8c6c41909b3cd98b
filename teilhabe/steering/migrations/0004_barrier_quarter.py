"""Structural barriers per month also carry their quarter, so that a page adds months up to
quarters in SQL. The rollup is rebuilt in full by the next refresh: its rows and state are
dropped here, so the pages compute from the raw rows until then."""

import datetime

from django.db import migrations, models


def forget(apps, schema_editor):
    apps.get_model("steering", "BarrierMonth").objects.all().delete()
    apps.get_model("steering", "RollupState").objects.filter(name="barriers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0003_barrier_levels_milestone_lists"),
    ]

    operations = [
        migrations.RunPython(forget, migrations.RunPython.noop),
        migrations.AddField(
            model_name="barriermonth",
            name="quarter",
            field=models.DateField(
                default=datetime.date(2000, 1, 1), verbose_name="quarter (first day)"
            ),
            preserve_default=False,
        ),
    ]
