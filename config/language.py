"""The interface language: Dutch, unless the user chose another one with the language switch.

A logged-in user's choice is a preference on their account (`User.language`): it follows them
to every browser and decides the language of the mails they get (`recipient_language`). Logged
out, the language cookie decides; a log-in sets the cookie to the account's language, so the
log-in page after a log-out speaks it too.

Django's LocaleMiddleware would also follow the browser's Accept-Language header; a browser set
to English would then get Django's own texts (dates, form errors) in English while our texts are
still Dutch. So only the user's own choice counts: the language cookie that Django's
`set_language` view writes (the switch in base.html posts to it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import LazyObject, empty
from django.views.i18n import set_language as django_set_language


def _offered(code: str) -> bool:
    return code in {language for language, _name in settings.LANGUAGES}


def recipient_language(user: Any) -> str:
    """The language to write to this account in (a mail, a report): its preference, else
    Dutch. `user` may be None (an address without an account)."""
    code = getattr(user, "language", "") or ""
    return code if _offered(code) else settings.LANGUAGE_CODE


def cookie_language(request: HttpRequest) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if _offered(code) else ""


def chosen_language(request: HttpRequest) -> str:
    """The account's preference when logged in and set, else the cookie's language when we
    offer it, else the default (Dutch)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and _offered(user.language):
        return user.language
    return cookie_language(request) or settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    """Activates the chosen language for one request; ignores Accept-Language on purpose.

    The cookie's language is active from the start; the account's preference is looked up in
    `process_view`, like the log-in checks: a database error there is answered by handler500
    inside every middleware (their headers included), not in this one. The language is switched
    back afterwards, so that code running later in the same thread (a management command, a
    test) gets the default again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = cookie_language(request) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        user = _loaded_user(request)  # who is logged in now (also after a log-in)
        preferred = getattr(user, "language", "") if user and user.is_authenticated else ""
        if _offered(preferred) and preferred != cookie_language(request):
            _set_cookie(response, preferred)  # logged out later, the pages stay in it
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        language = chosen_language(request)
        if language != request.LANGUAGE_CODE:
            request.LANGUAGE_CODE = language
            translation.activate(language)  # __call__'s override puts the old one back


def _loaded_user(request: HttpRequest) -> Any:
    """request.user when it was looked up already, else None: no query on the way out (the
    database may be the reason the response is an error page)."""
    user = getattr(request, "user", None)
    if isinstance(user, LazyObject) and user._wrapped is empty:
        return None
    return user


def _set_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's view that stores the choice in the cookie, then goes back to the page (`next`).

    It needs no log-in: the switch is on the log-in page too, and it only sets a cookie. A
    logged-in user's choice is also stored on their account (mails follow it).
    """
    response = django_set_language(request)
    code = request.POST.get("language", "")
    user = request.user
    stored = request.method == "POST" and user.is_authenticated and _offered(code)
    if stored and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response
