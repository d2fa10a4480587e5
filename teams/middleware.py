"""Two-factor log-in, enforced for every page (see teams/two_factor.py).

A logged-in user whose session is not verified yet is sent
- to the code page when they have two-factor log-in on (whoever chose it, always asked), or
- to the set-up page when their role requires it and settings.TWO_FACTOR_REQUIRED is on.
Only the pages to get through that step stay open: the two-factor pages, log-out, the
language switch, the session keep-alive and the health check.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from teams import access, two_factor

MAX_NEXT_LENGTH = 2000  # a longer address is not carried along (Django refuses huge redirects)
OPEN_URL_NAMES = (
    "teams:two_factor_verify",
    "teams:two_factor_setup",
    "logout",
    "set_language",
    "teams:keep_alive",
    "healthz",
)


class TwoFactorMiddleware(MiddlewareMixin):
    """In `process_view`, like Django's LoginRequiredMiddleware: a database error while
    checking is then answered by handler500 inside every middleware (headers included)."""

    _open_paths: frozenset[str] | None = None

    @classmethod
    def open_paths(cls) -> frozenset[str]:
        if cls._open_paths is None:
            cls._open_paths = frozenset(reverse(name) for name in OPEN_URL_NAMES)
        return cls._open_paths

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and request.path_info not in self.open_paths()
            and not request.path_info.startswith(settings.STATIC_URL)
        ):
            step = self.step_needed(request)
            if step:
                target = reverse(step)
                back = request.get_full_path()
                if len(back) <= MAX_NEXT_LENGTH:  # else start again from the home page
                    target += "?" + urlencode({"next": back})
                return redirect(target)
        return None

    @staticmethod
    def step_needed(request: HttpRequest) -> str | None:
        if two_factor.enabled_for_session(request):
            return "teams:two_factor_verify"
        if settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(request.user):
            return "teams:two_factor_setup"
        return None


SESSION_ENDED_PARAM = "sessie"
SESSION_ENDED_VALUE = "verlopen"


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's LoginRequiredMiddleware, plus a Dutch notice on the log-in page when the request
    came with a session cookie that no longer leads to a session: it expired, was ended (a
    password change, two-factor switched on) or was lost. So a lost session is a log-out the
    user understands, never an error."""

    def handle_no_permission(self, request: HttpRequest, view_func):
        response = super().handle_no_permission(request, view_func)
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            separator = "&" if "?" in response["Location"] else "?"
            response["Location"] += f"{separator}{SESSION_ENDED_PARAM}={SESSION_ENDED_VALUE}"
        return response
