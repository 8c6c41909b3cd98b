"""The audit log: one append-only row for every read and change of personal data.

Rows are never updated or deleted — not through the ORM (``save`` of an existing row,
``delete``, ``QuerySet.update`` and ``QuerySet.delete`` raise) and, on PostgreSQL, not in SQL
either (a trigger refuses UPDATE and DELETE, see migration 0002). Entries name records by their
``code`` and never repeat names or other personal data, so they can outlive the records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.audit import display
from teilhabe.core.models import CodedModel


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    SHARE = "share", _("shared")
    REVOKE = "revoke", _("revoked")
    MERGE = "merge", _("merged")
    ANONYMISE = "anonymise", _("anonymised")
    SEARCH = "search", _("searched")


class AuditEntry(CodedModel):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text so the entry stays readable whatever happens to the account.
    user_label = models.CharField(_("user"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation of the record"),
    )
    action = models.CharField(_("what"), max_length=16, choices=AuditAction.choices)
    record_type = models.CharField(_("record type"), max_length=60)
    record_code = models.CharField(_("record"), max_length=40, blank=True, db_index=True)
    person_code = models.CharField(_("person"), max_length=40, blank=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.record_type}"

    # What a reader sees (teilhabe/audit/display.py): names and details in their language.
    @property
    def detail_display(self) -> str:
        return display.detail_label(self.detail)

    @property
    def record_type_display(self) -> str:
        return display.record_type_label(self.record_type)

    @property
    def user_display(self) -> str:
        return display.user_label(self.user_label)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")
