"""The language: Dutch by default, English only when the user picks it with the switch.

The browser's Accept-Language is ignored on purpose (config/language.py): a browser set to
English must not get Django's own texts in English amid our Dutch ones.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Django's own text for an empty required field, in its Dutch and its English form.
REQUIRED_NL = "Dit veld is verplicht."
REQUIRED_EN = "This field is required."


class SwitchForm(HTMLParser):
    """The language switch on a page: its form, the hidden fields and the buttons."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.found = 0
        self.method = ""
        self.hidden: dict[str, str] = {}
        self.buttons: list[dict[str, str]] = []
        self.group_label_id = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("action") == self.action:
            self.inside = True
            self.found += 1
            self.method = attributes.get("method", "")
        elif self.inside and tag == "input" and attributes.get("type") == "hidden":
            self.hidden[attributes["name"]] = attributes.get("value", "")
        elif self.inside and tag == "button":
            self.buttons.append(attributes)
        elif self.inside and attributes.get("role") == "group":
            self.group_label_id = attributes.get("aria-labelledby", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def switch_on(html: str) -> SwitchForm:
    form = SwitchForm(reverse("set_language"))
    form.feed(html)
    return form


def choose(client: Client, language: str, next_url: str):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_dutch_by_default_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert response["Content-Language"] == "nl"

    # Django's own texts (form errors) stay Dutch too: no mix.
    response = client.post(
        reverse("password_reset"), {"email": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    )
    html = response.content.decode()
    assert REQUIRED_NL in html
    assert REQUIRED_EN not in html


def test_choosing_english_sets_the_cookie_and_goes_back_to_the_page(client):
    login_url = reverse("login")
    response = choose(client, "en", login_url)
    assert response.status_code == 302
    assert response["Location"] == login_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get(login_url)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]

    # Django's own texts follow the choice (its catalogue ships with Django).
    html = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert REQUIRED_EN in html
    assert REQUIRED_NL not in html


def test_our_own_texts_are_english_after_choosing_english(client):
    """Needs the English catalogue compiled: locale/en/LC_MESSAGES/django.mo."""
    choose(client, "en", reverse("login"))
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "<title>Log in – Wijkkracht</title>" in html, (
        "The log-in page is not in English: 'Inloggen' should read 'Log in'. Is the English "
        "catalogue there and compiled (manage.py compilemessages -l en)?"
    )
    assert "Inloggen" not in html


def test_choosing_dutch_again_goes_back_to_dutch(client):
    choose(client, "en", "/")
    choose(client, "nl", "/")
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in html
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


@pytest.mark.parametrize("code", ["fr", "de", "en-gb", "xx", "", "nl<script>"])
def test_a_language_we_do_not_offer_keeps_dutch(client, code):
    choose(client, code, reverse("login"))
    # Also when the cookie is set by hand, e.g. left over from another site or version.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in html


def test_the_switch_is_on_the_login_page_and_works_without_javascript():
    client = Client(enforce_csrf_checks=True)  # as a browser: the form must carry its token
    login_url = reverse("login")
    html = client.get(login_url).content.decode()

    switch = switch_on(html)
    assert switch.found == 1
    assert switch.method == "post"
    assert switch.hidden["next"] == login_url  # back to the same page afterwards
    assert switch.hidden["csrfmiddlewaretoken"]
    assert [(b["name"], b["value"], b["type"]) for b in switch.buttons] == [
        ("language", "nl", "submit"),
        ("language", "en", "submit"),
    ]
    # Each language in its own words, marked as such for screen readers; the current one too.
    assert [(b["lang"], b.get("aria-current")) for b in switch.buttons] == [
        ("nl", "true"),
        ("en", None),
    ]
    assert f'id="{switch.group_label_id}">Taal:</span>' in html
    assert ">English</button>" in html and ">Nederlands</button>" in html

    # A plain form post, as a browser without JavaScript sends it.
    response = client.post(reverse("set_language"), {**switch.hidden, "language": "en"})
    assert response.status_code == 302
    assert response["Location"] == login_url
    assert '<html lang="en">' in client.get(login_url).content.decode()


def test_the_switch_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_logged_in_user_switches_and_stays_on_the_page(client, world):
    client.force_login(world.gouda.leader)
    page = reverse("teams:location_list")
    html = client.get(page).content.decode()
    assert switch_on(html).hidden["next"] == page

    response = choose(client, "en", page)
    assert response["Location"] == page
    response = client.get(page)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_switch_does_not_send_the_user_to_another_site(client):
    response = choose(client, "en", "https://elders.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_does_not_stay_behind_after_a_request(client):
    """Code that runs later in the same thread (a command, a test) gets Dutch again."""
    choose(client, "en", "/")
    client.get(reverse("login"))
    assert translation.get_language() == settings.LANGUAGE_CODE


# --- The language as a preference on the account (issue 18) ---------------------------------


def test_a_logged_in_users_choice_is_stored_on_the_account_and_follows_them(client, world):
    user = world.gouda.leader
    client.force_login(user)
    choose(client, "en", "/")
    user.refresh_from_db()
    assert user.language == "en"

    other_browser = Client()  # no cookie: a new phone, say
    other_browser.force_login(user)
    response = other_browser.get(reverse("teams:location_list"))
    assert '<html lang="en">' in response.content.decode()
    # ...and it gets the cookie, so the log-in page after a log-out speaks English too.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    other_browser.post(reverse("logout"))
    assert '<html lang="en">' in other_browser.get(reverse("login")).content.decode()


def test_the_account_wins_over_a_cookie_left_in_the_browser(client, world):
    user = world.gouda.worker
    user.language = "en"
    user.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"  # someone else used this browser
    client.force_login(user)

    response = client.get(reverse("teams:location_list"))

    assert '<html lang="en">' in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_without_a_preference_the_cookie_still_decides(client, world):
    choose(client, "en", "/")
    client.force_login(world.gouda.trainer)
    assert '<html lang="en">' in client.get("/").content.decode()
    world.gouda.trainer.refresh_from_db()
    assert world.gouda.trainer.language == ""  # only the switch itself stores a choice


def test_logging_in_brings_the_accounts_language(world):
    """A log-in from a Dutch browser: the next page is in the account's language."""
    user = world.gouda.expert
    user.language = "en"
    user.set_password("een-lang-wachtwoord-42")
    user.save()
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "een-lang-wachtwoord-42"},
        follow=True,
    )
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_a_language_we_do_not_offer_is_not_stored(client, world):
    client.force_login(world.gouda.leader)
    choose(client, "fr", "/")
    world.gouda.leader.refresh_from_db()
    assert world.gouda.leader.language == ""


def test_mails_go_out_in_the_recipients_language(world):
    from config.language import recipient_language

    world.gouda.leader.language = "en"
    assert recipient_language(world.gouda.leader) == "en"
    assert recipient_language(world.gouda.worker) == "nl"
    assert recipient_language(None) == "nl"


def test_the_password_reset_mail_is_in_the_accounts_language(world, client, mailoutbox):
    from django.urls import reverse

    user = world.gouda.leader
    user.language = "en"
    user.save()
    client.post(reverse("password_reset"), {"email": user.email})  # asked on a Dutch page
    assert len(mailoutbox) == 1
    assert "Someone asked for a new password for your Wijkkracht account" in mailoutbox[0].body
    assert "Iemand heeft gevraagd" not in mailoutbox[0].body
