import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_token() -> str:
    """A fresh token for one headcount form (recorded once by the server)."""
    return str(uuid.uuid4())
