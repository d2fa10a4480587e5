"""The WSGI application `make load` serves: the site, plus the framework floor.

The floor (`/bench/floor/`, `bench.urls.floor`) is what any Django site pays: the same gunicorn,
Django handler, URL resolver and template engine, but no middleware and no code of ours: a short
template rendered into a response. `make load` measures it in the same run as our pages, so our
rate reads as a share of it on whatever machine runs it.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django  # noqa: E402
from django.core.handlers.exception import convert_exception_to_response  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

FLOOR_PATH = "/bench/floor/"


class NoMiddlewareHandler(WSGIHandler):
    """Django's own handler with an empty middleware list."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


django.setup(set_prefix=False)
site = WSGIHandler()
floor = NoMiddlewareHandler()


def application(environ, start_response):
    handler = floor if environ.get("PATH_INFO") == FLOOR_PATH else site
    return handler(environ, start_response)
