"""Shared form helpers: service errors onto forms, fields that are required only sometimes.

Every form page shows its errors the same way (see ``docs/development.md``, "Forms"):

* the view puts a service's ``ValidationError`` onto the form with :func:`add_service_error`
  (or ``form.add_service_error(exc)`` on forms with :class:`ServiceErrorsMixin`) and renders
  the page again with the bound form (status 400), never a redirect with a flash message;
* the template shows ``{% error_summary form %}`` (``includes/form_errors.html``) right below
  the page's heading: a KERN alert that lists every error and links to its field;
* ``includes/field.html`` marks the field (``aria-invalid``, ``aria-describedby``) and keeps
  the input; a ``<details>`` holding a form with errors is rendered open.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_error(form: forms.BaseForm, exc: ValidationError, field: str | None = None):
    """Put ``exc`` onto ``form``: a message for a field the form has goes to that field, all
    others to ``field`` (when given and present) or to the form as a whole."""
    fallback = field if field in form.fields else None
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else fallback
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(fallback, exc)


class ServiceErrorsMixin:
    """``form.add_service_error(exc, field=None)`` for forms whose data goes to a service."""

    def add_service_error(self, exc: ValidationError, field: str | None = None) -> None:
        add_service_error(self, exc, field)


def conditionally_required(form_field: forms.Field) -> forms.Field:
    """Mark a field that is not always required (e.g. "required for a rejection"): it is not
    labelled "optional", since for some entries it is not."""
    form_field.conditionally_required = True
    return form_field


class FilterForm(forms.Form):
    """A list's filter, read from the query string (GET).

    A parameter left out means the field's ``initial`` (the list's default view). A bad value is
    never ignored silently: the form is invalid, the page shows ``{% error_summary form %}`` and
    the marked field with the input kept, and :meth:`values` gives the default for that field so
    the list below still shows something sensible.
    """

    def __init__(self, data=None, **kwargs):
        super().__init__(data or None, **kwargs)
        if self.is_bound:
            merged = self.data.copy()
            for name, form_field in self.fields.items():
                initial = self.get_initial_for_field(form_field, name)
                if name not in merged and initial not in (None, ""):
                    merged[name] = str(initial)
            self.data = merged

    def values(self) -> dict:
        """The chosen filters: valid values as cleaned, defaults for missing or bad ones."""
        defaults = {n: self.get_initial_for_field(f, n) for n, f in self.fields.items()}
        if not self.is_bound:
            return defaults
        self.is_valid()
        return {n: self.cleaned_data.get(n, defaults[n]) for n in self.fields}
