"""volunteers: migrations 0001_initial … 0006_german_field_names in one (squashed).

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

_0002 = import_module("teilhabe.volunteers.migrations.0002_defaults")


class Migration(migrations.Migration):
    replaces = [
        ("volunteers", "0001_initial"),
        ("volunteers", "0002_defaults"),
        ("volunteers", "0003_interpreting_permissions"),
        ("volunteers", "0004_matching_index"),
        ("volunteers", "0005_placeable_until"),
        ("volunteers", "0006_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("cases", "0008_person_key_blocks"),
        ("geography", "0002_german_field_names"),
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Assignment",
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
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="until")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
            ],
            options={
                "verbose_name": "assignment",
                "verbose_name_plural": "assignments",
                "ordering": ["-starts_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="RequirementKind",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "max_age_months_at_inspection",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        verbose_name="at most this many months old when inspected",
                    ),
                ),
                (
                    "valid_months",
                    models.PositiveSmallIntegerField(verbose_name="due again after (months)"),
                ),
                (
                    "remind_days_before",
                    models.PositiveSmallIntegerField(
                        default=60, verbose_name="reminder this many days before it is due"
                    ),
                ),
                (
                    "blocks_placement",
                    models.BooleanField(default=True, verbose_name="placement only while valid"),
                ),
                (
                    "keep_days_after_leaving",
                    models.PositiveSmallIntegerField(
                        default=90, verbose_name="delete this many days after leaving"
                    ),
                ),
            ],
            options={
                "verbose_name": "requirement",
                "verbose_name_plural": "requirements",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="CardCriteria",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "hours_per_week",
                    models.DecimalField(
                        decimal_places=2, default=5, max_digits=5, verbose_name="hours per week"
                    ),
                ),
                (
                    "hours_per_year",
                    models.DecimalField(
                        decimal_places=2, default=250, max_digits=6, verbose_name="hours per year"
                    ),
                ),
                ("years", models.PositiveSmallIntegerField(default=2, verbose_name="years")),
                (
                    "excludes_flat_rate_allowance",
                    models.BooleanField(default=True, verbose_name="excludes flat rate allowance"),
                ),
                (
                    "municipality",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geography.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "Ehrenamtskarte criteria",
                "verbose_name_plural": "Ehrenamtskarte criteria",
            },
        ),
        migrations.CreateModel(
            name="ContactPoint",
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
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "accepts_registrations",
                    models.BooleanField(default=True, verbose_name="accepts registrations"),
                ),
                (
                    "runs_interpreter_pool",
                    models.BooleanField(default=False, verbose_name="runs an interpreter pool"),
                ),
                (
                    "allows_legal_interpreting",
                    models.BooleanField(
                        default=False,
                        verbose_name="lay interpreters for conversations with legal consequences",
                    ),
                ),
                (
                    "allows_medical_interpreting",
                    models.BooleanField(
                        default=False, verbose_name="lay interpreters in medical settings"
                    ),
                ),
                (
                    "districts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="geography.district",
                        verbose_name="districts served",
                    ),
                ),
                (
                    "organisation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="volunteer_contact_point",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact point for volunteers",
                "verbose_name_plural": "contact points for volunteers",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Volunteer",
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
                    "status",
                    models.CharField(
                        choices=[
                            ("unconfirmed", "registered, e-mail not yet confirmed"),
                            ("interested", "interested"),
                            ("active", "active"),
                            ("paused", "paused"),
                            ("left", "left"),
                        ],
                        db_index=True,
                        default="unconfirmed",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("first_name", models.CharField(max_length=100, verbose_name="first name")),
                ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                (
                    "correspondence_language",
                    models.CharField(
                        default="de", max_length=8, verbose_name="language for e-mails"
                    ),
                ),
                ("languages", models.JSONField(blank=True, default=dict, verbose_name="languages")),
                (
                    "language_index",
                    models.CharField(
                        blank=True, editable=False, max_length=200, verbose_name="language index"
                    ),
                ),
                (
                    "skills",
                    models.JSONField(
                        blank=True, default=list, verbose_name="skills and fields of activity"
                    ),
                ),
                (
                    "skills_mask",
                    models.BigIntegerField(default=0, editable=False, verbose_name="skills mask"),
                ),
                (
                    "district_index",
                    models.CharField(
                        blank=True, editable=False, max_length=400, verbose_name="district index"
                    ),
                ),
                (
                    "placeable_until",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="placeable until"
                    ),
                ),
                ("availability_mask", models.BigIntegerField(default=0, verbose_name="available")),
                (
                    "available_from",
                    models.DateField(blank=True, null=True, verbose_name="available from"),
                ),
                (
                    "available_until",
                    models.DateField(blank=True, null=True, verbose_name="available until"),
                ),
                (
                    "motivation",
                    models.TextField(blank=True, verbose_name="message at registration"),
                ),
                (
                    "registered_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="registered"
                    ),
                ),
                (
                    "privacy_consent_at",
                    models.DateTimeField(null=True, verbose_name="consent to storage given"),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="e-mail confirmed"),
                ),
                (
                    "interview_on",
                    models.DateField(blank=True, null=True, verbose_name="first interview on"),
                ),
                (
                    "interview_notes",
                    models.TextField(blank=True, verbose_name="notes from the first interview"),
                ),
                (
                    "insurance_note",
                    models.CharField(blank=True, max_length=300, verbose_name="insurance note"),
                ),
                (
                    "is_interpreter",
                    models.BooleanField(default=False, verbose_name="in the interpreter pool"),
                ),
                (
                    "allowance_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=6,
                        null=True,
                        verbose_name="allowance per hour (€)",
                    ),
                ),
                (
                    "flat_rate_allowance",
                    models.BooleanField(
                        default=False,
                        verbose_name="receives a flat-rate allowance (Ehrenamtspauschale)",
                    ),
                ),
                ("left_on", models.DateField(blank=True, null=True, verbose_name="left on")),
                (
                    "anonymised_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
                ),
                (
                    "contact_point",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="volunteers",
                        to="volunteers.contactpoint",
                        verbose_name="contact point",
                    ),
                ),
                (
                    "districts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="geography.district",
                        verbose_name="districts (Stadtteile)",
                    ),
                ),
            ],
            options={
                "verbose_name": "volunteer",
                "verbose_name_plural": "volunteers",
                "ordering": ["last_name", "first_name", "id"],
            },
        ),
        migrations.CreateModel(
            name="Training",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="training")),
                ("held_on", models.DateField(verbose_name="date")),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="trainings",
                        to="volunteers.volunteer",
                        verbose_name="volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "training",
                "verbose_name_plural": "trainings",
                "ordering": ["-held_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Requirement",
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
                ("issued_on", models.DateField(verbose_name="issued on")),
                ("inspected_on", models.DateField(verbose_name="inspected on")),
                ("inspector_name", models.CharField(max_length=200, verbose_name="inspected by")),
                ("no_relevant_entry", models.BooleanField(verbose_name="no relevant entry")),
                ("due_on", models.DateField(db_index=True, verbose_name="due again on")),
                (
                    "reminded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reminder sent"),
                ),
                (
                    "inspected_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="inspected by",
                    ),
                ),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="volunteers.requirementkind",
                        verbose_name="requirement",
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="requirements",
                        to="volunteers.volunteer",
                        verbose_name="volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "requirement record",
                "verbose_name_plural": "requirement records",
                "ordering": ["-inspected_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="HoursEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("worked_on", models.DateField(verbose_name="date")),
                (
                    "hours",
                    models.DecimalField(decimal_places=2, max_digits=5, verbose_name="hours"),
                ),
                (
                    "travel_cost",
                    models.DecimalField(
                        decimal_places=2, default=0, max_digits=7, verbose_name="travel costs (€)"
                    ),
                ),
                (
                    "other_organisation",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="for another organisation"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                (
                    "logged_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="logged at"
                    ),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hours",
                        to="volunteers.assignment",
                        verbose_name="assignment",
                    ),
                ),
                (
                    "logged_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="logged by",
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hours",
                        to="volunteers.volunteer",
                        verbose_name="volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "hours",
                "verbose_name_plural": "hours",
                "ordering": ["-worked_on", "-id"],
            },
        ),
        migrations.AddField(
            model_name="assignment",
            name="volunteer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assignments",
                to="volunteers.volunteer",
                verbose_name="volunteer",
            ),
        ),
        migrations.CreateModel(
            name="VolunteerRequest",
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
                        choices=[("volunteering", "volunteers"), ("interpreting", "interpreter")],
                        default="volunteering",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="what is it about")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                (
                    "recurrence",
                    models.CharField(
                        choices=[("once", "once"), ("weekly", "weekly")],
                        default="once",
                        max_length=8,
                        verbose_name="how often",
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="date (first date)")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="last date")),
                ("time_from", models.TimeField(blank=True, null=True, verbose_name="from")),
                ("time_until", models.TimeField(blank=True, null=True, verbose_name="until")),
                ("languages", models.JSONField(blank=True, default=list, verbose_name="languages")),
                ("skills", models.JSONField(blank=True, default=list, verbose_name="skills")),
                (
                    "needed",
                    models.PositiveSmallIntegerField(
                        default=1, verbose_name="number of volunteers needed"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "open"),
                            ("filled", "filled"),
                            ("confirmed", "confirmed"),
                            ("closed", "closed"),
                            ("cancelled", "cancelled"),
                        ],
                        db_index=True,
                        default="open",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="received"
                    ),
                ),
                ("filled_at", models.DateTimeField(blank=True, null=True, verbose_name="filled")),
                ("shared", models.JSONField(blank=True, default=dict, verbose_name="shared data")),
                (
                    "mode",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("in_person", "on site"),
                            ("phone", "by phone"),
                            ("video", "by video"),
                        ],
                        default="",
                        max_length=12,
                        verbose_name="how",
                    ),
                ),
                ("topic", models.CharField(blank=True, max_length=200, verbose_name="topic")),
                (
                    "legal_consequences",
                    models.BooleanField(
                        default=False, verbose_name="conversation with legal consequences"
                    ),
                ),
                ("medical", models.BooleanField(default=False, verbose_name="medical setting")),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.case",
                        verbose_name="case",
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.consent",
                        verbose_name="consent",
                    ),
                ),
                (
                    "contact_point",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="requests",
                        to="volunteers.contactpoint",
                        verbose_name="contact point",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geography.district",
                        verbose_name="district (Stadtteil)",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                (
                    "requester",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="requesting organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "volunteer request",
                "verbose_name_plural": "volunteer requests",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Inquiry",
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
                    "channel",
                    models.CharField(
                        choices=[("email", "e-mail"), ("sms", "SMS")],
                        default="email",
                        max_length=8,
                        verbose_name="channel",
                    ),
                ),
                (
                    "asked_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="asked at"
                    ),
                ),
                ("expires_at", models.DateTimeField(verbose_name="expires at")),
                (
                    "answer",
                    models.CharField(
                        choices=[
                            ("pending", "asked, no answer yet"),
                            ("accepted", "accepted"),
                            ("declined", "declined"),
                            ("withdrawn", "no longer needed"),
                        ],
                        default="pending",
                        max_length=12,
                        verbose_name="answer",
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                ("score", models.IntegerField(default=0, verbose_name="score")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                (
                    "asked_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="asked by",
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inquiries",
                        to="volunteers.volunteer",
                        verbose_name="volunteer",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inquiries",
                        to="volunteers.volunteerrequest",
                        verbose_name="request",
                    ),
                ),
            ],
            options={
                "verbose_name": "inquiry",
                "verbose_name_plural": "inquiries",
                "ordering": ["-asked_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="assignment",
            name="request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assignments",
                to="volunteers.volunteerrequest",
                verbose_name="request",
            ),
        ),
        migrations.AddIndex(
            model_name="volunteer",
            index=models.Index(
                fields=["contact_point", "status"], name="volunteers__contact_c5f415_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="inquiry",
            constraint=models.UniqueConstraint(
                fields=("request", "volunteer"), name="inquiry_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(
                fields=("request", "volunteer"), name="assignment_once"
            ),
        ),
        migrations.RunPython(_0002.forward, migrations.RunPython.noop),
    ]
