"""offers: migrations 0001_initial … 0006_german_field_names in one (squashed).

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
        ("offers", "0001_initial"),
        ("offers", "0002_offer_index_with_id"),
        ("offers", "0003_offer_childcare"),
        ("offers", "0004_location_city_from_municipality"),
        ("offers", "0005_registration_requests"),
        ("offers", "0006_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("geography", "0002_german_field_names"),
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Category",
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
                ("key", models.SlugField(max_length=60, unique=True, verbose_name="key")),
                ("name", models.CharField(max_length=120, verbose_name="name (German)")),
                (
                    "names",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="language → name",
                        verbose_name="names in other languages",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="offers.category",
                        verbose_name="parent category",
                    ),
                ),
            ],
            options={
                "verbose_name": "category",
                "verbose_name_plural": "categories",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Location",
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
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("street", models.CharField(max_length=200, verbose_name="street and number")),
                ("postcode", models.CharField(max_length=10, verbose_name="postcode")),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                ("latitude", models.FloatField(verbose_name="latitude")),
                ("longitude", models.FloatField(verbose_name="longitude")),
                ("step_free", models.BooleanField(default=False, verbose_name="step-free access")),
                (
                    "accessible_toilet",
                    models.BooleanField(default=False, verbose_name="accessible toilet"),
                ),
                ("hearing_loop", models.BooleanField(default=False, verbose_name="hearing loop")),
                (
                    "accessibility_note",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="accessibility notes"
                    ),
                ),
                (
                    "is_standard_system",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="standard system (Kita, school)"
                    ),
                ),
                ("kind", models.CharField(blank=True, max_length=40, verbose_name="kind")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offer_locations",
                        to="geography.district",
                        verbose_name="district (Stadtteil)",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="offer_locations",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "location",
                "verbose_name_plural": "locations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Offer",
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
                ("summary", models.CharField(max_length=300, verbose_name="short description")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "min_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="minimum age"
                    ),
                ),
                (
                    "max_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="maximum age"
                    ),
                ),
                ("women_only", models.BooleanField(default=False, verbose_name="women only")),
                ("for_families", models.BooleanField(default=False, verbose_name="for families")),
                ("for_children", models.BooleanField(default=False, verbose_name="for children")),
                ("for_youth", models.BooleanField(default=False, verbose_name="for young people")),
                (
                    "childcare",
                    models.BooleanField(
                        default=False,
                        help_text="Children are looked after while their parents take part.",
                        verbose_name="childcare during the offer",
                    ),
                ),
                (
                    "languages",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="ISO 639-1 codes",
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "languages_index",
                    models.CharField(
                        blank=True, editable=False, max_length=200, verbose_name="languages index"
                    ),
                ),
                ("is_free", models.BooleanField(default=True, verbose_name="free of charge")),
                (
                    "cost",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="cost in euro",
                    ),
                ),
                (
                    "cost_note",
                    models.CharField(blank=True, max_length=200, verbose_name="cost note"),
                ),
                (
                    "registration_required",
                    models.BooleanField(default=False, verbose_name="registration needed"),
                ),
                (
                    "registration_via_finder",
                    models.BooleanField(
                        default=False,
                        help_text="People can send a registration request on the public offer page, without an account; you answer it under “Registration requests”.",
                        verbose_name="registration through the offer finder",
                    ),
                ),
                (
                    "capacity",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="capacity"),
                ),
                (
                    "free_places",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="free places"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=120, verbose_name="contact person"),
                ),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact e-mail"),
                ),
                (
                    "contact_phone",
                    models.CharField(blank=True, max_length=40, verbose_name="contact phone"),
                ),
                ("url", models.URLField(blank=True, verbose_name="web address")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "last_reviewed",
                    models.DateField(blank=True, null=True, verbose_name="last reviewed"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, db_index=True, verbose_name="updated at"),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="offers.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "locations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="offers",
                        to="offers.location",
                        verbose_name="locations",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="organisations.organisation",
                        verbose_name="provider",
                    ),
                ),
            ],
            options={
                "verbose_name": "offer",
                "verbose_name_plural": "offers",
                "ordering": ["title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="OfferTranslation",
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
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "summary",
                    models.CharField(blank=True, max_length=300, verbose_name="short description"),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("machine", "Machine translation, not checked"),
                            ("draft", "Draft"),
                            ("approved", "Approved"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "source_hash",
                    models.CharField(max_length=16, verbose_name="German text it was made from"),
                ),
                ("outdated", models.BooleanField(default=False, verbose_name="outdated")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="offers.offer",
                        verbose_name="offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation",
                "verbose_name_plural": "translations",
                "ordering": ["offer", "language"],
            },
        ),
        migrations.CreateModel(
            name="RegistrationRequest",
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
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                (
                    "participants",
                    models.PositiveSmallIntegerField(
                        default=1, verbose_name="number of participants"
                    ),
                ),
                ("message", models.TextField(blank=True, max_length=500, verbose_name="message")),
                (
                    "language",
                    models.CharField(
                        default="de", max_length=8, verbose_name="language of the request"
                    ),
                ),
                ("consent_text", models.TextField(verbose_name="consent given")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("contacted", "Contacted"),
                            ("accepted", "Place confirmed"),
                            ("declined", "No place"),
                        ],
                        default="new",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="received")),
                ("handled_at", models.DateTimeField(blank=True, null=True, verbose_name="handled")),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="registration_requests",
                        to="offers.offer",
                        verbose_name="offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "registration request",
                "verbose_name_plural": "registration requests",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Schedule",
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
                    "weekday",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        null=True,
                        verbose_name="weekday",
                    ),
                ),
                ("date", models.DateField(blank=True, null=True, verbose_name="single date")),
                ("starts_at", models.TimeField(verbose_name="from")),
                ("ends_at", models.TimeField(verbose_name="until")),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                (
                    "valid_until",
                    models.DateField(blank=True, null=True, verbose_name="valid until"),
                ),
                (
                    "pauses_in_school_holidays",
                    models.BooleanField(
                        default=False, verbose_name="pauses in NRW school holidays"
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedules",
                        to="offers.offer",
                        verbose_name="offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "schedule",
                "verbose_name_plural": "schedules",
                "ordering": ["date", "weekday", "starts_at"],
            },
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["status", "title", "id"], name="offer_status_title"),
        ),
        migrations.AddConstraint(
            model_name="offer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_age__isnull", True),
                    ("max_age__isnull", True),
                    ("max_age__gte", models.F("min_age")),
                    _connector="OR",
                ),
                name="offer_age_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="offer",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_free", True), ("cost__isnull", False), _connector="OR"),
                name="offer_cost_when_not_free",
            ),
        ),
        migrations.AddConstraint(
            model_name="offertranslation",
            constraint=models.UniqueConstraint(
                fields=("offer", "language"), name="offer_translation_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="registrationrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("email", ""), _negated=True),
                    models.Q(("phone", ""), _negated=True),
                    _connector="OR",
                ),
                name="registration_request_reachable",
            ),
        ),
        migrations.AddConstraint(
            model_name="registrationrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("participants__gte", 1), ("participants__lte", 10)),
                name="registration_request_participants",
            ),
        ),
        migrations.AddConstraint(
            model_name="schedule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("date__isnull", True), ("weekday__isnull", False)),
                    models.Q(("date__isnull", False), ("weekday__isnull", True)),
                    _connector="OR",
                ),
                name="schedule_weekly_or_single",
            ),
        ),
        migrations.AddConstraint(
            model_name="schedule",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="schedule_ends_after_start",
            ),
        ),
    ]
