"""Model building blocks shared by every app."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodedModel(models.Model):
    """A row that URLs and APIs name by an unguessable UUID ``code``, never by its primary key
    (outsiders learn nothing from counting ids)."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
