"""A crawl of the site in English (issue 18): no interface text may be left in Dutch.

Every demo role follows the links from its home page (GET only, this site only, a few pages
per URL pattern) with English chosen. On each page the visible text and the texts read aloud
(aria-label, title, placeholder, alt) are compared with our catalogue: a Dutch source text
that has an English translation must not appear, outside elements marked `lang="nl"` (what
users typed, the national curriculum, the conditions: they stay as written, and say so).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve

from teams.management.commands import translations
from teams.models import User

ROLES = [
    "coordinator",
    "beheer",
    "leider-arnhem",
    "trainer-arnhem",
    "werker-arnhem",
    "ed-arnhem",
    "privacy-arnhem",
]
PAGES_PER_PATTERN = 2
SKIPPED_PREFIXES = ("/beheer/", "/static/", "/i18n/", "/account/logout")
SKIPPED_SUFFIXES = (".ics", ".pdf", ".csv", ".xlsx", ".json")
READ_ALOUD = ("aria-label", "title", "placeholder", "alt")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
MIN_LENGTH = 4
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
TAG = re.compile(r"<[^>]+>")


class Catalogue:
    """Our Dutch interface texts that have a different English text. A page's text node is
    Dutch interface text when it *is* one of them (a label, a heading, a button, a sentence),
    with any value in place of a placeholder: so a typed text that merely uses a word of ours
    is not taken for one."""

    def __init__(self):
        po = polib.pofile(str(Path(settings.BASE_DIR) / translations.LOCALE / "django.po"))
        self.literal: set[str] = set()
        self.patterns: dict[str, list[re.Pattern]] = {}
        for entry in po:
            english = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
            if not english or english == entry.msgid:
                continue
            for source in filter(None, (entry.msgid, entry.msgid_plural)):
                for piece in TAG.split(source):
                    self._add(" ".join(piece.split()), english)

    def _add(self, text: str, english: str) -> None:
        parts = PLACEHOLDER.split(text)
        if len(parts) == 1:
            if len(text) >= MIN_LENGTH:
                self.literal.add(text)
            return
        dutch = [part for part in parts if part.strip() and part.strip() not in english]
        if sum(len(part.strip()) for part in dutch) < MIN_LENGTH:
            return  # "Dashboard %(name)s", "%(count)s × %(name)s": nothing only Dutch in it
        pattern = re.compile(".+?".join(re.escape(part) for part in parts))
        key = parts[0][:3] if len(parts[0]) >= 3 else ""
        self.patterns.setdefault(key, []).append(pattern)

    def finds(self, node: str) -> bool:
        if node in self.literal:
            return True
        for key in {node[:3], ""}:
            if any(pattern.fullmatch(node) for pattern in self.patterns.get(key, ())):
                return True
        return False


class Page(HTMLParser):
    """The page's text outside `lang="nl"` elements, its links and its own lang."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, Dutch here)
        self.texts: list[str] = []
        self.links: list[str] = []
        self.lang = ""

    def dutch(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        marked = attrs.get("lang") == "nl" and tag != "html"  # the page's own lang is checked apart
        inside = self.dutch() or marked or tag in ("script", "style")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not inside:
            for name in READ_ALOUD:
                if attrs.get(name):
                    self.texts.append(attrs[name])
        if tag not in VOID:
            self.stack.append((tag, inside))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.dutch() and data.strip():
            self.texts.append(data)

    def nodes(self) -> list[str]:
        return [" ".join(text.split()) for text in self.texts]


def crawl(client, catalogue: Catalogue) -> tuple[dict[str, list[str]], int]:
    """{url: Dutch texts found} for one logged-in client, and the number of pages seen."""
    seen, queue, per_pattern, found = set(), [("/", "")], Counter(), {}
    while queue:
        url, came_from = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
            continue
        seen.add(url)
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if per_pattern[match.view_name] >= PAGES_PER_PATTERN:
            continue
        per_pattern[match.view_name] += 1
        response = client.get(url)
        if response.status_code in (403, 404):  # a page never links to what it refuses
            found[url] = [f"HTTP {response.status_code} behind a link on {came_from}"]
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = Page()
        page.feed(response.content.decode())
        assert page.lang == "en", url
        left = sorted({node for node in page.nodes() if catalogue.finds(node)})
        if left:
            found[url] = left
        for href in page.links:
            target = urljoin(url, href)
            split = urlsplit(target)
            if split.scheme in ("", "http") and split.netloc in ("", "testserver"):
                queue.append((split.path + (f"?{split.query}" if split.query else ""), url))
    return found, len(seen)


@pytest.mark.django_db
def test_every_page_a_demo_role_reaches_is_in_english(client):
    call_command("seed_demo", stdout=None)
    catalogue = Catalogue()
    problems = {}
    for username in ROLES:
        user = User.objects.get(username=username)
        user.language = "en"
        user.save(update_fields=["language"])
        client.force_login(user)
        found, pages = crawl(client, catalogue)
        assert pages > 10, username
        problems.update({f"{username} {url}": left for url, left in found.items()})
    assert not problems, "\n".join(f"{where}: {left}" for where, left in problems.items())


def test_the_crawl_finds_dutch_interface_text_but_not_typed_text(world, client):
    client.force_login(world.gouda.leader)
    page = Page()
    page.feed(client.get("/").content.decode())  # in Dutch: the default
    catalogue = Catalogue()
    assert len([node for node in page.nodes() if catalogue.finds(node)]) >= 5
    typed = Page()
    typed.feed('<html lang="en"><p lang="nl">Mijn gegevens</p><p>Mijn gegevens</p></html>')
    assert [node for node in typed.nodes() if catalogue.finds(node)] == ["Mijn gegevens"]


def test_texts_the_system_stored_in_dutch_are_shown_in_english():
    from django.utils import translation

    from casework.avg import reason_label
    from casework.constants import REASON_CONSENT_WITHDRAWN, REASON_RETENTION
    from embedding.derivations import Derived

    with translation.override("en"):
        assert reason_label(REASON_CONSENT_WITHDRAWN) == "Consent to record data withdrawn."
        assert reason_label(REASON_RETENTION % {"months": 18}).startswith("Retention period")
        assert "18" in reason_label(REASON_RETENTION % {"months": 18})
        assert reason_label("Noodgeval, bewoner belde") == "Noodgeval, bewoner belde"
    texts = Derived(
        "bezig", lambda: translation.gettext("Er is nog geen projectteam.")
    ).in_every_language()
    assert texts["nl"] == "Er is nog geen projectteam."
    assert texts["en"] != texts["nl"]
