"""geography: migrations 0001_initial … 0002_german_field_names in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("geography", "0001_initial"),
        ("geography", "0002_german_field_names"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Municipality",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="code"
                    ),
                ),
                ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                (
                    "official_key",
                    models.CharField(
                        blank=True, max_length=12, verbose_name="official municipality key (AGS)"
                    ),
                ),
                (
                    "state",
                    models.CharField(blank=True, max_length=60, verbose_name="federal state"),
                ),
            ],
            options={
                "verbose_name": "municipality",
                "verbose_name_plural": "municipalities",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Borough",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="code"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "geometry",
                    models.JSONField(
                        blank=True, null=True, verbose_name="shape (GeoJSON geometry, WGS 84)"
                    ),
                ),
                (
                    "area_km2",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="area in km²",
                    ),
                ),
                (
                    "min_lon",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="westernmost longitude"
                    ),
                ),
                (
                    "min_lat",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="southernmost latitude"
                    ),
                ),
                (
                    "max_lon",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="easternmost longitude"
                    ),
                ),
                (
                    "max_lat",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="northernmost latitude"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="number")),
                (
                    "roman",
                    models.CharField(blank=True, max_length=8, verbose_name="number (Roman)"),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="boroughs",
                        to="geography.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "borough (Stadtbezirk)",
                "verbose_name_plural": "boroughs (Stadtbezirke)",
                "ordering": ["municipality", "number"],
            },
        ),
        migrations.CreateModel(
            name="District",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="code"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "geometry",
                    models.JSONField(
                        blank=True, null=True, verbose_name="shape (GeoJSON geometry, WGS 84)"
                    ),
                ),
                (
                    "area_km2",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="area in km²",
                    ),
                ),
                (
                    "min_lon",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="westernmost longitude"
                    ),
                ),
                (
                    "min_lat",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="southernmost latitude"
                    ),
                ),
                (
                    "max_lon",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="easternmost longitude"
                    ),
                ),
                (
                    "max_lat",
                    models.FloatField(
                        blank=True, editable=False, null=True, verbose_name="northernmost latitude"
                    ),
                ),
                (
                    "number",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                (
                    "borough",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="districts",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
            ],
            options={
                "verbose_name": "district (Stadtteil)",
                "verbose_name_plural": "districts (Stadtteile)",
                "ordering": ["borough__number", "name"],
                "constraints": [
                    models.UniqueConstraint(fields=("borough", "name"), name="district_name_unique")
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="borough",
            constraint=models.UniqueConstraint(
                fields=("municipality", "number"), name="borough_number_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="borough",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"), name="borough_name_unique"
            ),
        ),
    ]
