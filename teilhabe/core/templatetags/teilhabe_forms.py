"""Renders form widgets with the KERN UX classes and the ARIA links to hints and errors."""

from django import forms, template

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
        widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return "select"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    return "input"


@register.filter
def kern_widget(bound_field):
    kind = widget_type(bound_field)
    css = {
        "checkbox": "kern-form-check__checkbox",
        "select": "kern-form-input__select",
        "choices": "",
        "input": "kern-form-input__input",
    }[kind]
    if bound_field.errors and css:
        css += f" {css}--error"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_hint")
    attrs = {"class": css} if css else {}
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)
