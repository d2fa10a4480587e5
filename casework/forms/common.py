"""What the casework forms share: widgets, fields made from the model's fields (their labels,
help texts, lengths and choices), the rule that dates lie in the past, and crispy's helper.

Labels and help texts come from the models, so "Schrijf niet meer op dan nodig is." shows next
to every free-text field (crispy ties it to the field with aria-describedby).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import encryption
from teams.validators import no_control_characters

PHONE = re.compile(r"^\+?[0-9 ()\-]{6,30}$")
FUTURE = _("Deze datum ligt in de toekomst. Vul een datum van vandaag of eerder in.")
# Casework started with the 2017 pilot: a date before 2000 is a typing error (e.g. year 1).
EARLIEST = datetime.date(2000, 1, 1)


class TelInput(forms.TextInput):
    input_type = "tel"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def not_ciphertext(value: str) -> None:
    """Encrypted text may not start with the marker of our ciphertext. The field no longer
    mistakes such text for ciphertext (it decrypts only what comes from the database); this
    stays as a second line, with a clear message, against text pasted from a database dump."""
    if isinstance(value, str) and value.startswith(encryption.PREFIX):
        raise ValidationError(
            _("Begin de tekst niet met ‘%(prefix)s’."),
            code="ciphertext",
            params={"prefix": encryption.PREFIX},
        )


def not_before_earliest(value: datetime.date | None) -> None:
    if value is not None and value < EARLIEST:
        raise ValidationError(
            _("Deze datum ligt te ver terug. Vul een datum vanaf %(year)s in."),
            code="too_early",
            params={"year": EARLIEST.year},
        )


def model_field(model: type, name: str, **overrides: Any) -> forms.Field:
    """The model field's form field: its label, help text, length and choices; text refuses
    control characters, and encrypted text the rule above."""
    db_field = model._meta.get_field(name)
    field = db_field.formfield(**overrides)
    if isinstance(field, forms.CharField):
        field.validators.append(no_control_characters)
    if isinstance(db_field, encryption.EncryptedTextField):
        field.validators.append(not_ciphertext)
    return field


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date from 2000 on (see EARLIEST); whether it may lie ahead is up to each form."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(attrs={"min": EARLIEST.isoformat()}),
        validators=[not_before_earliest],
    )


def text_field(model: type, name: str, rows: int = 3, **overrides: Any) -> forms.Field:
    return model_field(model, name, widget=forms.Textarea(attrs={"rows": rows}), **overrides)


def not_in_future(form: forms.Form, name: str) -> None:
    day = form.cleaned_data.get(name)
    if day and day > timezone.localdate():
        form.add_error(name, FUTURE)


def crispy_helper(*layout: Any) -> FormHelper:
    """Crispy renders the fields only; the template owns <form> and the buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def today_as_max(*fields: forms.Field) -> None:
    for field in fields:
        field.widget.attrs["max"] = timezone.localdate().isoformat()
