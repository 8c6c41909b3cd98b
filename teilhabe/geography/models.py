"""A city's geography: its boroughs (Stadtbezirke) and districts (Stadtteile).

Shapes are GeoJSON polygons stored as JSON with a bounding box, so that placing a point needs
no spatial database (see :mod:`teilhabe.geography.services`). Nothing here is specific to one city:
any city is loaded from GeoJSON with ``manage.py load_geography``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import CodedModel


class Municipality(CodedModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    official_key = models.CharField(_("official municipality key (AGS)"), max_length=12, blank=True)
    state = models.CharField(_("federal state"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(CodedModel):
    """Fields shared by boroughs and districts."""

    name = models.CharField(_("name"), max_length=120)
    geometry = models.JSONField(_("shape (GeoJSON geometry, WGS 84)"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area in km²"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    min_lon = models.FloatField(_("westernmost longitude"), null=True, blank=True, editable=False)
    min_lat = models.FloatField(_("southernmost latitude"), null=True, blank=True, editable=False)
    max_lon = models.FloatField(_("easternmost longitude"), null=True, blank=True, editable=False)
    max_lat = models.FloatField(_("northernmost latitude"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Borough(Area):
    """Stadtbezirk."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="boroughs",
        verbose_name=_("municipality"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    roman = models.CharField(_("number (Roman)"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("borough (Stadtbezirk)")
        verbose_name_plural = _("boroughs (Stadtbezirke)")
        ordering = ["municipality", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="borough_number_unique"
            ),
            models.UniqueConstraint(fields=["municipality", "name"], name="borough_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.roman or self.number} {self.name}"


class District(Area):
    """Stadtteil."""

    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, related_name="districts", verbose_name=_("borough")
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)

    class Meta:
        verbose_name = _("district (Stadtteil)")
        verbose_name_plural = _("districts (Stadtteile)")
        ordering = ["borough__number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "name"], name="district_name_unique"),
        ]
