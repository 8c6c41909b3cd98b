from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value) -> str:
    """3516729 → "3.516.729,00 €" (German) – exact to the cent, never through float."""
    if value is None or value == "":
        return ""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)}\u00a0€"


@register.filter
def decimal2(value) -> str:
    if value is None or value == "":
        return ""
    return number_format(Decimal(str(value)), 2, use_l10n=True, force_grouping=True)


@register.filter
def figure(value) -> str:
    """A count for steering views: "1.234", or "< 5" when small (see teilhabe.steering.suppression)."""
    from teilhabe.steering.suppression import Figure, suppress

    if isinstance(value, Figure):
        return str(value)
    if value is None or value == "":
        return ""
    return str(suppress(int(value)))


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    """``{% may "ALLOCATE_PLACES" as may_allocate %}``: whether the user may do an action
    (name of a ``teilhabe.access.Action`` constant), so pages link only to what opens."""
    from teilhabe.access import Action, can

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user and can(user, getattr(Action, action), obj))
