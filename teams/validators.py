"""Validators every app's forms share.

Control characters (a null byte, a bell, an escape) have no place in anything a person types:
they break exports, logs and PDFs, and hide text. One rule for every form: `teams` (names of
people and teams) and `casework` (a resident's file) use the same validator. Text that may run
over several lines keeps its tabs and line breaks; a one-line value (a name) refuses those too.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTERS_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f]")


@deconstructible
class ControlCharacterValidator:
    message = _("Dit veld bevat tekens die niet zijn toegestaan.")
    code = "control_characters"

    def __init__(self, *, single_line: bool = False) -> None:
        self.single_line = single_line

    def __call__(self, value: Any) -> None:
        pattern = CONTROL_CHARACTERS_IN_A_LINE if self.single_line else CONTROL_CHARACTERS
        if isinstance(value, str) and pattern.search(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ControlCharacterValidator) and self.single_line == other.single_line
        )


no_control_characters = ControlCharacterValidator()
no_control_characters_in_a_line = ControlCharacterValidator(single_line=True)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with an error message of our own: Django 5.2 changed the message's text and
    its Dutch catalogue does not have the new one, so a short password was refused in English
    on a Dutch page."""

    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}
