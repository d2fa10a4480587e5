"""The English catalogue is complete and compiled; makemessages leaves nothing to translate.

makemessages needs xgettext (Debian's `gettext`): without it these tests are skipped locally,
and fail under CI=true (.ci/run installs it).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from teams.management.commands import translations
from tests.conftest import IN_CI

PO = Path(settings.BASE_DIR) / translations.LOCALE / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")

needs_gettext = pytest.mark.skipif(
    not shutil.which("xgettext") and not IN_CI, reason="xgettext missing (Debian's gettext)"
)


def test_every_entry_has_an_english_text_with_the_same_placeholders():
    po = polib.pofile(str(PO))
    assert not translations.problems(po)
    for entry in po:
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in texts:
            assert set(PLACEHOLDER.findall(text)) <= wanted, entry.msgid
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(text)) == wanted, entry.msgid


def test_english_is_there_when_chosen_and_dutch_is_the_default():
    with translation.override("en"):
        assert translation.gettext("Inloggen") == "Log in"
    with translation.override("nl"):
        assert translation.gettext("Inloggen") == "Inloggen"


@needs_gettext
def test_makemessages_leaves_no_untranslated_entry_and_the_mo_is_current():
    call_command("translations", check=True)


@needs_gettext
def test_the_check_finds_a_new_untranslated_text(tmp_path):
    root = Path(settings.BASE_DIR)
    translations._copy_sources(root, tmp_path)
    (tmp_path / "templates" / "nieuw.html").write_text(
        '{% load i18n %}{% translate "Een tekst die nog niemand vertaalde" %}'
    )
    translations.Command.makemessages(tmp_path)
    found = translations.problems(polib.pofile(str(tmp_path / translations.LOCALE / "django.po")))
    assert found == ["untranslated: 'Een tekst die nog niemand vertaalde'"]


def test_without_xgettext_the_command_says_what_to_install(monkeypatch):
    monkeypatch.setattr(translations.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="gettext"):
        call_command("translations", check=True)
