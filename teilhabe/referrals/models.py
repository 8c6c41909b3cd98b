"""Referrals (Vermittlungen) between organisations, their timeline, and notifications.

A referral passes a person (or, without consent, an anonymous request) from a sending
organisation to a receiving one — to an offer or to the organisation's service. The receiver
never sees the person's record: it sees the ``shared`` snapshot that the sender chose, copied
at sending time under a recorded consent, and cleared again when the consent is revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.cases.models import Case, Consent, DataCategory, MilestoneType, Person
from teilhabe.core.models import CodedModel
from teilhabe.offers.models import Offer
from teilhabe.organisations.models import Organisation


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent, awaiting response")
    WAITING = "waiting", _("on the waiting list")
    ACCEPTED = "accepted", _("accepted, place allocated")
    DECLINED = "declined", _("declined")
    STARTED = "started", _("started")
    COMPLETED = "completed", _("completed")
    DROPPED_OUT = "dropped_out", _("dropped out")
    WITHDRAWN = "withdrawn", _("withdrawn")


S = ReferralStatus
# Which status may follow which, and who moves it: "receiver" or "sender".
TRANSITIONS: dict[str, dict[str, str]] = {
    S.SENT: {
        S.ACCEPTED: "receiver",
        S.WAITING: "receiver",
        S.DECLINED: "receiver",
        S.WITHDRAWN: "sender",
    },
    S.WAITING: {S.ACCEPTED: "receiver", S.DECLINED: "receiver", S.WITHDRAWN: "sender"},
    S.ACCEPTED: {S.STARTED: "receiver", S.DROPPED_OUT: "receiver", S.WITHDRAWN: "sender"},
    S.STARTED: {S.COMPLETED: "receiver", S.DROPPED_OUT: "receiver"},
}
OPEN_STATUSES = (S.SENT, S.WAITING, S.ACCEPTED, S.STARTED)
# Statuses in which the referral holds one of the offer's places.
HOLDS_PLACE = (S.ACCEPTED, S.STARTED)


class SharedField(models.TextChoices):
    """What the sender may share with the receiver (with consent only)."""

    NAME = "name", _("name")
    BIRTH = "birth", _("date of birth")
    CONTACT = "contact", _("phone and e-mail")
    ADDRESS = "address", _("address")
    LANGUAGES = "languages", _("languages and interpreter need")
    RESIDENCE = "residence", _("residence status")
    BACKGROUND = "background", _("school and work background")


# The consent's data category each shared field belongs to (a consent that records its
# categories must cover every field a referral passes on).
SHARED_FIELD_CATEGORY: dict[str, str] = {
    SharedField.NAME: DataCategory.IDENTITY,
    SharedField.BIRTH: DataCategory.IDENTITY,
    SharedField.CONTACT: DataCategory.CONTACT,
    SharedField.ADDRESS: DataCategory.CONTACT,
    SharedField.LANGUAGES: DataCategory.LANGUAGES,
    SharedField.RESIDENCE: DataCategory.RESIDENCE,
    SharedField.BACKGROUND: DataCategory.BACKGROUND,
}


class Referral(CodedModel):
    sender = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("sending organisation"),
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving organisation"),
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("offer"),
    )
    # The sender's side; the receiver never reaches these through the referral.
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("case"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("person"),
    )
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    milestone_type = models.ForeignKey(
        MilestoneType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leads to the standard system"),
    )
    is_anonymous = models.BooleanField(_("anonymous request"), default=False)
    shared_fields = models.JSONField(_("shared fields"), default=list, blank=True)
    # What the receiver sees of the person: a copy of the shared fields, made when sending.
    shared = models.JSONField(_("shared data"), default=dict, blank=True)
    # Not identifying, needed for allocation: age, woman, languages, Stadtteil, childcare.
    profile = models.JSONField(_("profile for allocation"), default=dict, blank=True)
    urgency = models.JSONField(_("urgency"), default=list, blank=True)
    message = models.TextField(_("message to the receiver"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    response_due = models.DateField(_("response due"))
    responded_at = models.DateTimeField(_("first response"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to team lead"), null=True, blank=True)
    waiting_since = models.DateField(_("waiting since"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "status"], name="referral_inbox"),
            models.Index(fields=["sender", "status"], name="referral_outbox"),
            models.Index(fields=["offer", "status"], name="referral_offer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=True, person__isnull=True, consent__isnull=True)
                | Q(is_anonymous=False, consent__isnull=False),
                name="referral_consent_unless_anonymous",
            ),
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="referral_between_organisations"
            ),
        ]

    def __str__(self) -> str:
        target = self.offer.title if self.offer_id else str(self.recipient)
        return f"{self.display_name} → {target}"

    @property
    def display_name(self) -> str:
        if self.is_anonymous or "name" not in self.shared:
            return str(_("Anonymous request"))
        return self.shared["name"]

    @property
    def audit_organisation_id(self) -> int:
        return self.sender_id

    @property
    def person_code_for_audit(self) -> str:
        return str(self.person.code) if self.person_id else ""

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE


class EventKind(models.TextChoices):
    STATUS = "status", _("status")
    MESSAGE = "message", _("message")
    REMINDER = "reminder", _("reminder")
    ESCALATION = "escalation", _("escalation")
    CONSENT = "consent", _("consent")


class ReferralEvent(models.Model):
    """One step on a referral's timeline (status change, message, reminder)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, blank=True, verbose_name=_("to status")
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d.%m.%Y %H:%M}"


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", _("e-mail for each notification")
    DIGEST = "digest", _("one e-mail a day (digest)")
    NONE = "none", _("in the application only")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    mode = models.CharField(
        _("e-mail"), max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return self.get_mode_display()


class Notification(CodedModel):
    """An in-app notification. Its text names organisations and offers, never persons."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("referral"),
    )
    text = models.CharField(_("text"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
