"""cases: migrations 0001_initial … 0008_person_key_blocks in one (squashed).

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
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import teilhabe.cases.models

_0002 = import_module("teilhabe.cases.migrations.0002_defaults_and_search")
_0007 = import_module("teilhabe.cases.migrations.0007_barrier_notes")


class Migration(migrations.Migration):
    replaces = [
        ("cases", "0001_initial"),
        ("cases", "0002_defaults_and_search"),
        ("cases", "0003_person_key_indexes"),
        ("cases", "0004_milestone_weekly_hours"),
        ("cases", "0005_consent_purpose_and_data_categories"),
        ("cases", "0006_german_field_names"),
        ("cases", "0007_barrier_notes"),
        ("cases", "0008_person_key_blocks"),
    ]

    initial = True

    dependencies = [
        ("geography", "0002_german_field_names"),
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BarrierCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "kind of barrier",
                "verbose_name_plural": "kinds of barrier",
                "ordering": ["position", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="CaseKind",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "case kind",
                "verbose_name_plural": "case kinds",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Institution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "institution",
                "verbose_name_plural": "institutions",
                "ordering": ["position", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="MilestoneType",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "milestone type",
                "verbose_name_plural": "milestone types",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Household",
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
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "anonymised_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "household",
                "verbose_name_plural": "households",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Case",
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
                    "opened_on",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="opened on"
                    ),
                ),
                ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
                (
                    "close_reason",
                    models.CharField(blank=True, max_length=200, verbose_name="reason for closing"),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="responsible case worker",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="organisations.team",
                        verbose_name="team",
                    ),
                ),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="cases.casekind",
                        verbose_name="kind",
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="cases.household",
                        verbose_name="household",
                    ),
                ),
            ],
            options={
                "verbose_name": "case",
                "verbose_name_plural": "cases",
                "ordering": ["-opened_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Person",
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
                    "household_role",
                    models.CharField(
                        choices=[
                            ("head", "head of household"),
                            ("partner", "partner"),
                            ("child", "child"),
                            ("relative", "other relative"),
                            ("other", "other"),
                        ],
                        max_length=16,
                        verbose_name="role in household",
                    ),
                ),
                (
                    "family_name",
                    models.CharField(max_length=120, verbose_name="family name (as in documents)"),
                ),
                (
                    "given_names",
                    models.CharField(max_length=120, verbose_name="given names (as in documents)"),
                ),
                (
                    "other_spellings",
                    models.TextField(
                        blank=True,
                        help_text="One spelling per line.",
                        verbose_name="other known spellings",
                    ),
                ),
                (
                    "birth_year",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="year of birth"
                    ),
                ),
                (
                    "birth_month",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="month of birth"
                    ),
                ),
                (
                    "birth_day",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="day of birth"
                    ),
                ),
                (
                    "gender",
                    models.CharField(
                        choices=[
                            ("f", "female"),
                            ("m", "male"),
                            ("d", "diverse"),
                            ("u", "not stated"),
                        ],
                        default="u",
                        max_length=1,
                        verbose_name="gender",
                    ),
                ),
                (
                    "nationalities",
                    models.CharField(blank=True, max_length=200, verbose_name="nationalities"),
                ),
                (
                    "languages",
                    models.CharField(blank=True, max_length=200, verbose_name="languages"),
                ),
                (
                    "needs_interpreter",
                    models.BooleanField(default=False, verbose_name="needs an interpreter"),
                ),
                (
                    "residence_status",
                    models.CharField(
                        choices=[
                            ("gestattung", "Aufenthaltsgestattung (asylum procedure)"),
                            ("duldung", "Duldung (toleration)"),
                            ("ae_22_23", "Aufenthaltserlaubnis §§ 22, 23 AufenthG"),
                            ("ae_24", "Aufenthaltserlaubnis § 24 AufenthG (temporary protection)"),
                            ("ae_25", "Aufenthaltserlaubnis § 25 AufenthG"),
                            ("ae_25a_25b", "Aufenthaltserlaubnis §§ 25a, 25b AufenthG"),
                            ("ae_26", "Aufenthaltserlaubnis § 26 AufenthG"),
                            ("niederlassung", "Niederlassungserlaubnis"),
                            ("einbuergerung", "Naturalised (Einbürgerung)"),
                            ("other", "other"),
                            ("unknown", "unknown"),
                        ],
                        default="unknown",
                        max_length=16,
                        verbose_name="residence status",
                    ),
                ),
                (
                    "residence_valid_until",
                    models.DateField(
                        blank=True, null=True, verbose_name="residence document valid until"
                    ),
                ),
                (
                    "arrived_in_germany",
                    models.DateField(blank=True, null=True, verbose_name="arrival in Germany"),
                ),
                (
                    "arrived_in_city",
                    models.DateField(blank=True, null=True, verbose_name="arrival in the city"),
                ),
                (
                    "bamf_file_number",
                    models.CharField(
                        blank=True, db_index=True, max_length=30, verbose_name="BAMF file number"
                    ),
                ),
                (
                    "street",
                    models.CharField(blank=True, max_length=200, verbose_name="street and number"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                (
                    "housing",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("shelter", "shelter / communal accommodation"),
                            ("own_flat", "own flat"),
                            ("other", "other"),
                        ],
                        max_length=16,
                        verbose_name="housing",
                    ),
                ),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "school_background",
                    models.TextField(blank=True, verbose_name="school background"),
                ),
                ("work_background", models.TextField(blank=True, verbose_name="work background")),
                (
                    "unaccompanied_minor",
                    models.BooleanField(default=False, verbose_name="unaccompanied minor"),
                ),
                ("disability", models.BooleanField(default=False, verbose_name="disability")),
                ("pregnancy", models.BooleanField(default=False, verbose_name="pregnancy")),
                ("single_parent", models.BooleanField(default=False, verbose_name="single parent")),
                ("trauma", models.BooleanField(default=False, verbose_name="trauma")),
                (
                    "health_notes",
                    models.TextField(blank=True, verbose_name="health and vulnerability notes"),
                ),
                (
                    "search_name",
                    models.CharField(
                        blank=True, editable=False, max_length=600, verbose_name="search name"
                    ),
                ),
                (
                    "family_key",
                    models.CharField(
                        blank=True, editable=False, max_length=60, verbose_name="family key"
                    ),
                ),
                (
                    "given_key",
                    models.CharField(
                        blank=True, editable=False, max_length=60, verbose_name="given key"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
                (
                    "anonymised_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
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
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="members",
                        to="cases.household",
                        verbose_name="household",
                    ),
                ),
                (
                    "merged_into",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.person",
                        verbose_name="merged into",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "persons",
                "ordering": ["family_name", "given_names"],
            },
        ),
        migrations.CreateModel(
            name="Milestone",
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
                            ("planned", "planned"),
                            ("in_progress", "in progress"),
                            ("achieved", "achieved"),
                            ("dropped", "dropped"),
                        ],
                        default="planned",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("planned_on", models.DateField(blank=True, null=True, verbose_name="planned for")),
                ("started_on", models.DateField(blank=True, null=True, verbose_name="started on")),
                (
                    "achieved_on",
                    models.DateField(blank=True, null=True, verbose_name="achieved on"),
                ),
                (
                    "weekly_hours",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="hours a week"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
                (
                    "type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="cases.milestonetype",
                        verbose_name="milestone",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestones",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "milestone",
                "verbose_name_plural": "milestones",
                "ordering": ["type__position", "id"],
            },
        ),
        migrations.CreateModel(
            name="Document",
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
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "file",
                    models.FileField(
                        max_length=300,
                        upload_to=teilhabe.cases.models._document_path,
                        verbose_name="file",
                    ),
                ),
                ("original_name", models.CharField(max_length=200, verbose_name="file name")),
                ("content_type", models.CharField(max_length=60, verbose_name="file type")),
                ("size", models.PositiveIntegerField(verbose_name="size (bytes)")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="cases.case",
                        verbose_name="case",
                    ),
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
            ],
            options={
                "verbose_name": "document",
                "verbose_name_plural": "documents",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Deadline",
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
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("appeal", "appeal deadline"),
                            ("residence_expiry", "expiry of residence document"),
                            ("bamf_hearing", "BAMF hearing"),
                            ("jobcenter", "Jobcenter appointment"),
                            ("follow_up", "follow-up"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="what")),
                ("due_on", models.DateField(db_index=True, verbose_name="due on")),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deadlines",
                        to="cases.case",
                        verbose_name="case",
                    ),
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
            ],
            options={
                "verbose_name": "deadline",
                "verbose_name_plural": "deadlines",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="ContactNote",
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
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "date",
                    models.DateField(default=django.utils.timezone.localdate, verbose_name="date"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("in_person", "in person"),
                            ("phone", "phone"),
                            ("email", "e-mail / letter"),
                            ("home_visit", "home visit"),
                            ("accompaniment", "accompaniment to an authority"),
                            ("other", "other"),
                            ("barrier", "structural barrier"),
                        ],
                        max_length=16,
                        verbose_name="kind of contact",
                    ),
                ),
                (
                    "duration_minutes",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="duration (minutes)"
                    ),
                ),
                ("topics", models.CharField(blank=True, max_length=200, verbose_name="topics")),
                ("text", models.TextField(verbose_name="note")),
                (
                    "barrier_category",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.barriercategory",
                        verbose_name="kind of barrier",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="cases.case",
                        verbose_name="case",
                    ),
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
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.institution",
                        verbose_name="institution",
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
            ],
            options={
                "verbose_name": "contact note",
                "verbose_name_plural": "contact notes",
                "ordering": ["-date", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Consent",
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
                ("purpose", models.CharField(max_length=300, verbose_name="purpose")),
                (
                    "purpose_kind",
                    models.CharField(
                        choices=[
                            ("referral", "registration for an offer or service (referral)"),
                            ("cooperation", "joint case work with the recipient"),
                            ("handover", "handover of the case to the recipient"),
                            ("other", "other purpose (does not allow sharing the case file)"),
                        ],
                        default="other",
                        max_length=16,
                        verbose_name="kind of purpose",
                    ),
                ),
                (
                    "data_categories",
                    models.JSONField(blank=True, default=list, verbose_name="data covered"),
                ),
                ("given_on", models.DateField(verbose_name="given on")),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("signed_form", "signed form (uploaded)"),
                            ("oral", "oral, with interpreter, recorded"),
                            ("other", "other"),
                        ],
                        max_length=16,
                        verbose_name="how given",
                    ),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "recipients",
                    models.ManyToManyField(
                        related_name="+", to="organisations.organisation", verbose_name="recipients"
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "form_document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.document",
                        verbose_name="signed form",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent",
                "verbose_name_plural": "consents",
                "ordering": ["-given_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Appointment",
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
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("starts_at", models.DateTimeField(verbose_name="starts")),
                ("ends_at", models.DateTimeField(verbose_name="ends")),
                ("location", models.CharField(blank=True, max_length=200, verbose_name="place")),
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
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appointments",
                        to="cases.case",
                        verbose_name="case",
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
            ],
            options={
                "verbose_name": "appointment",
                "verbose_name_plural": "appointments",
                "ordering": ["starts_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="SharingGrant",
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
                    "scope",
                    models.CharField(
                        choices=[
                            ("basic", "master data, deadlines, integration plan"),
                            ("full", "whole case file incl. notes, documents and health data"),
                        ],
                        max_length=8,
                        verbose_name="scope",
                    ),
                ),
                ("reason", models.CharField(max_length=300, verbose_name="reason")),
                (
                    "valid_from",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="valid from"
                    ),
                ),
                (
                    "valid_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="valid until"),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="grants",
                        to="cases.case",
                        verbose_name="case",
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grants",
                        to="cases.consent",
                        verbose_name="consent",
                    ),
                ),
                (
                    "granted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="granted by",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="recipient",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="revoked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "sharing grant",
                "verbose_name_plural": "sharing grants",
                "ordering": ["-valid_from", "-id"],
            },
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("closed_on__isnull", True),
                    ("closed_on__gte", models.F("opened_on")),
                    _connector="OR",
                ),
                name="case_closes_after_opening",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["family_key", "given_key", "birth_year"], name="person_keys_year"
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["family_key", "birth_year", "birth_month", "birth_day"],
                name="person_family_key_birth",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["given_key", "birth_year", "birth_month", "birth_day"],
                name="person_given_key_birth",
            ),
        ),
        migrations.AddConstraint(
            model_name="milestone",
            constraint=models.UniqueConstraint(
                fields=("person", "type"), name="milestone_once_per_person"
            ),
        ),
        migrations.AddIndex(
            model_name="contactnote",
            index=models.Index(fields=["kind", "date"], name="cases_note_kind_date"),
        ),
        migrations.AddConstraint(
            model_name="contactnote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("barrier_category__isnull", False),
                        ("institution__isnull", False),
                        ("kind", "barrier"),
                    ),
                    models.Q(
                        models.Q(("kind", "barrier"), _negated=True),
                        ("barrier_category__isnull", True),
                        ("institution__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="cases_barrier_note_has_category_and_institution",
            ),
        ),
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gte", models.F("starts_at"))),
                name="appointment_ends_after_start",
            ),
        ),
        migrations.RunPython(_0002.defaults, migrations.RunPython.noop),
        TrigramExtension(),
        migrations.RunPython(_0002.trigram_forward, _0002.trigram_backward),
        migrations.RunPython(_0007.defaults, migrations.RunPython.noop),
    ]
