"""Structural barriers per month are stored per level (city, Bezirk, Stadtteil) instead of
per Stadtteil only; the days to a milestone are stored as ``[days ascending, persons]``
instead of ``{days: persons}``, and also added up per quarter of first contact (``span``
3). Both rollups are rebuilt in full by the next refresh: their rows and states are dropped
here, so the pages compute from the raw rows until then."""

from django.db import migrations, models


def forget(apps, schema_editor):
    apps.get_model("steering", "BarrierMonth").objects.all().delete()
    apps.get_model("steering", "MilestoneMonth").objects.all().delete()
    apps.get_model("steering", "RollupState").objects.filter(
        name__in=["barriers", "milestones"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0002_more_rollups"),
    ]

    operations = [
        migrations.RunPython(forget, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="barriermonth", name="steering_barrier_month"),
        migrations.RemoveField(model_name="barriermonth", name="district"),
        migrations.AddField(
            model_name="barriermonth",
            name="level",
            field=models.CharField(
                choices=[("city", "whole city"), ("borough", "Bezirk"), ("district", "Stadtteil")],
                default="city",
                max_length=10,
                verbose_name="level",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="barriermonth",
            name="area_id",
            field=models.IntegerField(blank=True, null=True, verbose_name="Bezirk or Stadtteil"),
        ),
        migrations.AddIndex(
            model_name="barriermonth",
            index=models.Index(
                fields=["level", "area_id", "month"], name="steering_barrier_area_month"
            ),
        ),
        migrations.AlterField(
            model_name="milestonemonth",
            name="days",
            field=models.JSONField(
                blank=True,
                default=list,
                verbose_name="days to reach it ([days ascending, persons for each])",
            ),
        ),
        migrations.AddField(
            model_name="milestonemonth",
            name="span",
            field=models.PositiveSmallIntegerField(
                default=1,
                verbose_name="months of first contact (1, or 3: the quarter from month on)",
            ),
        ),
    ]
