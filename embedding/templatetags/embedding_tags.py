from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

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


@register.filter
def change_lines(change: Any) -> list[tuple[str, str, str]]:
    """A change's fields as (label, from, to), in a fixed order."""
    return [(_label(name), old, new) for name, (old, new) in change.changes.items()]
