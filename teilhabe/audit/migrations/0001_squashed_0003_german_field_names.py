"""audit: migrations 0001_initial … 0003_german_field_names in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
The old migrations' operations that matter for a new database — default data and
PostgreSQL-only SQL — run at the end, with the functions of the old migrations.
The old migrations that only change existing rows have nothing to do in a new one.
"""

import uuid
from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

_0002 = import_module("teilhabe.audit.migrations.0002_append_only_trigger")


class Migration(migrations.Migration):
    replaces = [
        ("audit", "0001_initial"),
        ("audit", "0002_append_only_trigger"),
        ("audit", "0003_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
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
                    "at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="when"
                    ),
                ),
                ("user_label", models.CharField(blank=True, max_length=200, verbose_name="user")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("read", "read"),
                            ("create", "created"),
                            ("update", "changed"),
                            ("delete", "deleted"),
                            ("export", "exported"),
                            ("share", "shared"),
                            ("revoke", "revoked"),
                            ("merge", "merged"),
                            ("anonymise", "anonymised"),
                            ("search", "searched"),
                        ],
                        max_length=16,
                        verbose_name="what",
                    ),
                ),
                ("record_type", models.CharField(max_length=60, verbose_name="record type")),
                (
                    "record_code",
                    models.CharField(
                        blank=True, db_index=True, max_length=40, verbose_name="record"
                    ),
                ),
                (
                    "person_code",
                    models.CharField(
                        blank=True, db_index=True, max_length=40, verbose_name="person"
                    ),
                ),
                ("detail", models.CharField(blank=True, max_length=300, verbose_name="detail")),
                ("path", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation of the record",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit entries",
                "ordering": ["-at", "-id"],
            },
        ),
        migrations.RunPython(_0002.forward, _0002.backward),
    ]
