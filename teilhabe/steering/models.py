"""Rollups: the figures of the steering pages, pre-aggregated by the worker
(:mod:`teilhabe.steering.rollups`), so that a page reads a few thousand rows instead of every
case, person and note of the city. No row names a person; small numbers are suppressed when a
page shows them, as before."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseworkDay(models.Model):
    """One Stadtteil (or none: address unknown) on one day: persons and households in case
    work at the end of the day, cases opened and closed that day."""

    day = models.DateField(_("day"))
    district = models.ForeignKey(
        "geography.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("district (Stadtteil)"),
    )
    persons = models.PositiveIntegerField(_("persons in case work (their address)"), default=0)
    persons_by_household = models.PositiveIntegerField(
        _("persons in case work (their household's Stadtteil)"), default=0
    )
    households = models.PositiveIntegerField(_("households in case work"), default=0)
    opened = models.PositiveIntegerField(_("cases opened"), default=0)
    closed = models.PositiveIntegerField(_("cases closed"), default=0)

    class Meta:
        verbose_name = _("case work per day and Stadtteil")
        verbose_name_plural = _("case work per day and Stadtteil")
        indexes = [models.Index(fields=["day", "district"], name="steering_cw_day_district")]

    def __str__(self) -> str:
        return f"{self.day} {self.district_id}"


class BarrierMonth(models.Model):
    """Structural barriers recorded for one institution, kind and Stadtteil (of the case's
    household) in one month (the pages add months up to quarters)."""

    month = models.DateField(_("month (first day)"))
    district = models.ForeignKey(
        "geography.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("district (Stadtteil)"),
    )
    institution_id = models.IntegerField(_("institution"))
    category_id = models.IntegerField(_("kind of barrier"))
    count = models.PositiveIntegerField(_("number of barriers"), default=0)

    class Meta:
        verbose_name = _("structural barriers per month")
        verbose_name_plural = _("structural barriers per month")
        indexes = [models.Index(fields=["month"], name="steering_barrier_month")]

    def __str__(self) -> str:
        return f"{self.month} {self.institution_id}/{self.category_id}"


class RollupState(models.Model):
    """When each rollup was last rebuilt, how long it took and how many rows it has."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))
    covers_until = models.DateField(_("covers days up to"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    seconds = models.FloatField(_("duration (seconds)"), default=0)

    class Meta:
        verbose_name = _("rollup state")
        verbose_name_plural = _("rollup states")

    def __str__(self) -> str:
        return self.name
