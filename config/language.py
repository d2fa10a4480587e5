"""The interface language: Dutch, unless the user chose another one with the language switch.

Django's LocaleMiddleware would also follow the browser's Accept-Language header; a browser set
to English would then get Django's own texts (dates, form errors) in English while our texts are
still Dutch. So only the user's own choice counts: the language cookie that Django's
`set_language` view writes (the switch in base.html posts to it).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.i18n import set_language as django_set_language


def chosen_language(request: HttpRequest) -> str:
    """The language in the user's cookie when we offer it, else the default (Dutch)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code in {language for language, _name in settings.LANGUAGES}:
        return code
    return settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    """Activates the chosen language for one request; ignores Accept-Language on purpose.

    The language is switched back afterwards, so that code running later in the same thread
    (a management command, a test) gets the default again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's view that stores the choice in the cookie, then goes back to the page (`next`).

    It needs no log-in: the switch is on the log-in page too, and it only sets a cookie.
    """
    return django_set_language(request)
