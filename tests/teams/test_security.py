"""Log-in, throttling, headers and the health probe, checked on real responses."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.teams.factories import PASSWORD


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "in-process",  # the test settings run tasks eagerly
        "worker_seconds_since_heartbeat": "in-process",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_database_down(client):
    with mock.patch("teams.views.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["failed"] == ["database"]


@pytest.mark.django_db
def test_healthz_reports_cache_down_separately(client):
    with mock.patch("teams.views.health.ping_cache", side_effect=ConnectionError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert (body["database"], body["cache"], body["failed"]) == ("ok", "unavailable", ["cache"])


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
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_production_headers_and_cookies(client, settings, monkeypatch):
    """The production settings' transport rules, on real responses (over HTTPS)."""
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", settings.FIELD_ENCRYPTION_KEYS[0])
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///unused.sqlite3")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")  # read, not connected to
    sys.modules.pop("config.settings.production", None)
    production = importlib.import_module("config.settings.production")

    for name in (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
    ):
        setattr(settings, name, getattr(production, name))
    insecure = client.get(reverse("login"))
    assert insecure.status_code == 301 and insecure["Location"].startswith("https://")

    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

    from tests.teams.factories import UserFactory

    UserFactory(username="kees", password="een-lang-wachtwoord-42")
    client.get(reverse("login"), secure=True)
    response = client.post(
        reverse("login"),
        {"username": "kees", "password": "een-lang-wachtwoord-42"},
        secure=True,
    )
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


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


@pytest.mark.django_db
def test_an_idle_session_ends_after_30_minutes_and_requests_renew_it(world, client):
    """Requests renew the session at most once a minute (no write per request); the
    keep-alive button renews it at once; an expired session is a log-out, with a notice."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import timezone

    from teams.models import UserSession
    from teams.sessions import REFRESHED_KEY

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and not settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(world.gouda.worker)
    page = client.get(reverse("home"))
    assert 'data-session-timeout="1800"' in page.text  # the warning knows when
    row = UserSession.objects.get()
    assert row.user_id == world.gouda.worker.pk

    def expire_in(**delta):
        UserSession.objects.filter(pk=row.pk).update(
            expire_date=timezone.now() + timedelta(**delta)
        )

    def expires_at():
        return UserSession.objects.get(pk=row.pk).expire_date

    expire_in(minutes=20)
    before = expires_at()
    client.get(reverse("home"))  # renewed less than a minute ago: nothing written
    assert expires_at() == before

    session = client.session
    session[REFRESHED_KEY] = int(time.time()) - settings.SESSION_REFRESH_INTERVAL
    session.save()
    expire_in(minutes=20)
    client.get(reverse("home"))  # a minute later: this request renews it
    assert expires_at() > timezone.now() + timedelta(minutes=29)

    expire_in(minutes=1)
    assert client.post(reverse("teams:keep_alive")).status_code == 204
    assert expires_at() > timezone.now() + timedelta(minutes=29)

    expire_in(seconds=-1)
    cache.clear()  # the cached copy expires at the same moment (its time-out is the same age)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "sessie=verlopen" in response["Location"]
    notice = client.get(response["Location"]).text
    assert "uw sessie is verlopen of beëindigd" in notice


def test_a_request_without_a_session_cookie_gets_no_notice(client, db):
    response = client.get(reverse("home"))
    assert response["Location"] == f"{reverse('login')}?next=/"


@pytest.mark.parametrize(
    "url",
    ["", "http://127.0.0.1:6379/0", "redis://", "redis://127.0.0.1:port/0", "redis://h:6379/x"],
)
def test_a_broken_redis_url_stops_the_production_settings(monkeypatch, url):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", "a")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    if url:
        monkeypatch.setenv("REDIS_URL", url)
    else:
        monkeypatch.delenv("REDIS_URL", raising=False)
    sys.modules.pop("config.settings.production", None)
    try:
        with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
            importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)
