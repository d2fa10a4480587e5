"""Template helpers of the trainings app."""

import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_token() -> str:
    """A fresh token for one tap in the room: the server records each token once."""
    return str(uuid.uuid4())


@register.filter
def display_name(user) -> str:
    """A user's name as colleagues know it ('' for no user)."""
    return user.display_name if user else ""
