"""Keep the English catalogue complete: `manage.py translations` (update) or `--check`.

Update: `makemessages -l en` with the project's options, then compile the .mo with polib (no
gettext tools needed for that step). Check: the same makemessages in a throw-away copy of the
sources, then fail when any entry is untranslated or fuzzy, or when the committed .mo differs
from the .po. Both need xgettext (Debian's `gettext`); CI installs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LOCALE = Path("locale") / "en" / "LC_MESSAGES"
OPTIONS = [
    "-l",
    "en",
    "--add-location=file",
    "--no-obsolete",
    "--ignore=.venv/*",
    "--ignore=tests/*",
    "--ignore=bench/*",
    "--ignore=screenshots/*",
    "--ignore=staticfiles/*",
    "--ignore=ops/*",
]
SOURCES = ("*.py", "*.html", "*.txt", "*.js")
SKIP_DIRS = {".venv", ".git", "node_modules", "screenshots", "staticfiles", "tests", "bench"}


def problems(po: polib.POFile) -> list[str]:
    found = [f"untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    found += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    return found


class Command(BaseCommand):
    help = "Update the English catalogue (locale/en), or --check that it is complete."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Only check; change nothing.")

    def handle(self, *args, check: bool = False, **options) -> None:
        if not shutil.which("xgettext"):
            raise CommandError("xgettext is missing: install Debian's package 'gettext'.")
        root = Path(settings.BASE_DIR)
        if check:
            self.check_catalogue(root)
        else:
            self.makemessages(root)
            po = polib.pofile(str(root / LOCALE / "django.po"))
            po.save_as_mofile(str(root / LOCALE / "django.mo"))
            for line in problems(po):
                self.stdout.write(line)
            self.stdout.write(f"{len(po)} entries, {len(problems(po))} to translate.")

    @staticmethod
    def makemessages(root: Path) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", *OPTIONS],
            cwd=root,
            check=True,
            capture_output=True,
        )

    def check_catalogue(self, root: Path) -> None:
        committed = polib.pofile(str(root / LOCALE / "django.po"))
        mo = polib.mofile(str(root / LOCALE / "django.mo"))
        in_po = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in committed}
        in_mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
        errors = []
        if in_po != in_mo:
            errors.append("django.mo is not compiled from django.po: run manage.py translations")
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp)
            _copy_sources(root, copy)
            self.makemessages(copy)
            errors += problems(polib.pofile(str(copy / LOCALE / "django.po")))
        if errors:
            raise CommandError("\n".join(errors))
        self.stdout.write(f"{len(committed)} entries, all translated.")


def _copy_sources(root: Path, target: Path) -> None:
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if relative.parts and relative.parts[0] in SKIP_DIRS:
            continue
        if path.is_file() and (
            any(path.match(pattern) for pattern in SOURCES) or relative.parts[0] == "locale"
        ):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
