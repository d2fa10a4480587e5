"""The pages of two-factor log-in: set it up, enter a code, new backup codes, switch it off.

The rules live elsewhere: who must use it in teams/access.py, the devices in
teams/two_factor.py, the redirect to these pages in teams/middleware.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from teams import access, two_factor
from teams.forms import TwoFactorCodeForm


def _next_url(request: HttpRequest) -> str:
    """Where to go after the step: a local `next`, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(FormView):
    """After the password: the code from the app (or a backup code)."""

    form_class = TwoFactorCodeForm
    template_name = "registration/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not two_factor.enabled_for_session(request):
            return HttpResponseRedirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(next=_next_url(self.request), **kwargs)

    def form_valid(self, form):
        if not two_factor.verify(self.request, form.cleaned_data["code"]):
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet, is verlopen of is al gebruikt. "
                    "Wacht op een nieuwe code in uw app en probeer het opnieuw."
                ),
            )
            return self.form_invalid(form)
        return HttpResponseRedirect(_next_url(self.request))


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(FormView):
    """Scan the QR code (or type the key), confirm with a first code, note the backup codes."""

    form_class = TwoFactorCodeForm
    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if two_factor.enabled_for_session(request):
            return redirect("teams:two_factor_status")
        self.device = two_factor.pending_app_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            qr_svg=two_factor.qr_svg(self.device),
            secret=two_factor.secret_for_display(self.device),
            required=settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(self.request.user),
            next=_next_url(self.request),
            **kwargs,
        )

    def form_valid(self, form):
        codes = two_factor.confirm_app_device(self.request, self.device, form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat, en "
                    "typ de code die de app nu laat zien."
                ),
            )
            return self.form_invalid(form)
        return _backup_codes_page(self.request, codes, just_enabled=True)


def _backup_codes_page(request: HttpRequest, codes: list[str], *, just_enabled: bool):
    response = render(
        request,
        "registration/two_factor_backup_codes.html",
        {"codes": codes, "just_enabled": just_enabled, "next": _next_url(request)},
    )
    response["Cache-Control"] = "no-store"
    return response


@method_decorator(never_cache, name="dispatch")
class TwoFactorStatusView(TemplateView):
    """Account > two-factor log-in: on or off, new backup codes, switch off (if allowed)."""

    template_name = "registration/two_factor_status.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            enabled=two_factor.is_enabled(user),
            may_disable=not (settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(user)),
            **kwargs,
        )


class TwoFactorBackupCodesView(View):
    """POST: ten new backup codes (the old ones stop working); only in a verified session."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_verified():
            return redirect("teams:two_factor_status")
        return _backup_codes_page(
            request, two_factor.new_backup_codes(request.user), just_enabled=False
        )


class TwoFactorDisableView(View):
    """POST: switch two-factor log-in off, when the user's role does not require it."""

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(user):
            messages.error(request, _("Voor uw rol is inloggen in twee stappen verplicht."))
        elif two_factor.is_enabled(user) and not user.is_verified():
            messages.error(request, _("Log eerst in met uw code."))
        else:
            two_factor.disable(request)
            messages.success(request, _("Inloggen in twee stappen staat nu uit."))
        return redirect("teams:two_factor_status")
