"""jobs: migrations 0001_initial … 0002_german_field_names in one (squashed).

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
        ("jobs", "0001_initial"),
        ("jobs", "0002_german_field_names"),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SentMail",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=64, unique=True, verbose_name="key")),
                (
                    "sent_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="sent at"),
                ),
            ],
            options={
                "verbose_name": "sent e-mail",
                "verbose_name_plural": "sent e-mails",
            },
        ),
        migrations.CreateModel(
            name="WorkerHeartbeat",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("worker_id", models.CharField(max_length=64, unique=True, verbose_name="worker")),
                ("hostname", models.CharField(blank=True, max_length=200, verbose_name="hostname")),
                ("pid", models.PositiveIntegerField(null=True, verbose_name="process id")),
                ("started_at", models.DateTimeField(verbose_name="started at")),
                ("last_seen", models.DateTimeField(db_index=True, verbose_name="last seen")),
            ],
            options={
                "verbose_name": "worker",
                "verbose_name_plural": "workers",
            },
        ),
        migrations.CreateModel(
            name="Job",
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
                ("kind", models.CharField(max_length=60, verbose_name="kind")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "waiting"),
                            ("running", "running"),
                            ("succeeded", "finished"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("progress_done", models.PositiveIntegerField(default=0, verbose_name="done")),
                (
                    "progress_total",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="total"),
                ),
                ("message", models.CharField(blank=True, max_length=500, verbose_name="message")),
                ("params", models.JSONField(blank=True, default=dict, verbose_name="parameters")),
                ("result", models.JSONField(blank=True, default=dict, verbose_name="result")),
                (
                    "input_file",
                    models.FileField(
                        blank=True, upload_to="jobs/input/", verbose_name="input file"
                    ),
                ),
                (
                    "result_file",
                    models.FileField(
                        blank=True, upload_to="jobs/results/", verbose_name="result file"
                    ),
                ),
                (
                    "result_name",
                    models.CharField(blank=True, max_length=200, verbose_name="file name"),
                ),
                (
                    "task_id",
                    models.CharField(
                        blank=True, db_index=True, max_length=64, verbose_name="task id"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="started")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="running since"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
                "ordering": ["-created_at"],
            },
        ),
    ]
