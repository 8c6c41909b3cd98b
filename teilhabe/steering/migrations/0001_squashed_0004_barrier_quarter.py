"""steering: migrations 0001_rollups … 0004_barrier_quarter in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("steering", "0001_rollups"),
        ("steering", "0002_more_rollups"),
        ("steering", "0003_barrier_levels_milestone_lists"),
        ("steering", "0004_barrier_quarter"),
    ]

    initial = True

    dependencies = [
        ("geography", "0002_german_field_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="RollupState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40, unique=True, verbose_name="name")),
                ("refreshed_at", models.DateTimeField(verbose_name="refreshed at")),
                ("covers_until", models.DateField(verbose_name="covers days up to")),
                ("rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                ("seconds", models.FloatField(default=0, verbose_name="duration (seconds)")),
            ],
            options={
                "verbose_name": "rollup state",
                "verbose_name_plural": "rollup states",
            },
        ),
        migrations.CreateModel(
            name="BarrierMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month (first day)")),
                ("quarter", models.DateField(verbose_name="quarter (first day)")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("city", "whole city"),
                            ("borough", "Bezirk"),
                            ("district", "Stadtteil"),
                        ],
                        max_length=10,
                        verbose_name="level",
                    ),
                ),
                (
                    "area_id",
                    models.IntegerField(blank=True, null=True, verbose_name="Bezirk or Stadtteil"),
                ),
                ("institution_id", models.IntegerField(verbose_name="institution")),
                ("category_id", models.IntegerField(verbose_name="kind of barrier")),
                (
                    "count",
                    models.PositiveIntegerField(default=0, verbose_name="number of barriers"),
                ),
            ],
            options={
                "verbose_name": "structural barriers per month",
                "verbose_name_plural": "structural barriers per month",
                "indexes": [
                    models.Index(
                        fields=["level", "area_id", "month"], name="steering_barrier_area_month"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DailyCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                ("measure", models.CharField(max_length=30, verbose_name="measure")),
                ("key", models.CharField(blank=True, max_length=100, verbose_name="key")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="count")),
            ],
            options={
                "verbose_name": "count per day",
                "verbose_name_plural": "counts per day",
                "indexes": [
                    models.Index(fields=["measure", "day"], name="steering_daily_measure_day")
                ],
            },
        ),
        migrations.CreateModel(
            name="MilestoneMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month of the first contact (first day)")),
                (
                    "span",
                    models.PositiveSmallIntegerField(
                        default=1,
                        verbose_name="months of first contact (1, or 3: the quarter from month on)",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("city", "whole city"),
                            ("borough", "Bezirk"),
                            ("district", "Stadtteil"),
                        ],
                        max_length=10,
                        verbose_name="level",
                    ),
                ),
                (
                    "area_id",
                    models.IntegerField(blank=True, null=True, verbose_name="Bezirk or Stadtteil"),
                ),
                (
                    "type_id",
                    models.IntegerField(blank=True, null=True, verbose_name="milestone type"),
                ),
                ("count", models.PositiveIntegerField(default=0, verbose_name="persons")),
                (
                    "within_6",
                    models.PositiveIntegerField(default=0, verbose_name="within 6 months"),
                ),
                (
                    "within_12",
                    models.PositiveIntegerField(default=0, verbose_name="within 12 months"),
                ),
                (
                    "within_24",
                    models.PositiveIntegerField(default=0, verbose_name="within 24 months"),
                ),
                (
                    "days",
                    models.JSONField(
                        blank=True,
                        default=list,
                        verbose_name="days to reach it ([days ascending, persons for each])",
                    ),
                ),
            ],
            options={
                "verbose_name": "milestones per cohort month",
                "verbose_name_plural": "milestones per cohort month",
                "indexes": [
                    models.Index(
                        fields=["level", "area_id", "month"], name="steering_ms_area_month"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReferralMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month sent (first day)")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("city", "whole city"),
                            ("borough", "Bezirk"),
                            ("district", "Stadtteil"),
                        ],
                        max_length=10,
                        verbose_name="level",
                    ),
                ),
                (
                    "area_id",
                    models.IntegerField(blank=True, null=True, verbose_name="Bezirk or Stadtteil"),
                ),
                ("dimension", models.CharField(max_length=10, verbose_name="dimension")),
                ("key", models.CharField(blank=True, max_length=300, verbose_name="key")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="referrals")),
                ("answered", models.PositiveIntegerField(default=0, verbose_name="answered")),
                ("accepted", models.PositiveIntegerField(default=0, verbose_name="accepted")),
                ("statuses", models.JSONField(blank=True, default=dict, verbose_name="per status")),
                (
                    "response_days",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        verbose_name="working days to first response (days → referrals)",
                    ),
                ),
                (
                    "waiting_days",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        verbose_name="days on the waiting list (days → referrals)",
                    ),
                ),
            ],
            options={
                "verbose_name": "referrals per month",
                "verbose_name_plural": "referrals per month",
                "indexes": [
                    models.Index(
                        fields=["level", "area_id", "month"], name="steering_ref_area_month"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseworkDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "persons",
                    models.PositiveIntegerField(
                        default=0, verbose_name="persons in case work (their address)"
                    ),
                ),
                (
                    "persons_by_household",
                    models.PositiveIntegerField(
                        default=0, verbose_name="persons in case work (their household's Stadtteil)"
                    ),
                ),
                (
                    "households",
                    models.PositiveIntegerField(default=0, verbose_name="households in case work"),
                ),
                ("opened", models.PositiveIntegerField(default=0, verbose_name="cases opened")),
                ("closed", models.PositiveIntegerField(default=0, verbose_name="cases closed")),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geography.district",
                        verbose_name="district (Stadtteil)",
                    ),
                ),
            ],
            options={
                "verbose_name": "case work per day and Stadtteil",
                "verbose_name_plural": "case work per day and Stadtteil",
                "indexes": [
                    models.Index(fields=["day", "district"], name="steering_cw_day_district")
                ],
            },
        ),
    ]
