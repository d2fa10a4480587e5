"""What the case views share: a service's errors on the form, links into a file, and the read
event of every page that shows a resident's data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.forms import Form
from django.urls import reverse

from casework import services
from casework.constants import AuditAction
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


class ReadAuditMixin:
    """A page that shows one resident's data writes one read event with the actor, each time
    it is shown: on a GET and when a form comes back with errors (both build the context).

    The event is written before the rest of the context is built, so a page that lists the
    resident's events (the access report) lists this read too. Set `read_subject` to the
    Dutch word stored in the log (labelled in `casework.avg.SUBJECT_LABELS`)."""

    read_subject: str = ""
    resident: Resident

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if not self.read_subject:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a read_subject")
        services.audit(self.resident, self.request.user, AuditAction.READ, self.read_subject)
        return super().get_context_data(**kwargs)
