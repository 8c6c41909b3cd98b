"""Renders form widgets with the KERN UX classes, the ARIA links to hints and errors, and the
error summary of a page (see ``teilhabe.core.forms``)."""

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
def is_optional(bound_field) -> bool:
    """Labelled "optional": not required, not a single checkbox (a box is never required to be
    ticked) and not required only for some entries (``conditionally_required``)."""
    field = bound_field.field
    return not (
        field.required
        or isinstance(field.widget, forms.CheckboxInput)
        or getattr(field, "conditionally_required", False)
    )


def _input_id(bound_field) -> str:
    """The id of the element a link to the field should reach: the first box of a group of
    choices (the group's fieldset when it has none), else the input itself."""
    if widget_type(bound_field) == "choices":
        boxes = bound_field.subwidgets
        return boxes[0].id_for_label if boxes else bound_field.auto_id
    return bound_field.id_for_label or bound_field.auto_id


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


def _entries(form, *, link_form_errors: bool = False) -> list[dict]:
    """Every error of a form or formset: text, and the anchor of its field (if visible).
    Errors of a whole form in a formset link to its first field."""
    if form is None or form == "":
        return []
    if isinstance(form, dict):
        form = list(form.values())
    if isinstance(form, list | tuple):
        return [entry for item in form for entry in _entries(item)]
    entries: list[dict] = []
    if isinstance(form, forms.BaseFormSet):
        if not form.is_bound:
            return []
        entries += [{"text": e, "href": ""} for e in form.non_form_errors()]
        for sub in form.forms:
            entries += _entries(sub, link_form_errors=True)
        return entries
    if not getattr(form, "is_bound", False) or not form.errors:
        return []
    visible = form.visible_fields()
    first = f"#{_input_id(visible[0])}" if link_form_errors and visible else ""
    entries += [{"text": e, "href": first} for e in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            href = "" if bound_field.is_hidden else f"#{_input_id(bound_field)}"
            entries.append({"text": error, "label": bound_field.label, "href": href})
    for bound_field in form.hidden_fields():
        for error in bound_field.errors:
            if not any(e["text"] == error and not e["href"] for e in entries):
                entries.append({"text": error, "label": bound_field.label, "href": ""})
    return entries


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_on_page, filters: bool = False):
    """``{% error_summary form other_form formset %}``: one KERN error summary for all bound
    forms of the page that have errors, each error linking to its field. ``filters=True`` for
    a list's filter (GET): the heading then says that the list does not use the bad value."""
    entries = []
    for form in forms_on_page:
        entries += _entries(form)
    return {"entries": entries, "filters": filters}


@register.filter
def has_errors(form) -> bool:
    """True for a bound form or formset with errors (to open its ``<details>``)."""
    return bool(_entries(form))
