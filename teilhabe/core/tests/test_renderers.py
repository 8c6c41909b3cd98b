"""The form renderer writes inputs and plain selects in Python: the same HTML, byte for byte, as
Django's own widget templates."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from teilhabe.core.renderers import PythonWidgetsRenderer

TEMPLATES = DjangoTemplates()
PYTHON = PythonWidgetsRenderer()

NASTY = "<b>\"Ä&ö'</b> ع"
VALUES = [None, "", "abc", NASTY, 0, 17, 2.5, mark_safe("<i>safe</i>"), datetime.date(2017, 5, 24)]
ATTRS = [
    {},
    {"class": "kern-form-input__input", "aria-invalid": "true", "required": True},
    {"id": "id_x", "disabled": False, "placeholder": gettext_lazy("Search"), "data-x": NASTY},
    {"maxlength": 100, "min": 0, "autofocus": True, "checked": True},
]
INPUTS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.SearchInput,
    forms.ColorInput,
    forms.TelInput,
]
CHOICES = [
    ("", gettext_lazy("all Stadtteile")),
    (1, "Altendorf"),
    ("2", NASTY),
    (None, "nichts"),
    ("x y", mark_safe("<em>ok</em>")),
]


def both(widget, name, value, attrs):
    python = widget.render(name, value, attrs, renderer=PYTHON)
    templates = widget.render(name, value, attrs, renderer=TEMPLATES)
    return python, templates


def test_it_is_the_project_renderer():
    assert isinstance(get_default_renderer(), PythonWidgetsRenderer)


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("widget_class", INPUTS, ids=lambda c: c.__name__)
def test_inputs_render_exactly_as_django_templates(widget_class, lang):
    with override(lang):
        for value in VALUES:
            for attrs in ATTRS:
                widget = widget_class(attrs={"title": "t"}) if attrs else widget_class()
                python, templates = both(widget, "feld<&>", value, attrs)
                assert python == templates, (value, attrs)


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize(
    "widget_class", [forms.Select, forms.SelectMultiple, forms.NullBooleanSelect]
)
def test_selects_render_exactly_as_django_templates(widget_class, lang):
    selected = [None, "", 1, "1", "2", ["1", "x y"], [None], "unknown", True, False]
    with override(lang):
        for value in selected:
            if widget_class is forms.NullBooleanSelect and isinstance(value, list):
                continue
            for attrs in ATTRS:
                if widget_class is forms.NullBooleanSelect:
                    widget = widget_class()
                else:
                    widget = widget_class(choices=CHOICES)
                python, templates = both(widget, "bezirk", value, attrs)
                assert python == templates, (value, attrs)


def test_option_groups_and_own_option_templates_go_through_the_templates():
    grouped = forms.Select(choices=[("Bezirk I", [(1, "Stadtkern"), (2, "Ostviertel")])])
    assert both(grouped, "g", 1, {}) == (grouped.render("g", 1, {}, TEMPLATES),) * 2
    assert "<optgroup" in grouped.render("g", 1, {}, PYTHON)

    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    own = OwnOption(choices=CHOICES)
    python, templates = both(own, "o", "1", {})
    assert python == templates


def test_other_widgets_go_through_the_templates():
    for widget in (
        forms.Textarea(),
        forms.RadioSelect(choices=CHOICES),
        forms.CheckboxSelectMultiple(choices=CHOICES),
        forms.ClearableFileInput(),
        forms.SplitDateTimeWidget(),
    ):
        python, templates = both(widget, "w", None, {"id": "id_w"})
        assert python == templates


def test_every_form_field_of_the_finder_and_the_steering_filter_renders_the_same(db):
    """Real forms, bound with bad values (errors, aria attributes) and with good ones."""
    from teilhabe.core.templatetags.teilhabe_forms import kern_widget
    from teilhabe.public.finder import finder_filters
    from teilhabe.steering.forms import FilterForm

    forms_ = [
        finder_filters({}, language="de").form,
        finder_filters({"q": "<b>&", "alter": "x", "kostenlos": "vielleicht"}, language="de").form,
        FilterForm(None, initial={"von": datetime.date(2017, 1, 1)}),
        FilterForm({"von": "2017-13-01", "bis": "x", "bezirk": "?", "stadtteil": ""}),
    ]
    for form in forms_:
        form.is_valid()
        for bound in form:
            python = str(kern_widget(bound))
            bound.form.renderer = TEMPLATES
            templates = str(kern_widget(bound))
            bound.form.renderer = PYTHON
            assert python == templates, bound.name
