"""Faults (issue 8, item 6): the database goes away while the site runs.

- Pages answer a Dutch 503 with `Retry-After`, `/healthz` reports it, and the site recovers
  without a restart when the database is back.
- A form posted during the outage comes back with what the user typed and a button that sends
  the same data again.
- A service that fails halfway leaves nothing behind: each service is one transaction.

The outage is simulated on any database by making every connection attempt fail; on PostgreSQL
a real one is made with a TCP proxy between Django and the server that is cut and restored.
"""

from __future__ import annotations

import contextlib
import datetime
import socket
import threading
from html.parser import HTMLParser
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory
from django.urls import reverse

from casework import services as casework_services
from casework.constants import ConsentForm
from casework.models import CaseAuditEvent, Consent, Resident
from plans import services as plan_services
from plans.models import PlanOfApproach
from teams.constants import Role
from teams.models import Membership, Person
from teams.views import errors

DUTCH_503 = "Wijkkracht is tijdelijk niet beschikbaar"
NOT_SAVED = "Wat u invulde is nog niet opgeslagen"

# transaction=True: the data is committed, so a closed connection really is closed and a new
# one (after the outage) sees the same rows; no test-wide atomic block is left broken.
committed = pytest.mark.django_db(transaction=True)


# --- helpers -----------------------------------------------------------------------------------


@contextlib.contextmanager
def database_down():
    """Every attempt to use the database fails, as when the server is stopped."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused (simulated)")

    connection.close()
    original = BaseDatabaseWrapper.ensure_connection
    BaseDatabaseWrapper.ensure_connection = refuse
    try:
        yield
    finally:
        BaseDatabaseWrapper.ensure_connection = original


class HiddenInputs(HTMLParser):
    """The hidden inputs of the page's POST forms, as (name, value) pairs in order."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self.actions: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.actions.append(attrs.get("action") or "")
        if tag == "input" and attrs.get("type") == "hidden":
            self.pairs.append((attrs.get("name") or "", attrs.get("value") or ""))


def hidden_inputs(html: str) -> HiddenInputs:
    parser = HiddenInputs()
    parser.feed(html)
    return parser


