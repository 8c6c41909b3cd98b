"""Residence warnings for the person and case pages of case management."""

from __future__ import annotations

from django import template

from teilhabe.housing.selectors import residence_warnings

register = template.Library()


@register.simple_tag
def residence_warnings_for(*persons):
    """Warnings for one person or for the members of a household (a list)."""
    flat = []
    for p in persons:
        flat.extend(p if isinstance(p, list | tuple) else [p])
    return residence_warnings(flat)
