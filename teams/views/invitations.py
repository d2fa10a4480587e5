"""Invitations (teams/invitations.py): the location's list with the form to invite someone,
resend and revoke; and the page the link in the mail opens, which needs no log-in.

The link's token is swapped for the session at once (as Django's password reset does): the
address bar, the browser history and a Referer header then no longer hold a working link.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from teams import access, invitations
from teams.constants import InvitationStatus
from teams.forms import InvitationAcceptForm, InvitationForm
from teams.models import Invitation
from teams.views.mixins import LocationChildMixin

SESSION_KEY = "invitation_token"
ACCEPT_PATH_NAME = "teams:invitation_accept_page"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class InvitationListView(LocationChildMixin, FormView):
    """The location's invitations, newest first, and the form to send a new one."""

    form_class = InvitationForm
    template_name = "teams/invitation_list.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "location": self.location,
            "roles": access.invitable_roles(self.request.user, self.location),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            invitations=self.location.invitations.select_related("organisation", "person"),
            valid_days=settings.INVITATION_VALID_DAYS,
            **kwargs,
        )

    def form_valid(self, form: InvitationForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            invitation = invitations.invitation_send(
                location=self.location,
                email=data["email"],
                given_name=data["given_name"],
                family_name=data["family_name"],
                role=data["role"],
                organisation=data["organisation"],
                language=data["language"],
                invited_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De uitnodiging aan %(email)s is verstuurd.") % {"email": invitation.email},
        )
        return redirect("teams:invitation_list", location_pk=self.location.pk)


def _managed_invitation(request: HttpRequest, pk: int) -> Invitation:
    invitation = access.get_visible_or_404(Invitation, request.user, pk=pk)
    access.require(request.user, access.can_manage_location_of, invitation)
    return invitation


def _act(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    invitation = _managed_invitation(request, pk)
    try:
        service(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"email": invitation.email})
    return redirect("teams:invitation_list", location_pk=invitation.location_id)


@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        invitations.invitation_resend,
        _("De uitnodiging aan %(email)s is opnieuw verstuurd, met een nieuwe link."),
    )


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        invitations.invitation_revoke,
        _("De uitnodiging aan %(email)s is ingetrokken; de link werkt niet meer."),
    )


def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail: keep the token in the session and go on without it in the URL."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None or not invitation.is_open:
        return _not_usable(request, invitation)
    request.session[SESSION_KEY] = token
    return redirect(ACCEPT_PATH_NAME)


class InvitationAcceptView(View):
    """Take the role: with the existing account (logged in as it), or with a new one."""

    template_name = "teams/invitation_accept.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.invitation = invitations.invitation_for_token(request.session.get(SESSION_KEY, ""))
        if self.invitation is None or not self.invitation.is_open:
            return _not_usable(request, self.invitation)
        person = self.invitation.person
        self.account = person.user if person and person.user_id else None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(InvitationAcceptForm(invitation=self.invitation))

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if self.account is not None:
            if not user.is_authenticated:
                return redirect_to_login(reverse(ACCEPT_PATH_NAME))
            if user.pk != self.account.pk:
                return self.show(None)
            return self.accept_with_account()
        if user.is_authenticated:
            return self.show(None)
        form = InvitationAcceptForm(request.POST, invitation=self.invitation)
        if not form.is_valid():
            return self.show(form)
        try:
            account = invitations.invitation_accept_new_account(
                invitation=self.invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.show(form)
        login(request, account, backend=MODEL_BACKEND)
        request.session.pop(SESSION_KEY, None)
        welcome = _("Welkom bij Wijkkracht, %(name)s.") % {"name": account.first_name}
        messages.success(request, welcome)
        if settings.TWO_FACTOR_REQUIRED and access.requires_two_factor(account):
            return redirect(reverse("teams:two_factor_setup") + "?" + urlencode({"next": "/"}))
        return redirect("home")

    def accept_with_account(self) -> HttpResponse:
        try:
            invitations.invitation_accept_with_account(
                invitation=self.invitation, user=self.request.user
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return self.show(None)
        self.request.session.pop(SESSION_KEY, None)
        messages.success(
            self.request,
            _("U bent nu %(role)s bij %(location)s.")
            % {
                "role": self.invitation.get_role_display().lower(),
                "location": self.invitation.location.name,
            },
        )
        return redirect("home")

    def show(self, form: InvitationAcceptForm | None) -> HttpResponse:
        user = self.request.user
        context = {
            "invitation": self.invitation,
            "has_account": self.account is not None,
            "is_that_account": self.account is not None and user.pk == self.account.pk,
            "logged_in_as_other": user.is_authenticated
            and (self.account is None or user.pk != self.account.pk),
            "login_url": reverse("login") + "?" + urlencode({"next": reverse(ACCEPT_PATH_NAME)}),
            "form": form if self.account is None and not user.is_authenticated else None,
        }
        return render(self.request, self.template_name, context)


def _not_usable(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """Why the link no longer works, with the way on; 404 for a link that never existed."""
    status = invitation.status if invitation else ""
    return render(
        request,
        "teams/invitation_unusable.html",
        {"status": status, "statuses": InvitationStatus, "invitation": invitation},
        status=404 if invitation is None else 410,
    )
