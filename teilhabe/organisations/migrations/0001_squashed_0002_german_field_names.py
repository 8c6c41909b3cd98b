"""organisations: migrations 0001_initial … 0002_german_field_names in one (squashed).

The same schema, created directly instead of step by step, for new databases (the
test databases among them): a database that applied the old migrations is left as it is;
one that applied some of them goes on with the remaining old ones.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("organisations", "0001_initial"),
        ("organisations", "0002_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("geography", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
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
                    "short_name",
                    models.CharField(blank=True, max_length=60, verbose_name="short name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("city_department", "City department"),
                            ("borough_office", "Borough office (Bezirksstelle)"),
                            ("welfare_association", "Welfare association"),
                            ("provider", "Provider"),
                            ("school", "School"),
                            ("kita", "Day-care centre (Kita)"),
                            ("authority", "Authority"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                (
                    "street",
                    models.CharField(blank=True, max_length=200, verbose_name="street and number"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "borough",
                    models.ForeignKey(
                        blank=True,
                        help_text="The borough this organisation works for, if it works for one.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organisations",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "districts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="organisations",
                        to="geography.district",
                        verbose_name="districts served",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="organisations.organisation",
                        verbose_name="parent organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="CompetenceTeam",
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
                    "borough",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="competence_team",
                        to="geography.borough",
                        verbose_name="borough",
                    ),
                ),
                (
                    "members",
                    models.ManyToManyField(
                        related_name="competence_teams",
                        to="organisations.organisation",
                        verbose_name="member organisations",
                    ),
                ),
            ],
            options={
                "verbose_name": "competence team",
                "verbose_name_plural": "competence teams",
                "ordering": ["borough__number"],
            },
        ),
        migrations.CreateModel(
            name="Team",
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
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="teams",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "team",
                "verbose_name_plural": "teams",
                "ordering": ["organisation", "name"],
            },
        ),
        migrations.CreateModel(
            name="Membership",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("admin", "Administrator"),
                            ("city_steering", "City steering"),
                            ("borough_coordinator", "Borough coordinator"),
                            ("case_worker", "Case worker"),
                            ("team_lead", "Team lead"),
                            ("volunteer_coordinator", "Volunteer coordinator"),
                            ("provider_editor", "Provider editor"),
                            ("finance_officer", "Finance officer"),
                            ("data_protection_officer", "Data protection officer"),
                        ],
                        max_length=32,
                        verbose_name="role",
                    ),
                ),
                (
                    "starts_on",
                    models.DateField(default=django.utils.timezone.localdate, verbose_name="from"),
                ),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="until")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="memberships",
                        to="organisations.team",
                        verbose_name="team",
                    ),
                ),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["organisation", "role"],
            },
        ),
        migrations.AddConstraint(
            model_name="team",
            constraint=models.UniqueConstraint(
                fields=("organisation", "name"), name="team_name_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("user", "organisation", "role"), name="membership_unique_role"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="membership_ends_after_start",
            ),
        ),
    ]
