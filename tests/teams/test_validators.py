"""One rule for control characters in every form (issue 18, tidy)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from casework.forms import common as casework_forms
from casework.models import Resident
from teams import forms as teams_forms
from teams.validators import no_control_characters, no_control_characters_in_a_line


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x0b", "\x0c"])
def test_control_characters_are_refused_everywhere(char):
    for validator in (no_control_characters, no_control_characters_in_a_line):
        with pytest.raises(ValidationError) as raised:
            validator(f"Mevrouw{char}Jansen")
        assert raised.value.code == "control_characters"
        assert raised.value.messages == ["Dit veld bevat tekens die niet zijn toegestaan."]


def test_text_keeps_its_line_breaks_and_tabs_a_name_does_not():
    no_control_characters("Eerste regel\r\nTweede\tregel")
    for char in "\t\n\r":
        with pytest.raises(ValidationError):
            no_control_characters_in_a_line(f"An{char}na")
    no_control_characters_in_a_line("Anna O'Brien-Çelik")


def test_both_apps_use_the_one_validator():
    assert casework_forms.no_control_characters is no_control_characters
    assert teams_forms.no_control_characters_in_a_line is no_control_characters_in_a_line
    field = casework_forms.model_field(Resident, "name")
    assert no_control_characters in field.validators
