"""The form renderer (``FORM_RENDERER``): Django's own, with its commonest widget templates
written in Python.

Every ``<input>`` and every plain ``<select>`` of a page went through three to five template
includes (``text.html`` → ``input.html`` → ``attrs.html``; ``select.html`` → one
``select_option.html`` and one ``attrs.html`` per option). A filter with a Stadtteil list of 50
options cost several milliseconds per page that way — on a steering page as much as its figures.
:class:`PythonWidgetsRenderer` writes the same HTML, byte for byte, in Python (the test in
``teilhabe/core/tests/test_renderers.py`` renders every widget of every form of the project both
ways); any other template (textareas, radio and checkbox groups, optgroups, a widget with its
own template) still goes through Django's templates.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape as escape

_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        # Each of these is only {% include "django/forms/widgets/input.html" %}.
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "search",
        "color",
        "tel",
    )
)
_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    value = widget["value"]
    shown = "" if value is None else f' value="{escape(str(value))}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def render_select(widget: dict) -> str | None:
    """``django/forms/widgets/select.html`` with ``select_option.html`` for a select without
    option groups; None for anything else (Django's templates render it)."""
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, choices, _index in widget["optgroups"]:
        if group:
            return None
        for option in choices:
            if option["template_name"] != _OPTION:
                return None
            parts.append(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{escape(option['label'])}</option>\n"
            )  # select_option.html ends with a newline
    parts.append("\n</select>")
    return "".join(parts)


class PythonWidgetsRenderer(DjangoTemplates):
    """Django's template renderer; inputs and plain selects written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in _INPUT_TEMPLATES:
                return render_input(widget)
            if template_name == _SELECT:
                html = render_select(widget)
                if html is not None:
                    return html
        return super().render(template_name, context, request)
