"""Accounts locked after failed log-ins (teams/throttling.py): coordinators and beheerders
see them and may lift one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from teams import access, throttling


class LockoutListView(TemplateView):
    template_name = "teams/lockout_list.html"

    def dispatch(self, request, *args, **kwargs):
        access.require(request.user, access.can_see_lockouts, None)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            lockouts=throttling.current_lockouts(),
            address_limit=settings.AXES_FAILURE_LIMIT,
            account_limit=settings.AXES_ACCOUNT_FAILURE_LIMIT,
            cool_off_minutes=int(settings.AXES_COOLOFF_TIME * 60),
            **kwargs,
        )


@require_POST
def lockout_release(request):
    access.require(request.user, access.can_see_lockouts, None)
    username = request.POST.get("username", "")[:150]
    if username and throttling.unlock(username):
        messages.success(request, _("De blokkade van %(name)s is opgeheven.") % {"name": username})
    return redirect("teams:lockout_list")
