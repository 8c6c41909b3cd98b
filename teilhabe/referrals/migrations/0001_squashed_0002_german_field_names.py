"""referrals: migrations 0001_initial … 0002_german_field_names in one (squashed).

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
        ("referrals", "0001_initial"),
        ("referrals", "0002_german_field_names"),
    ]

    initial = True

    dependencies = [
        ("cases", "0008_person_key_blocks"),
        ("offers", "0006_german_field_names"),
        ("organisations", "0002_german_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("immediate", "e-mail for each notification"),
                            ("digest", "one e-mail a day (digest)"),
                            ("none", "in the application only"),
                        ],
                        default="immediate",
                        max_length=16,
                        verbose_name="e-mail",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_preference",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification preference",
                "verbose_name_plural": "notification preferences",
            },
        ),
        migrations.CreateModel(
            name="Referral",
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
                    "is_anonymous",
                    models.BooleanField(default=False, verbose_name="anonymous request"),
                ),
                (
                    "shared_fields",
                    models.JSONField(blank=True, default=list, verbose_name="shared fields"),
                ),
                ("shared", models.JSONField(blank=True, default=dict, verbose_name="shared data")),
                (
                    "profile",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="profile for allocation"
                    ),
                ),
                ("urgency", models.JSONField(blank=True, default=list, verbose_name="urgency")),
                ("message", models.TextField(blank=True, verbose_name="message to the receiver")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("sent", "sent, awaiting response"),
                            ("waiting", "on the waiting list"),
                            ("accepted", "accepted, place allocated"),
                            ("declined", "declined"),
                            ("started", "started"),
                            ("completed", "completed"),
                            ("dropped_out", "dropped out"),
                            ("withdrawn", "withdrawn"),
                        ],
                        default="sent",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "decline_reason",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="reason for declining"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="sent")),
                (
                    "status_changed_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="status changed"),
                ),
                ("response_due", models.DateField(verbose_name="response due")),
                (
                    "responded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="first response"),
                ),
                (
                    "reminded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reminder sent"),
                ),
                (
                    "escalated_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="escalated to team lead"
                    ),
                ),
                (
                    "waiting_since",
                    models.DateField(blank=True, null=True, verbose_name="waiting since"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="referrals",
                        to="cases.case",
                        verbose_name="case",
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals",
                        to="cases.consent",
                        verbose_name="consent",
                    ),
                ),
                (
                    "milestone_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.milestonetype",
                        verbose_name="leads to the standard system",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals",
                        to="offers.offer",
                        verbose_name="offer",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="referrals",
                        to="cases.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals_received",
                        to="organisations.organisation",
                        verbose_name="receiving organisation",
                    ),
                ),
                (
                    "sender",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals_sent",
                        to="organisations.organisation",
                        verbose_name="sending organisation",
                    ),
                ),
                (
                    "sender_user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
            ],
            options={
                "verbose_name": "referral",
                "verbose_name_plural": "referrals",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Notification",
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
                ("text", models.CharField(max_length=300, verbose_name="text")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="read at")),
                (
                    "emailed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="emailed at"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to="referrals.referral",
                        verbose_name="referral",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ReferralEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("status", "status"),
                            ("message", "message"),
                            ("reminder", "reminder"),
                            ("escalation", "escalation"),
                            ("consent", "consent"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "from_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("sent", "sent, awaiting response"),
                            ("waiting", "on the waiting list"),
                            ("accepted", "accepted, place allocated"),
                            ("declined", "declined"),
                            ("started", "started"),
                            ("completed", "completed"),
                            ("dropped_out", "dropped out"),
                            ("withdrawn", "withdrawn"),
                        ],
                        max_length=16,
                        verbose_name="from status",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("sent", "sent, awaiting response"),
                            ("waiting", "on the waiting list"),
                            ("accepted", "accepted, place allocated"),
                            ("declined", "declined"),
                            ("started", "started"),
                            ("completed", "completed"),
                            ("dropped_out", "dropped out"),
                            ("withdrawn", "withdrawn"),
                        ],
                        max_length=16,
                        verbose_name="to status",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="referrals.referral",
                        verbose_name="referral",
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
                        verbose_name="by",
                    ),
                ),
            ],
            options={
                "verbose_name": "referral event",
                "verbose_name_plural": "referral events",
                "ordering": ["at", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["recipient", "status"], name="referral_inbox"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["sender", "status"], name="referral_outbox"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["offer", "status"], name="referral_offer_status"),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("consent__isnull", True), ("is_anonymous", True), ("person__isnull", True)
                    ),
                    models.Q(("consent__isnull", False), ("is_anonymous", False)),
                    _connector="OR",
                ),
                name="referral_consent_unless_anonymous",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(("sender", models.F("recipient")), _negated=True),
                name="referral_between_organisations",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["user", "read_at"], name="notification_unread"),
        ),
    ]
