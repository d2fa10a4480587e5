"""A small browser for the runtime tests: one cookie jar for every port, as a browser keeps
one per host, no redirects followed, the CSRF token sent back as a form field."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str


class Browser:
    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def request(self, port: int, path: str, data: dict | None = None) -> Answer:
        body = None
        headers = {"User-Agent": "wijkkracht-runtime-test"}
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookie("csrftoken") or "", **data}
            body = urllib.parse.urlencode(data).encode()
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode(errors="replace"))

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, path)

    def post(self, port: int, path: str, data: dict) -> Answer:
        return self.request(port, path, data)

    def log_in(self, port: int, username: str, password: str) -> Answer:
        self.get(port, "/account/login/")
        return self.post(port, "/account/login/", {"username": username, "password": password})


def block_status(html: str, block_id: int) -> str:
    """The status a session page shows for one block (its row's class, `tick-<status>`)."""
    match = re.search(rf'id="blok-{block_id}" class="[^"]*\btick-(\w+)"', html)
    return match.group(1) if match else ""
