"""Form fields shared by every app."""

from django import forms
from django.core.exceptions import ValidationError


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids beyond 64 bits as an invalid choice before they reach the database (SQLite
    would raise OverflowError on them: a 500 instead of a form error)."""

    def _check_values(self, value):
        for pk in value:
            if _beyond_64_bits(pk):  # not a number at all: Django itself reports it
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def _beyond_64_bits(value) -> bool:
    try:
        return abs(int(str(value))) >= 2**63
    except ValueError:
        return False


class BoundedModelChoiceField(forms.ModelChoiceField):
    """The single-choice twin of BoundedModelMultipleChoiceField."""

    def to_python(self, value):
        if value not in self.empty_values and _beyond_64_bits(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)
