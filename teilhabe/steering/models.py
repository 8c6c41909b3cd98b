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


class Level(models.TextChoices):
    """Whose page a rollup row serves: the whole city, one Bezirk or one Stadtteil."""

    CITY = "city", _("whole city")
    BOROUGH = "borough", _("Bezirk")
    DISTRICT = "district", _("Stadtteil")


class BarrierMonth(models.Model):
    """Structural barriers recorded for one institution and kind in one month, counted for
    one area (the whole city, a Bezirk or a Stadtteil, by the Stadtteil of the case's
    household) — the level each page reads, so a city page adds up a few hundred rows (per
    quarter, in SQL)."""

    month = models.DateField(_("month (first day)"))
    # The month's quarter, stored so that a page adds months up to quarters in SQL.
    quarter = models.DateField(_("quarter (first day)"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    area_id = models.IntegerField(_("Bezirk or Stadtteil"), null=True, blank=True)
    institution_id = models.IntegerField(_("institution"))
    category_id = models.IntegerField(_("kind of barrier"))
    count = models.PositiveIntegerField(_("number of barriers"), default=0)

    class Meta:
        verbose_name = _("structural barriers per month")
        verbose_name_plural = _("structural barriers per month")
        indexes = [
            models.Index(fields=["level", "area_id", "month"], name="steering_barrier_area_month")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.level} {self.area_id} {self.institution_id}/{self.category_id}"


class MilestoneMonth(models.Model):
    """Persons whose first contact (the opening of their household's first case) lies in one
    month, living in one area (the whole city, a Bezirk or a Stadtteil, by their address).
    ``type_id`` empty: ``count`` is the number of such persons; otherwise the number who
    reached that milestone, how many days after the first contact (``days``: the days
    ascending and the persons for each, ``[[0, 92], [3, 1]]``, read by
    :class:`~teilhabe.steering.tables.Histograms`) and how many within 6, 12 and 24 months. Each month's rows are also
    added up per quarter (``span`` 3, ``month`` its first day): a page reads the quarters its
    period covers whole and the months of the quarters it cuts."""

    month = models.DateField(_("month of the first contact (first day)"))
    span = models.PositiveSmallIntegerField(
        _("months of first contact (1, or 3: the quarter from month on)"), default=1
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    area_id = models.IntegerField(_("Bezirk or Stadtteil"), null=True, blank=True)
    type_id = models.IntegerField(_("milestone type"), null=True, blank=True)
    count = models.PositiveIntegerField(_("persons"), default=0)
    within_6 = models.PositiveIntegerField(_("within 6 months"), default=0)
    within_12 = models.PositiveIntegerField(_("within 12 months"), default=0)
    within_24 = models.PositiveIntegerField(_("within 24 months"), default=0)
    days = models.JSONField(
        _("days to reach it ([days ascending, persons for each])"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("milestones per cohort month")
        verbose_name_plural = _("milestones per cohort month")
        indexes = [
            models.Index(fields=["level", "area_id", "month"], name="steering_ms_area_month")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.level} {self.area_id} {self.type_id}"


class ReferralMonth(models.Model):
    """Referrals sent in one month that a page of one area counts (the whole city; a Bezirk or
    a Stadtteil when the offer's or the person's Stadtteil lies in it), by one dimension:
    ``total`` (key empty), ``category`` or ``provider`` (key: the name), ``offer`` or
    ``person`` (key: the Stadtteil id, empty when unknown)."""

    month = models.DateField(_("month sent (first day)"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    area_id = models.IntegerField(_("Bezirk or Stadtteil"), null=True, blank=True)
    dimension = models.CharField(_("dimension"), max_length=10)
    key = models.CharField(_("key"), max_length=300, blank=True)
    total = models.PositiveIntegerField(_("referrals"), default=0)
    answered = models.PositiveIntegerField(_("answered"), default=0)
    accepted = models.PositiveIntegerField(_("accepted"), default=0)
    statuses = models.JSONField(_("per status"), default=dict, blank=True)
    response_days = models.JSONField(
        _("working days to first response (days → referrals)"), default=dict, blank=True
    )
    waiting_days = models.JSONField(
        _("days on the waiting list (days → referrals)"), default=dict, blank=True
    )

    class Meta:
        verbose_name = _("referrals per month")
        verbose_name_plural = _("referrals per month")
        indexes = [
            models.Index(fields=["level", "area_id", "month"], name="steering_ref_area_month")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.level} {self.area_id} {self.dimension} {self.key}"


class DailyCount(models.Model):
    """City-wide counts per day for the council report: milestones reached (key: type key),
    referrals sent (key: current status), structural barriers per institution and per kind
    (key: id)."""

    day = models.DateField(_("day"))
    measure = models.CharField(_("measure"), max_length=30)
    key = models.CharField(_("key"), max_length=100, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("count per day")
        verbose_name_plural = _("counts per day")
        indexes = [models.Index(fields=["measure", "day"], name="steering_daily_measure_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.measure} {self.key}"


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
