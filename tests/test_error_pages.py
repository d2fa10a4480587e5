"""The error pages 403, 404, 500 and 503: Dutch, in the site's layout, and they tell in short
sentences what to do next.

test_faults.py covers when the 503 and the 500 are given (database down, or another error);
this file covers what they say. The 500 page is rendered without a request or context, after
something already broke, so it must not depend on anything that could fail again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from teams.views import errors

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Per page: its title, and sentences that say what happened and what to do next.
PAGES = {
    403: (
        "Geen toegang",
        [
            "U heeft geen toegang tot deze pagina.",
            "Neem contact op met de projectleider van uw locatie.",
            "Op de startpagina ziet u wat u wel kunt doen.",
        ],
    ),
    404: (
        "Pagina niet gevonden",
        [
            "Deze pagina bestaat niet, of u heeft er geen toegang toe.",
            "Kijk of het adres goed is.",
            "Neem dan contact op met de projectleider van uw locatie.",
        ],
    ),
    500: (
        "Er ging iets mis",
        [
            "Het ligt niet aan u.",
            "Wacht een paar minuten. Probeer het dan opnieuw.",
            "Is het niet opgeslagen? Vul het dan opnieuw in.",
            "Neem dan contact op met de beheerder van Wijkkracht.",
        ],
    ),
    503: (
        "Tijdelijk niet beschikbaar",
        [
            "Wijkkracht is tijdelijk niet beschikbaar",
            "Probeer het over een paar minuten opnieuw.",
            "neem dan contact op met de beheerder van Wijkkracht.",
        ],
    ),
}


def error_page(status: int, world, client) -> str:
    """The page as a user gets it: 403 and 404 through a real request of a logged-in social
    worker, 500 and 503 from handler500's two answers."""
    if status == 403:
        client.force_login(world.gouda.worker)
        response = client.get(reverse("dashboard:index"))  # coordinators and leaders only
    elif status == 404:
        client.force_login(world.gouda.worker)
        response = client.get("/bestaat-niet/")
    else:
        request = RequestFactory().get("/")
        if status == 500:
            try:
                raise ValueError("a bug")
            except ValueError:
                response = errors.server_error(request)
        else:
            response = errors.database_unavailable(request)
    assert response.status_code == status
    return response.content.decode()


def text(html: str) -> str:
    """The visible text, with single spaces (line breaks in the template do not count)."""
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("status", PAGES)
def test_error_page_is_dutch_in_the_layout_and_says_what_to_do(world, client, status):
    title, sentences = PAGES[status]
    with translation.override("nl"):
        html = error_page(status, world, client)
    assert '<html lang="nl">' in html
    assert re.search(rf"<title>{re.escape(title)} – Wijkkracht</title>", html)
    # The site's layout: stylesheet, skip link, navbar with the brand, one main, the footer.
    assert "css/wijkkracht.css" in html
    assert 'href="#inhoud">Naar de inhoud</a>' in html
    assert 'class="navbar-brand fw-semibold"' in html
    assert html.count('<main id="inhoud"') == 1
    assert "samenwerken met ervaringsdeskundigen in de wijk" in html
    main = text(html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0])
    for sentence in sentences:
        assert sentence in main, sentence
    assert re.search(r'<a [^>]*href="/"[^>]*>Naar de startpagina</a>', html)
    assert "{%" not in html and "{{" not in html


def test_500_page_needs_no_static_manifest(settings):
    """The 500 page links its stylesheets by their plain names: with the production storage and
    no manifest at all (the very thing that might have broken) it still renders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = "/nonexistent-static-root"
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = errors.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'href="{settings.STATIC_URL}css/wijkkracht.css"' in html
    assert "Er ging iets mis" in html


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html", "503.html"])
def test_every_text_on_an_error_page_is_translatable(name):
    """Outside {% translate %} / {% blocktranslate %} only the brand name and punctuation."""
    source = (TEMPLATES / name).read_text()
    source = re.sub(r"{% comment %}.*?{% endcomment %}", " ", source, flags=re.S)
    source = re.sub(r"{% blocktranslate\b.*?{% endblocktranslate %}", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}|<!DOCTYPE html>", " ", source, flags=re.S)
    source = re.sub(r"<[^>]+>", " ", source)
    assert set(source.split()) <= {"Wijkkracht", "–", "…"}, source.split()
