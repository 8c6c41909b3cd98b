"""Serializers of the open API: plain, read-only, German source texts plus the requested language."""

from __future__ import annotations

from django.db.models import Manager
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.offers.models import Category, Location, Offer
from teilhabe.offers.selectors import PUBLIC_LOCATION_FIELDS
from teilhabe.organisations.models import Organisation

# --- one plan per serializer class instead of DRF's field machinery per request --------------
#
# DRF builds a ModelSerializer's fields from the model on every request and converts each value
# through several layers; for a page of offers that is most of an uncached answer's time.
# ``Planned`` builds, once per class, a plan from the very fields DRF would use (same names,
# order, sources and conversions) and applies it directly. Output is identical (tested against
# DRF's own ``to_representation`` in teilhabe/api/tests/test_api.py).

_PLAIN = {
    serializers.CharField: str,
    serializers.EmailField: str,
    serializers.URLField: str,
    serializers.SlugField: str,
    serializers.IntegerField: int,
    serializers.FloatField: float,
    serializers.BooleanField: bool,
}


def _plan_of(serializer) -> list[tuple]:
    plan = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if isinstance(field, serializers.SerializerMethodField):
            plan.append((name, "method", field.method_name, None))
            continue
        attrs = tuple(field.source_attrs)
        if isinstance(field, serializers.ListSerializer):
            plan.append((name, "many", attrs, _plan_of(field.child)))
        elif isinstance(field, serializers.Serializer):
            plan.append((name, "one", attrs, _plan_of(field)))
        elif type(field) is serializers.UUIDField and field.uuid_format == "hex_verbose":
            plan.append((name, "value", attrs, str))
        elif type(field) is serializers.ListField and type(field.child) in _PLAIN:
            convert = _PLAIN[type(field.child)]
            plan.append((name, "value", attrs, lambda v, c=convert: [c(x) for x in v]))
        else:
            plan.append((name, "value", attrs, _PLAIN.get(type(field), field.to_representation)))
    return plan


def _apply(plan, instance, serializer) -> dict:
    result = {}
    for name, kind, how, sub in plan:
        if kind == "method":
            result[name] = getattr(serializer, how)(instance)
            continue
        value = instance
        for attr in how:
            value = getattr(value, attr)
            if value is None:
                break
        if value is None:
            result[name] = None
        elif kind == "value":
            result[name] = sub(value)
        elif kind == "one":
            result[name] = _apply(sub, value, serializer)
        else:
            items = value.all() if isinstance(value, Manager) else value
            result[name] = [_apply(sub, item, serializer) for item in items]
    return result


class Planned:
    """Mixin for a read-only serializer: represent with a plan built once per class."""

    @classmethod
    def _plan(cls) -> list[tuple]:
        plan = cls.__dict__.get("_plan_cache")
        if plan is None:
            plan = _plan_of(cls())
            cls._plan_cache = plan
        return plan

    def to_representation(self, instance):
        return _apply(self._plan(), instance, self)


class CategorySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="code")
    parent = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    names = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = Category
        fields = ["id", "key", "name", "names", "parent"]


class OrganisationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="code")

    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "street", "postcode", "city", "website"]


class LocationSerializer(Planned, serializers.ModelSerializer):
    id = serializers.UUIDField(source="code")
    organisation = serializers.UUIDField(source="organisation.code")
    district = serializers.CharField(source="district.name")
    borough = serializers.CharField(source="district.borough.name")
    borough_number = serializers.IntegerField(source="district.borough.number")

    class Meta:
        model = Location
        # one declaration with the selectors' columns (teilhabe.offers.selectors)
        fields = [
            "id",
            "organisation",
            *(
                f
                for name in PUBLIC_LOCATION_FIELDS
                for f in (
                    ("district", "borough", "borough_number") if name == "district" else (name,)
                )
            ),
        ]


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
        "example": "09:00",
        "description": "Uhrzeit (Ortszeit) als HH:MM",
    }
)
class ClockTimeField(serializers.TimeField):
    """A time of day as "09:00" — not ``format: time`` (RFC 3339 wants seconds and an offset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class ScheduleSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(allow_null=True, help_text="0 = Monday … 6 = Sunday")
    date = serializers.DateField(allow_null=True)
    starts_at = ClockTimeField()
    ends_at = ClockTimeField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    pauses_in_school_holidays = serializers.BooleanField()


class OfferSerializer(Planned, serializers.ModelSerializer):
    """An offer; ``title``/``summary``/``description`` are in the requested language where a
    current translation exists (``language`` says which), else German."""

    id = serializers.UUIDField(source="code")
    language = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    organisation = OrganisationSerializer()
    category = serializers.CharField(source="category.key")
    # prefetched as lists by the views (teilhabe.api.views._offer_queryset)
    locations = LocationSerializer(many=True, source="shown_locations")
    schedules = ScheduleSerializer(many=True, source="shown_schedules")
    languages = serializers.ListField(child=serializers.CharField())
    cost = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "language",
            "organisation",
            *Offer.PUBLIC_FIELDS,
            "locations",
            "schedules",
            "updated_at",
        ]

    def _text(self, obj):
        from teilhabe.public.finder import text_of

        cache = self.context.setdefault("_texts", {})
        if obj.pk not in cache:
            cache[obj.pk] = text_of(obj, self.context.get("lang", "de"))
        return cache[obj.pk]

    def get_language(self, obj) -> str:
        return self._text(obj).language

    def get_title(self, obj) -> str:
        return self._text(obj).title

    def get_summary(self, obj) -> str:
        return self._text(obj).summary

    def get_description(self, obj) -> str:
        return self._text(obj).description
