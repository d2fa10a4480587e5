from __future__ import annotations

from functools import cache
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from embedding.constants import Status
from embedding.models import Condition

register = template.Library()


def _label(name: str) -> str:
    if name == "created":
        return _("Aangemaakt")
    if name == "evidence":
        return _("Gekoppeld aan")
    try:
        return str(Condition._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


@cache
def _status_by_dutch_label() -> dict[str, str]:
    with translation.override("nl"):
        return {str(label): value for value, label in Status.choices}


def _value(name: str, value: str) -> str:
    """The history keeps a status as it read then (in Dutch): shown in the reader's language."""
    if name == "status" and value in _status_by_dutch_label():
        return str(Status(_status_by_dutch_label()[value]).label)
    return value


@register.filter
def change_lines(change: Any) -> list[tuple[str, str, str, bool]]:
    """A change's fields as (label, from, to, as typed), in a fixed order. A status is ours
    (shown translated); the other values are what people (or the national list) wrote."""
    return [
        (_label(name), _value(name, old), _value(name, new), name != "status")
        for name, (old, new) in change.changes.items()
    ]
