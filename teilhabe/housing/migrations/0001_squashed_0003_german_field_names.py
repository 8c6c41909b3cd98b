"""housing: migrations 0001_initial … 0003_german_field_names in one (squashed).

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
from django.conf import settings
from django.db import migrations, models

_0002 = import_module("teilhabe.housing.migrations.0002_legal_bases")


class Migration(migrations.Migration):
    replaces = [
        ("housing", "0001_initial"),
        ("housing", "0002_legal_bases"),
        ("housing", "0003_german_field_names"),
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
            name="LegalBasis",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=40, unique=True, verbose_name="key")),
                ("law", models.CharField(max_length=20, verbose_name="law")),
                ("paragraph", models.CharField(max_length=40, verbose_name="paragraph")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("status", models.CharField(max_length=16, verbose_name="status group")),
                (
                    "temporary_protection",
                    models.BooleanField(default=False, verbose_name="temporary protection (§ 24)"),
                ),
                ("unlimited", models.BooleanField(default=False, verbose_name="without expiry")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
            ],
            options={
                "verbose_name": "legal basis of residence",
                "verbose_name_plural": "legal bases of residence",
                "ordering": ["position", "key"],
            },
        ),
        migrations.CreateModel(
            name="Accommodation",
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
                ("key", models.SlugField(max_length=80, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("transitional", "transitional home"),
                            ("emergency", "emergency shelter"),
                            ("other", "other communal accommodation"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("street", models.CharField(max_length=200, verbose_name="street and number")),
                ("postcode", models.CharField(max_length=10, verbose_name="postcode")),
                ("places", models.PositiveIntegerField(verbose_name="places")),
                (
                    "blocked_places",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Places that cannot be used at the moment (for example during repairs).",
                        verbose_name="blocked places",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="in use")),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geography.district",
                        verbose_name="district (Stadtteil)",
                    ),
                ),
                (
                    "operator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="operator",
                    ),
                ),
            ],
            options={
                "verbose_name": "accommodation",
                "verbose_name_plural": "accommodations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="AsylumProcedure",
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
                ("applied_on", models.DateField(verbose_name="application filed on")),
                (
                    "file_number",
                    models.CharField(blank=True, max_length=30, verbose_name="BAMF file number"),
                ),
                (
                    "interview_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="interview (Anhörung)"
                    ),
                ),
                (
                    "decision_on",
                    models.DateField(blank=True, null=True, verbose_name="decision dated"),
                ),
                (
                    "decision_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("asylum", "recognised as entitled to asylum (Art. 16a GG)"),
                            ("refugee", "refugee status (§ 3 AsylG)"),
                            ("subsidiary", "subsidiary protection (§ 4 AsylG), otherwise rejected"),
                            (
                                "ban",
                                "ban on deportation (§ 60 Abs. 5/7 AufenthG), otherwise rejected",
                            ),
                            ("rejected", "rejected (unfounded)"),
                            ("manifestly", "rejected as manifestly unfounded (§ 30 AsylG)"),
                            ("dublin", "inadmissible, other EU state responsible (Dublin)"),
                            ("inadmissible", "inadmissible (§ 29 Abs. 1 Nr. 2, 4 AsylG)"),
                            ("discontinued", "procedure discontinued (§§ 32, 33 AsylG)"),
                            ("revoked", "protection revoked or withdrawn (§ 73 AsylG)"),
                        ],
                        max_length=16,
                        verbose_name="kind of decision",
                    ),
                ),
                (
                    "delivered_on",
                    models.DateField(blank=True, null=True, verbose_name="decision delivered on"),
                ),
                (
                    "remedy_until",
                    models.DateField(
                        blank=True, null=True, verbose_name="legal remedy possible until"
                    ),
                ),
                (
                    "remedy_rule",
                    models.CharField(blank=True, max_length=300, verbose_name="rule applied"),
                ),
                (
                    "lawsuit_filed_on",
                    models.DateField(blank=True, null=True, verbose_name="lawsuit filed on"),
                ),
                (
                    "escalated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="escalated"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
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
                    "interview_appointment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.appointment",
                        verbose_name="interview appointment",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="asylum_procedures",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "preparation_deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.deadline",
                        verbose_name="preparation deadline",
                    ),
                ),
                (
                    "remedy_deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.deadline",
                        verbose_name="remedy deadline",
                    ),
                ),
            ],
            options={
                "verbose_name": "asylum procedure",
                "verbose_name_plural": "asylum procedures",
                "ordering": ["-applied_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="BenefitPeriod",
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
                    "system",
                    models.CharField(
                        choices=[
                            ("asylblg", "AsylbLG (Asylum Seekers' Benefits Act)"),
                            ("sgb2", "SGB II (Bürgergeld / Jobcenter)"),
                            ("sgb12", "SGB XII (social assistance)"),
                            ("none", "no benefits"),
                        ],
                        max_length=8,
                        verbose_name="benefit system",
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="until")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="benefit_periods",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "benefit period",
                "verbose_name_plural": "benefit periods",
                "ordering": ["-starts_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="FlatSearch",
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
                            ("searching", "searching"),
                            ("viewings", "viewings"),
                            ("offer", "offer received"),
                            ("signed", "tenancy signed"),
                            ("moved_in", "moved in"),
                            ("ended", "search ended without a flat"),
                        ],
                        default="searching",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("started_on", models.DateField(verbose_name="search started on")),
                (
                    "rooms_needed",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="rooms needed"
                    ),
                ),
                (
                    "max_rent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="maximum rent (EUR, gross cold)",
                    ),
                ),
                (
                    "wbs_status",
                    models.CharField(
                        choices=[
                            ("none", "not applied for"),
                            ("applied", "applied for"),
                            ("issued", "issued"),
                            ("refused", "refused"),
                        ],
                        default="none",
                        max_length=16,
                        verbose_name="Wohnberechtigungsschein",
                    ),
                ),
                (
                    "wbs_valid_until",
                    models.DateField(
                        blank=True, null=True, verbose_name="Wohnberechtigungsschein valid until"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flat_searches",
                        to="cases.household",
                        verbose_name="household",
                    ),
                ),
            ],
            options={
                "verbose_name": "flat search",
                "verbose_name_plural": "flat searches",
                "ordering": ["-started_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ResidenceObligation",
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
                ("place", models.CharField(max_length=120, verbose_name="place of residence")),
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(verbose_name="until")),
                ("lifted_on", models.DateField(blank=True, null=True, verbose_name="lifted on")),
                (
                    "may_be_lifted_since",
                    models.DateField(blank=True, null=True, verbose_name="may be lifted since"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "application_deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.deadline",
                        verbose_name="application deadline",
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="residence_obligations",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "residence obligation",
                "verbose_name_plural": "residence obligations",
                "ordering": ["-starts_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ResidenceTitle",
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
                (
                    "valid_until",
                    models.DateField(blank=True, null=True, verbose_name="valid until"),
                ),
                ("authority", models.CharField(max_length=200, verbose_name="issuing authority")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
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
                    "expiry_deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.deadline",
                        verbose_name="expiry deadline",
                    ),
                ),
                (
                    "legal_basis",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="housing.legalbasis",
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="residence_titles",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "residence title",
                "verbose_name_plural": "residence titles",
                "ordering": ["-issued_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Stay",
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
                            ("accommodation", "shelter / communal accommodation"),
                            ("flat", "own flat"),
                            ("other", "other (with relatives, private)"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "street",
                    models.CharField(blank=True, max_length=200, verbose_name="street and number"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                ("moved_in", models.DateField(verbose_name="moved in")),
                ("moved_out", models.DateField(blank=True, null=True, verbose_name="moved out")),
                (
                    "tenancy_start",
                    models.DateField(blank=True, null=True, verbose_name="tenancy starts"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "accommodation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stays",
                        to="housing.accommodation",
                        verbose_name="accommodation",
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stays",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "residence period",
                "verbose_name_plural": "residence periods",
                "ordering": ["-moved_in", "-id"],
            },
        ),
        migrations.AddConstraint(
            model_name="accommodation",
            constraint=models.CheckConstraint(
                condition=models.Q(("blocked_places__lte", models.F("places"))),
                name="accommodation_blocked_le_places",
            ),
        ),
        migrations.AddConstraint(
            model_name="asylumprocedure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("decision_on__isnull", True),
                    ("decision_on__gte", models.F("applied_on")),
                    _connector="OR",
                ),
                name="asylum_decision_after_application",
            ),
        ),
        migrations.AddConstraint(
            model_name="asylumprocedure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("delivered_on__isnull", True),
                    ("delivered_on__gte", models.F("decision_on")),
                    _connector="OR",
                ),
                name="asylum_delivery_after_decision",
            ),
        ),
        migrations.AddConstraint(
            model_name="benefitperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="benefit_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="residenceobligation",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="obligation_ends_after_start",
            ),
        ),
        migrations.AddIndex(
            model_name="residencetitle",
            index=models.Index(fields=["valid_until"], name="title_valid_until"),
        ),
        migrations.AddConstraint(
            model_name="residencetitle",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_until__isnull", True),
                    ("valid_until__gte", models.F("issued_on")),
                    _connector="OR",
                ),
                name="title_valid_after_issue",
            ),
        ),
        migrations.AddIndex(
            model_name="stay",
            index=models.Index(
                fields=["accommodation", "moved_in", "moved_out"], name="stay_occupancy"
            ),
        ),
        migrations.AddIndex(
            model_name="stay",
            index=models.Index(fields=["person", "moved_in"], name="stay_person"),
        ),
        migrations.AddConstraint(
            model_name="stay",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("moved_out__isnull", True),
                    ("moved_out__gt", models.F("moved_in")),
                    _connector="OR",
                ),
                name="stay_out_after_in",
            ),
        ),
        migrations.AddConstraint(
            model_name="stay",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "accommodation"), _negated=True),
                    ("accommodation__isnull", False),
                    _connector="OR",
                ),
                name="stay_accommodation_named",
            ),
        ),
        migrations.RunPython(_0002.load, migrations.RunPython.noop),
    ]
