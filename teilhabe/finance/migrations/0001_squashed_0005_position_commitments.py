"""finance: migrations 0001_initial … 0005_position_commitments in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
"""

import uuid
from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("finance", "0001_initial"),
        ("finance", "0002_fiscalyear_budgetline_budgetchange_and_more"),
        ("finance", "0003_decision_letter_texts_and_file_number"),
        ("finance", "0004_german_field_names"),
        ("finance", "0005_position_commitments"),
    ]

    initial = True

    dependencies = [
        ("geography", "0002_german_field_names"),
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CouncilDecision",
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
                (
                    "body",
                    models.CharField(
                        default="Rat der Stadt", max_length=120, verbose_name="decision-making body"
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="date of decision")),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        max_length=60,
                        verbose_name="reference number of the council paper",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
            ],
            options={
                "verbose_name": "council decision",
                "verbose_name_plural": "council decisions",
                "ordering": ["-decided_on", "title"],
            },
        ),
        migrations.CreateModel(
            name="FiscalYear",
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
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="year")),
                ("is_closed", models.BooleanField(default=False, verbose_name="closed")),
            ],
            options={
                "verbose_name": "fiscal year",
                "verbose_name_plural": "fiscal years",
                "ordering": ["-year"],
            },
        ),
        migrations.CreateModel(
            name="FundingSource",
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
                            ("own_funds", "Own funds of the city"),
                            ("refund", "Refunds"),
                            ("state_grant", "Grant of the federal state"),
                            ("federal_grant", "Federal grant"),
                            ("eu_grant", "EU grant"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "funding source",
                "verbose_name_plural": "funding sources",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="BudgetLine",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("personnel", "Personnel budget of the department"),
                            ("welfare_positions", "Grants to welfare associations for positions"),
                            ("integration_budget", "Integration budget of a Bezirksstelle"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "planned",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="originally planned (€)",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="current budget (€)",
                    ),
                ),
                (
                    "committed",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="committed (€)",
                    ),
                ),
                (
                    "paid",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="paid (€)",
                    ),
                ),
                (
                    "borough",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_lines",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_lines",
                        to="organisations.organisation",
                        verbose_name="managed by",
                    ),
                ),
                (
                    "fiscal_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lines",
                        to="finance.fiscalyear",
                        verbose_name="fiscal year",
                    ),
                ),
                (
                    "funding_source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_lines",
                        to="finance.fundingsource",
                        verbose_name="funding source",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
                "ordering": ["fiscal_year", "kind", "borough__number", "name"],
            },
        ),
        migrations.CreateModel(
            name="Commitment",
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
                    "number",
                    models.CharField(max_length=40, unique=True, verbose_name="file number"),
                ),
                ("purpose", models.CharField(max_length=300, verbose_name="purpose")),
                ("committed_on", models.DateField(verbose_name="date of the commitment")),
                (
                    "original_amount",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="amount committed originally (€)",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="amount committed (€)"
                    ),
                ),
                (
                    "paid",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="paid (€)",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "borough",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="finance.budgetline",
                        verbose_name="line",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="organisations.organisation",
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
                "ordering": ["-committed_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="DecisionAmount",
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
                            ("unplanned_provision", "Unplanned provision of funds (überplanmäßig)"),
                            ("personnel_budget_increase", "Increase of the personnel budget"),
                            ("planned", "Planned funds"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                ("purpose", models.CharField(max_length=300, verbose_name="purpose")),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount (€)"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="amounts",
                        to="finance.councildecision",
                        verbose_name="decision",
                    ),
                ),
                (
                    "funding_source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision_amounts",
                        to="finance.fundingsource",
                        verbose_name="covered by",
                    ),
                ),
            ],
            options={
                "verbose_name": "amount of a decision",
                "verbose_name_plural": "amounts of decisions",
                "ordering": ["decision", "position"],
            },
        ),
        migrations.CreateModel(
            name="BudgetChange",
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
                            ("unplanned_provision", "Unplanned provision of funds (überplanmäßig)"),
                            ("personnel_budget_increase", "Increase of the personnel budget"),
                            ("planned", "Planned funds"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="change (€)"),
                ),
                ("changed_on", models.DateField(verbose_name="date")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                (
                    "line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes",
                        to="finance.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "decision_amount",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_changes",
                        to="finance.decisionamount",
                        verbose_name="decided by",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget change",
                "verbose_name_plural": "budget changes",
                "ordering": ["line", "changed_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="DecisionLetterTexts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "authority",
                    models.CharField(max_length=300, verbose_name="issuing authority (letterhead)"),
                ),
                (
                    "authority_address",
                    models.CharField(max_length=300, verbose_name="address of the authority"),
                ),
                ("place", models.CharField(max_length=100, verbose_name="place of issue")),
                (
                    "file_number_pattern",
                    models.CharField(
                        default="IB-{year}-{borough}-{number:03d}",
                        help_text="Placeholders: {year}, {borough} (Roman numeral), {number} (running).",
                        max_length=100,
                        verbose_name="file number pattern",
                    ),
                ),
                ("signer_name", models.CharField(max_length=200, verbose_name="signed by")),
                (
                    "signer_role",
                    models.CharField(max_length=200, verbose_name="function of the signer"),
                ),
                ("conditions", models.TextField(blank=True, verbose_name="conditions of a grant")),
                (
                    "legal_remedy",
                    models.TextField(verbose_name="legal-remedy notice (Rechtsbehelfsbelehrung)"),
                ),
                (
                    "municipality",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decision_letter_texts",
                        to="geography.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "texts of the decision letters",
                "verbose_name_plural": "texts of the decision letters",
            },
        ),
        migrations.CreateModel(
            name="ApplicationRound",
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
                ("deadline", models.DateField(verbose_name="application deadline")),
                (
                    "fiscal_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rounds",
                        to="finance.fiscalyear",
                        verbose_name="fiscal year",
                    ),
                ),
            ],
            options={
                "verbose_name": "application round",
                "verbose_name_plural": "application rounds",
                "ordering": ["deadline"],
            },
        ),
        migrations.CreateModel(
            name="Movement",
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
                            ("payment", "Payment"),
                            ("repayment", "Repayment"),
                            ("cancellation", "Cancellation (commitment reduced)"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount (€)"),
                ),
                ("booked_on", models.DateField(verbose_name="date")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="booked at")),
                (
                    "commitment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="movements",
                        to="finance.commitment",
                        verbose_name="commitment",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="booked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment or cancellation",
                "verbose_name_plural": "payments and cancellations",
                "ordering": ["booked_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Position",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "function",
                    models.CharField(
                        choices=[
                            ("integration_coordinator", "Integration coordinator (borough team)"),
                            ("central_coordination", "Central coordination"),
                            ("housing_support", "Housing support"),
                            ("asylum_counselling", "Asylum-procedure counselling"),
                            ("volunteer_coordination", "Volunteer coordination"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        verbose_name="function",
                    ),
                ),
                (
                    "fte",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("1.00"),
                        max_digits=4,
                        verbose_name="full-time equivalent",
                    ),
                ),
                (
                    "pay_group",
                    models.CharField(blank=True, max_length=40, verbose_name="pay group"),
                ),
                (
                    "borough",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="positions",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "budget_line",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="positions",
                        to="finance.budgetline",
                        verbose_name="funding budget line",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="positions",
                        to="finance.councildecision",
                        verbose_name="funded by decision",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="positions",
                        to="organisations.organisation",
                        verbose_name="employing organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "position (Planstelle)",
                "verbose_name_plural": "positions (Planstellen)",
                "ordering": ["organisation__name", "function", "key"],
            },
        ),
        migrations.CreateModel(
            name="Occupancy",
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
                ("holder", models.CharField(max_length=200, verbose_name="holder")),
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="until")),
                (
                    "position",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="occupancies",
                        to="finance.position",
                        verbose_name="post",
                    ),
                ),
            ],
            options={
                "verbose_name": "occupancy",
                "verbose_name_plural": "occupancies",
                "ordering": ["position", "starts_on"],
            },
        ),
        migrations.AddField(
            model_name="commitment",
            name="position",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="commitments",
                to="finance.position",
                verbose_name="position (Planstelle)",
            ),
        ),
        migrations.CreateModel(
            name="Project",
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
                    "key",
                    models.SlugField(
                        blank=True, max_length=80, null=True, unique=True, verbose_name="key"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("goals", models.TextField(verbose_name="goals")),
                ("target_group", models.TextField(verbose_name="target group")),
                ("starts_on", models.DateField(verbose_name="start of the project")),
                ("ends_on", models.DateField(verbose_name="end of the project")),
                (
                    "cost_plan",
                    models.TextField(help_text="One cost item per line.", verbose_name="cost plan"),
                ),
                (
                    "total_cost",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total cost (€)"
                    ),
                ),
                (
                    "own_funds",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="own funds (€)",
                    ),
                ),
                (
                    "other_funds",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="other funding (€)",
                    ),
                ),
                (
                    "requested",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="amount requested (€)"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("committed", "Grant committed"),
                            ("reported", "Final report received"),
                            ("closed", "Closed"),
                        ],
                        default="submitted",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="submitted at"),
                ),
                (
                    "approved_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="amount approved (€)",
                    ),
                ),
                (
                    "decision_reason",
                    models.TextField(blank=True, verbose_name="reason for the decision"),
                ),
                (
                    "decided_on",
                    models.DateField(blank=True, null=True, verbose_name="date of the decision"),
                ),
                (
                    "file_number",
                    models.CharField(
                        blank=True,
                        max_length=60,
                        null=True,
                        unique=True,
                        verbose_name="file number",
                    ),
                ),
                (
                    "actual_cost",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="actual cost (€)",
                    ),
                ),
                (
                    "participants",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="participants"),
                ),
                ("outcomes", models.TextField(blank=True, verbose_name="outcomes")),
                (
                    "reported_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="final report received on"
                    ),
                ),
                ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
                (
                    "borough",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="projects",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "commitment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="project",
                        to="finance.commitment",
                        verbose_name="commitment",
                    ),
                ),
                (
                    "districts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="projects",
                        to="geography.district",
                        verbose_name="Stadtteile",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="projects",
                        to="organisations.organisation",
                        verbose_name="applicant",
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="projects",
                        to="finance.applicationround",
                        verbose_name="application round",
                    ),
                ),
            ],
            options={
                "verbose_name": "district project",
                "verbose_name_plural": "district projects",
                "ordering": ["-submitted_at"],
            },
        ),
        migrations.CreateModel(
            name="ProjectDocument",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("filename", models.CharField(max_length=200, verbose_name="file name")),
                ("content_type", models.CharField(max_length=100, verbose_name="content type")),
                ("size", models.PositiveIntegerField(verbose_name="size (bytes)")),
                ("content", models.BinaryField(verbose_name="content")),
                (
                    "uploaded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="uploaded at"),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="finance.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "project document",
                "verbose_name_plural": "project documents",
                "ordering": ["uploaded_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ProjectEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "step",
                    models.CharField(
                        choices=[
                            ("submitted", "Application submitted"),
                            ("approved", "Approved"),
                            ("partly_approved", "Approved in part"),
                            ("rejected", "Rejected"),
                            ("committed", "Grant committed"),
                            ("paid", "Payment booked"),
                            ("reported", "Final report submitted"),
                            ("closed", "Closed"),
                            ("document", "Document attached"),
                        ],
                        max_length=20,
                        verbose_name="step",
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="finance.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "project step",
                "verbose_name_plural": "project steps",
                "ordering": ["at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="StandardCost",
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
                ("pay_group", models.CharField(max_length=40, verbose_name="pay group")),
                (
                    "annual_cost",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="annual cost per full-time post (€)",
                    ),
                ),
                (
                    "fiscal_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="standard_costs",
                        to="finance.fiscalyear",
                        verbose_name="fiscal year",
                    ),
                ),
            ],
            options={
                "verbose_name": "standard cost",
                "verbose_name_plural": "standard costs",
                "ordering": ["fiscal_year", "pay_group"],
            },
        ),
        migrations.AddConstraint(
            model_name="decisionamount",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gte", 0)), name="decision_amount_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("planned__gte", 0), ("amount__gte", 0), ("paid__gte", 0)),
                name="budget_line_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("committed__gte", 0), ("committed__lte", models.F("amount"))),
                name="budget_line_never_overcommitted",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("paid__lte", models.F("committed"))),
                name="budget_line_paid_le_committed",
            ),
        ),
        migrations.AddConstraint(
            model_name="movement",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gt", 0)), name="movement_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(("fte__gt", 0), ("fte__lte", 1)), name="position_fte_range"
            ),
        ),
        migrations.AddConstraint(
            model_name="occupancy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="occupancy_dates_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("position__isnull", False)),
                fields=("position", "line"),
                name="commitment_one_per_position_and_line",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("amount__gte", 0), ("original_amount__gt", 0), ("paid__gte", 0)
                ),
                name="commitment_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("paid__lte", models.F("amount"))),
                name="commitment_paid_le_amount",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__lte", models.F("original_amount"))),
                name="commitment_only_reduced",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("total_cost__gt", 0),
                    ("own_funds__gte", 0),
                    ("other_funds__gte", 0),
                    ("requested__gt", 0),
                ),
                name="project_amounts_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_amount__isnull", True),
                    models.Q(
                        ("approved_amount__gt", 0), ("approved_amount__lte", models.F("requested"))
                    ),
                    _connector="OR",
                ),
                name="project_approved_le_requested",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="project_dates_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="standardcost",
            constraint=models.UniqueConstraint(
                fields=("fiscal_year", "pay_group"), name="standard_cost_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="standardcost",
            constraint=models.CheckConstraint(
                condition=models.Q(("annual_cost__gte", 0)), name="standard_cost_positive"
            ),
        ),
    ]
