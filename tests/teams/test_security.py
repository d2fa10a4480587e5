"""Log-in, throttling, headers and the health probe, checked on real responses."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.teams.factories import PASSWORD


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_database_down(client):
    with mock.patch("teams.views.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_every_page_requires_log_in(client):
    response = client.get(reverse("teams:location_list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('teams:location_list')}"


@pytest.mark.django_db
def test_security_headers_on_responses(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_page_is_dutch(client, db):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Inloggen" in content
    assert 'href="#inhoud"' in content


def test_login_with_wrong_password_gives_a_dutch_message(world, client):
    response = client.post(reverse("login"), {"username": "projectleider-gouda", "password": "x"})
    assert response.status_code == 200
    assert "gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_login_works_with_the_right_password(world, client):
    response = client.post(
        reverse("login"), {"username": world.gouda.leader.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_repeated_failures_lock_the_account_with_a_dutch_message(world, client, settings):
    username = world.gouda.leader.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": username, "password": "fout"})
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()


def test_password_reset_reveals_nothing_about_accounts(world, client, mailoutbox):
    known = client.post(reverse("password_reset"), {"email": world.gouda.leader.email})
    unknown = client.post(reverse("password_reset"), {"email": "niemand@example.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
    assert "Nieuw wachtwoord" in mailoutbox[0].subject


def test_logout_is_post_only(world, client):
    client.force_login(world.gouda.leader)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
