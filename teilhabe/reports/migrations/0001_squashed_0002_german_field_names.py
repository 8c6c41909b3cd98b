"""reports: migrations 0001_initial … 0002_german_field_names in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("reports", "0001_initial"),
        ("reports", "0002_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("finance", "0005_position_commitments"),
        ("jobs", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Report",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("status", "Status report (Sachstandsbericht)"),
                            ("use_of_funds", "Statement of use of funds (Verwendungsnachweis)"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("period_start", models.DateField(verbose_name="from")),
                ("period_end", models.DateField(verbose_name="until")),
                (
                    "fiscal_year",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="fiscal year"
                    ),
                ),
                ("narrative", models.JSONField(blank=True, default=dict, verbose_name="narrative")),
                ("figures", models.JSONField(blank=True, default=dict, verbose_name="figures")),
                (
                    "digest",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="checksum of the figures"
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        blank=True, max_length=300, upload_to="reports/", verbose_name="PDF"
                    ),
                ),
                (
                    "docx",
                    models.FileField(
                        blank=True, max_length=300, upload_to="reports/", verbose_name="DOCX"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="requested")),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "funding_source",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="finance.fundingsource",
                        verbose_name="funding source",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="jobs.job",
                        verbose_name="job",
                    ),
                ),
            ],
            options={
                "verbose_name": "council report",
                "verbose_name_plural": "council reports",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
