"""Form fields shared by every app."""

from django import forms
from django.core.exceptions import ValidationError


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids beyond 64 bits as an invalid choice before they reach the database (SQLite
    would raise OverflowError on them: a 500 instead of a form error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number: Django itself reports it as an invalid value
            if abs(number) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
