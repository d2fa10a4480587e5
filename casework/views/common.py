"""What the case views share: a service's errors on the form, and links into a file."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.urls import reverse

from casework.models import Resident


def add_service_error(form: Form, error: ValidationError, rename: dict | None = None) -> None:
    """Put a service's ValidationError on the form: at the field it names, else on top."""
    rename = rename or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = rename.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def case_url(resident: Resident, anchor: str = "") -> str:
    url = reverse("casework:resident_detail", args=[resident.pk])
    return f"{url}#{anchor}" if anchor else url