def as_post_data(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def assert_dutch_503(response) -> str:
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    # The headers of the middleware inside the failing one are kept: one 503, not a second
    # one made when SessionMiddleware trips over the database on the way out.
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert DUTCH_503 in html
    assert "Probeer het over een paar minuten opnieuw" in html
    assert '<html lang="nl">' in html
    assert "Uitloggen" not in html  # no user-specific navbar: rendered without a user
    return html


def person_create_data(world) -> dict[str, object]:
    return {
        "given_name": "Anna",
        "family_name": "O'Brien & <de Vries>",
        "email": "anna@example.nl",
        "phone": "06 1234 5678",
        "role": Role.EXPERT,
        "organisation": world.gouda.recovery_org.pk,
    }


def fault_client(**kwargs) -> Client:
    """A client that returns the error page instead of re-raising the error."""
    return Client(raise_request_exception=False, **kwargs)


# --- simulated outage: any database ------------------------------------------------------------


@committed
def test_pages_answer_dutch_503_and_recover_without_restart(world):
    client = fault_client()
    client.force_login(world.gouda.leader)
    pages = [
        reverse("home"),
        reverse("teams:location_detail", args=[world.gouda.location.pk]),
        reverse("plans:plan_list"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200

    with database_down():
        for url in pages:
            html = assert_dutch_503(client.get(url))
            assert "Opnieuw proberen" in html
        # A load balancer's probe (no session cookie) gets the JSON answer of /healthz; a
        # logged-in browser's session lookup fails first, so it gets the 503 page.
        health = fault_client().get(reverse("healthz"))
        assert health.status_code == 503
        assert health.json()["failed"] == ["database"]
        assert client.get(reverse("healthz")).status_code == 503

    # The database is back: the same client (same process, no restart) is served again.
    for url in pages:
        assert client.get(url).status_code == 200
    assert fault_client().get(reverse("healthz")).json()["status"] == "ok"


@committed
def test_log_in_during_outage():
    client = fault_client()
    login = reverse("login")
    with database_down():
        page = client.get(login)
        # The log-in form itself needs no database: it is shown, so the user can type.
        assert page.status_code in (200, 503)
        if page.status_code == 503:
            assert_dutch_503(page)
        response = client.post(
            f"{login}?next=/plannen/",
            {"username": "projectleider-gouda", "password": "geheim-wachtwoord-123"},
        )
    html = assert_dutch_503(response)
    assert NOT_SAVED in html
    assert "projectleider-gouda" in html
    # A password is never written into a page.
    assert "geheim-wachtwoord-123" not in html
    assert "vul uw wachtwoord opnieuw in" in html
    assert hidden_inputs(html).actions == [f"{login}?next=/plannen/"]


@committed
def test_database_error_in_middleware_is_turned_into_503(world):
    """The first query of a logged-in request is the session lookup in middleware, before any
    view runs; Django's convert_exception_to_response hands that error to handler500 too."""
    client = fault_client()
    client.force_login(world.gouda.leader)
    with database_down():
        response = client.get(reverse("home"))
    assert_dutch_503(response)
    assert response.exc_info is not None
    error = response.exc_info[1]
    assert isinstance(error, OperationalError)
    frames = []
    traceback = response.exc_info[2]
    while traceback is not None:
        frames.append(traceback.tb_frame.f_code.co_filename)
        traceback = traceback.tb_next
    assert any("middleware" in name for name in frames), frames
    assert not any(name.endswith("teams/views/home.py") for name in frames), frames


def test_database_error_in_a_view_is_503(world, monkeypatch):
    from teams.views.home import HomeView

    def fail(self, request, *args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(HomeView, "get", fail)
    client = fault_client()
    client.force_login(world.gouda.leader)
    assert_dutch_503(client.get(reverse("home")))


def test_other_errors_keep_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = errors.server_error(request)
    assert response.status_code == 500
    assert not response.has_header("Retry-After")
    assert "Er ging iets mis" in response.content.decode()


def test_wrapped_driver_errors_count_as_outage():
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        try:
            raise psycopg2.OperationalError("server closed the connection unexpectedly")
        except psycopg2.OperationalError as driver_error:
            raise RuntimeError("while rendering") from driver_error
    except RuntimeError as error:
        assert errors.is_database_unavailable(error)
    assert errors.is_database_unavailable(OperationalError("x"))
    assert not errors.is_database_unavailable(ValueError("x"))
    assert not errors.is_database_unavailable(None)


@committed
def test_post_during_outage_keeps_what_was_typed_and_can_be_sent_again(world):
    """The person form is posted while the database is down: the 503 page shows what was typed,
    escaped, and its form sends exactly the same data (CSRF included) once the database is
    back."""
    client = fault_client(enforce_csrf_checks=True)
    client.force_login(world.gouda.leader)
    url = reverse("teams:person_create", kwargs={"location_pk": world.gouda.location.pk})
    form_page = client.get(url)
    token = hidden_inputs(form_page.content.decode()).pairs[0]
    assert token[0] == "csrfmiddlewaretoken"
    data = {**person_create_data(world), "csrfmiddlewaretoken": token[1]}
    persons_before = Person.objects.count()

    with database_down():
        response = client.post(url, data)

    html = assert_dutch_503(response)
    assert NOT_SAVED in html
    assert "Er is niets opgeslagen" in html
    assert "Opnieuw versturen" in html
    # Readable, with the form's own labels, and escaped.
    assert "<dt>Voornaam</dt>" in html
    assert "<dt>Rol bij deze locatie</dt>" in html
    assert '<dd class="text-break">Ervaringsdeskundige</dd>' in html  # the choice's label
    assert "<dt>Organisatie</dt>" not in html  # an id: sent again, not listed
    assert "O&#x27;Brien &amp; &lt;de Vries&gt;" in html
    assert "<de Vries>" not in html
    assert token[1] not in html.split("<form", 1)[0]  # the token is sent, not listed
    parsed = hidden_inputs(html)
    assert parsed.actions == [url]
    sent_again = as_post_data(parsed.pairs)
    assert sent_again == {name: [str(value)] for name, value in data.items()}
    assert Person.objects.count() == persons_before

    # The database is back: one click on "Opnieuw versturen" saves the person, once.
    response = client.post(url, sent_again)
    assert response.status_code == 302
    person = Person.objects.get(email="anna@example.nl")
    assert person.family_name == "O'Brien & <de Vries>"
    assert Person.objects.count() == persons_before + 1


@committed
def test_post_during_outage_repeats_lists_caps_long_texts_and_skips_files(world):
    client = fault_client()
    client.force_login(world.gouda.leader)
    url = reverse("teams:person_create", kwargs={"location_pk": world.gouda.location.pk})
    long_text = "a" * 20_000 + "EINDE"
    upload = SimpleUploadedFile("verslag.txt", b"inhoud", content_type="text/plain")
    with database_down():
        response = client.post(
            url,
            {
                **person_create_data(world),
                "themes": ["3", "5"],
                "note": f"regel een\n<script>alert(1)</script>\n{long_text}",
                "new_password1": "niet-tonen-123",
                "bijlage": upload,
            },
        )
    html = assert_dutch_503(response)
    pairs = hidden_inputs(html).pairs
    assert ("themes", "3") in pairs
    assert ("themes", "5") in pairs
    # The whole text is sent again; the list shows it cut, escaped, with its line breaks.
    notes = [value for name, value in pairs if name == "note"]
    assert len(notes) == 1
    assert notes[0].endswith("EINDE")
    listed = html.split("<form", 1)[0]
    assert "EINDE" not in listed
    assert "ingekort" in listed
    assert "regel een<br>&lt;script&gt;alert(1)&lt;/script&gt;<br>" in listed
    assert "<script>alert" not in html
    # Passwords and files are not carried over; the user is told.
    assert "niet-tonen-123" not in html
    assert not any("password" in name for name, _value in pairs)
    assert not any(name == "bijlage" for name, _value in pairs)
    assert "Bijlagen kunnen niet opnieuw worden verstuurd" in html
    # Posted without a token field (e.g. by htmx with a header): the form gets one.
    assert [name for name, _value in pairs].count("csrfmiddlewaretoken") == 1


@committed
def test_post_that_cannot_be_read_still_answers_503(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    client = fault_client()
    client.force_login(world.gouda.leader)
    url = reverse("teams:person_create", kwargs={"location_pk": world.gouda.location.pk})
    with database_down():
        response = client.post(url, {f"veld{number}": "x" for number in range(10)})
    html = assert_dutch_503(response)
    assert "Ga terug in uw browser" in html
    assert "Opnieuw versturen" not in html


@committed
def test_plan_section_post_during_outage_is_reshown(world):
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(location=world.gouda.location)
    client = fault_client()
    client.force_login(world.gouda.leader)
    url = reverse("plans:section_edit", args=[plan.pk, "achtergrond"])
    assert client.get(url).status_code == 200
    typed = "Wat we in de wijk zien:\nveel eenzaamheid & <weinig> ontmoetingsplekken."
    with database_down():
        response = client.post(
            url, {"revision": plan.revision, "background_team": typed, "background_focus": ""}
        )
    html = assert_dutch_503(response)
    assert (
        "Wat we in de wijk zien:<br>veel eenzaamheid &amp; &lt;weinig&gt; ontmoetingsplekken."
        in html
    )
    pairs = hidden_inputs(html).pairs
    assert ("background_team", typed) in pairs
    assert ("background_focus", "") in pairs  # empty fields are sent again too
    assert ("revision", str(plan.revision)) in pairs  # sent again, not listed
    assert f'<dd class="text-break">{plan.revision}</dd>' not in html


# --- no half-written records -------------------------------------------------------------------


@contextlib.contextmanager
def database_fails_after_first_insert():
    """The first INSERT reaches the database; then every statement fails, as when the server
    goes away halfway through a service."""
    state = {"inserted": False, "failed": False}

    def wrapper(execute, sql, params, many, context):
        if state["inserted"]:
            state["failed"] = True
            raise OperationalError("server closed the connection unexpectedly (simulated)")
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("INSERT"):
            state["inserted"] = True
        return result

    with connection.execute_wrapper(wrapper):
        yield state


def row_counts() -> dict[str, int]:
    return {
        "residents": Resident.objects.count(),
        "consents": Consent.objects.count(),
        "case_audit": CaseAuditEvent.objects.count(),
        "plans": PlanOfApproach.objects.count(),
        "plan_teams": PlanOfApproach.neighbourhood_teams.through.objects.count(),
        "plan_recovery": PlanOfApproach.recovery_organisations.through.objects.count(),
        "memberships": Membership.objects.count(),
        "auditlog": LogEntry.objects.count(),
    }


def register_resident(world):
    site = world.gouda
    return casework_services.resident_register(
        location=site.location,
        organisation=site.team_org,
        registered_by=site.worker.person,
        actor=site.worker,
        name="Bewoner halverwege",
        phone="06-12345678",
        consent_given_as=ConsentForm.SPOKEN,
        consent_given_on=datetime.date.today() - datetime.timedelta(days=1),
    )


def create_plan(world):
    return plan_services.plan_create(
        location=world.gouda.location,
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        actor=world.gouda.leader,
    )


@committed
@pytest.mark.parametrize("service", [register_resident, create_plan])
def test_a_service_failing_halfway_leaves_nothing(world, service):
    assert connection.get_autocommit()  # a real transaction, not a savepoint inside a test's
    before = row_counts()
    with pytest.raises(OperationalError), database_fails_after_first_insert() as state:
        service(world)
    assert state["inserted"] and state["failed"]  # a row was written, then the database failed
    assert row_counts() == before
    # And the same service succeeds once the database answers again.
    service(world)
    assert row_counts() != before


# --- a real outage on PostgreSQL: a TCP proxy that is cut and restored -------------------------


class Proxy:
    """Forwards 127.0.0.1:<port> to the database server; `cut()` closes the listener and every
    forwarded connection (the database is gone), `restore()` listens again on the same port."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = 0
        self.accepted = 0
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None

    def start(self) -> Proxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    restore = start

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed by cut()
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.accepted += 1
                self.sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()
        with self.lock:
            self.sockets.discard(sock)

    def cut(self) -> None:
        if self.listener is not None:
            self._close(self.listener)
            self.listener = None
        with self.lock:
            sockets = list(self.sockets)
        for sock in sockets:
            self._close(sock)


class WSGIClient:
    """Requests through Django's real WSGI handler in this thread, as gunicorn's sync worker
    serves them: request_started/finished fire, so persistent connections (CONN_MAX_AGE) are
    kept between requests and checked (CONN_HEALTH_CHECKS) as in production."""

    def __init__(self, cookies: dict[str, str]):
        self.handler = WSGIHandler()
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, data: dict | None = None):
        factory = RequestFactory()
        request = factory.post(path, data or {}) if method == "POST" else factory.get(path)
        environ = dict(request.environ)
        body = request.body if method == "POST" else b""
        environ["wsgi.input"] = BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        result: dict[str, object] = {}

        def start_response(status, headers, exc_info=None):
            result["status"] = int(status.split()[0])
            result["headers"] = headers

        response = self.handler(environ, start_response)
        try:
            content = b"".join(response)
        finally:
            response.close()  # request_finished: close_old_connections, as a server does
        for name, value in result["headers"]:
            if name.lower() == "set-cookie":
                key, _sep, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        headers = {name.lower(): value for name, value in result["headers"]}
        return result["status"], headers, content.decode()

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        return self.request("POST", path, data)


@committed
@pytest.mark.postgres
def test_real_outage_through_a_cut_proxy_and_recovery_without_restart(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    settings_dict = connection.settings_dict
    host, port = settings_dict.get("HOST") or "", settings_dict.get("PORT") or "5432"
    if not host or host.startswith("/"):
        pytest.skip("the database is reached over a Unix socket; the proxy needs TCP")
    assert settings_dict.get("CONN_HEALTH_CHECKS") and settings_dict.get("CONN_MAX_AGE")

    login = Client()
    login.force_login(world.gouda.leader)
    site = WSGIClient({name: morsel.value for name, morsel in login.cookies.items()})
    probe = WSGIClient({})  # the load balancer's health check: no cookies
    home = reverse("home")
    person_url = reverse("teams:person_create", kwargs={"location_pk": world.gouda.location.pk})

    proxy = Proxy((host, int(port))).start()
    original = {"HOST": settings_dict["HOST"], "PORT": settings_dict["PORT"]}
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    try:
        assert site.get(home)[0] == 200
        assert site.get(home)[0] == 200
        assert proxy.accepted == 1  # one persistent connection, through the proxy
        status, _headers, form_page = site.get(person_url)
        assert status == 200
        token = dict(hidden_inputs(form_page).pairs)["csrfmiddlewaretoken"]

        proxy.cut()  # the database is gone, mid-run
        status, headers, html = site.get(home)
        assert status == 503
        assert headers["retry-after"] == str(errors.RETRY_AFTER_SECONDS)
        assert DUTCH_503 in html
        status, _headers, body = probe.get(reverse("healthz"))
        assert (status, '"unavailable"' in body) == (503, True)
        data = {**person_create_data(world), "csrfmiddlewaretoken": token}
        status, _headers, html = site.post(person_url, data)
        assert status == 503
        assert NOT_SAVED in html
        again = as_post_data(hidden_inputs(html).pairs)

        proxy.restore()  # the database is back: the very next request is served
        assert site.get(home)[0] == 200
        status, _headers, body = probe.get(reverse("healthz"))
        assert (status, '"ok"' in body) == (200, True)
        status, headers, _html = site.post(person_url, again)  # "Opnieuw versturen"
        assert status == 302, headers
        assert proxy.accepted >= 2
    finally:
        proxy.cut()
        connection.close()
        settings_dict.update(original)
        connection.close()
    assert Person.objects.filter(email="anna@example.nl").count() == 1
