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
from teams.forms import TwoFactorChangeForm, TwoFactorCodeForm


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
        result = two_factor.verify(self.request, form.cleaned_data["code"])
        if not result.ok:
            form.add_error("code", result.reason)
            return self.form_invalid(form)
        return HttpResponseRedirect(_next_url(self.request))


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(FormView):
    """Scan the QR code (or type the key), confirm with a first code, note the backup codes."""

    form_class = TwoFactorCodeForm
    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        # Asked of the database, not of the session: a session that logged in before the user
        # switched it on must never enrol a device over theirs (see confirm_app_device).
        if two_factor.is_enabled(request.user):
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


def _status_context(request: HttpRequest, **forms: Any) -> dict[str, Any]:
    user = request.user
    return {
        "enabled": two_factor.is_enabled(user),
        "may_disable": not (settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(user)),
        "replace_form": forms.get("replace_form")
        or TwoFactorChangeForm(user=user, prefix=TwoFactorReplaceView.prefix),
        "disable_form": forms.get("disable_form")
        or TwoFactorChangeForm(user=user, prefix=TwoFactorDisableView.prefix),
    }


@method_decorator(never_cache, name="dispatch")
class TwoFactorStatusView(TemplateView):
    """Account > two-factor log-in: on or off, new backup codes, a new phone, switch off."""

    template_name = "registration/two_factor_status.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**_status_context(self.request), **kwargs)


class TwoFactorBackupCodesView(View):
    """POST: ten new backup codes (the old ones stop working); only in a verified session."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_verified():
            return redirect("teams:two_factor_status")
        return _backup_codes_page(
            request, two_factor.new_backup_codes(request.user), just_enabled=False
        )


@method_decorator(never_cache, name="dispatch")
class _TwoFactorChangeView(View):
    """POST with the password and a current code (from the app or a backup code): only then
    are the user's devices removed. A session alone, however old, is not enough."""

    form_name = ""
    prefix = ""  # two such forms on the status page: their fields need their own ids

    def post(self, request: HttpRequest) -> HttpResponse:
        if not two_factor.is_enabled(request.user):
            return redirect("teams:two_factor_status")
        refusal = self.refusal(request)
        if refusal:
            messages.error(request, refusal)
            return redirect("teams:two_factor_status")
        form = TwoFactorChangeForm(request.POST, user=request.user, prefix=self.prefix)
        if not form.is_valid():
            context = _status_context(request, **{self.form_name: form})
            return render(request, "registration/two_factor_status.html", context)
        two_factor.remove_devices(request)
        return self.done(request)

    def refusal(self, request: HttpRequest) -> str:
        return ""

    def done(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError


class TwoFactorReplaceView(_TwoFactorChangeView):
    """A new phone: the old device and backup codes go, the set-up starts again."""

    form_name = "replace_form"
    prefix = "nieuw"

    def done(self, request: HttpRequest) -> HttpResponse:
        messages.info(
            request, _("Uw oude app en back-upcodes werken niet meer. Stel nu de nieuwe in.")
        )
        return redirect("teams:two_factor_setup")


class TwoFactorDisableView(_TwoFactorChangeView):
    """Switch two-factor log-in off, when the user's role does not require it."""

    form_name = "disable_form"
    prefix = "uit"

    def refusal(self, request: HttpRequest) -> str:
        if settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(request.user):
            return _("Voor uw rol is inloggen in twee stappen verplicht.")
        return ""

    def done(self, request: HttpRequest) -> HttpResponse:
        messages.success(request, _("Inloggen in twee stappen staat nu uit."))
        return redirect("teams:two_factor_status")
