"""The user's calendar links (teams/calendar_links.py): which exist, and revoke one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from teams import calendar_links
from teams.models import CalendarLink


class CalendarLinkListView(TemplateView):
    template_name = "teams/calendar_links.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        links = calendar_links.active_links(self.request.user)
        rows = [
            (link, self.request.build_absolute_uri(calendar_links.path_of(link))) for link in links
        ]
        return super().get_context_data(rows=rows, **kwargs)


@require_POST
def calendar_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Only one's own links; another user's is a 404 (never a hint that it exists)."""
    link = CalendarLink.objects.filter(pk=pk, user=request.user, revoked_at__isnull=True).first()
    if link is None:
        raise Http404
    calendar_links.revoke(link)
    messages.success(
        request,
        _(
            "De agenda-link is ingetrokken: %(name)s. Een agenda die hem gebruikte, krijgt geen "
            "nieuwe afspraken meer. Op de pagina van de agenda staat nu een nieuwe link."
        )
        % {"name": link},
    )
    return redirect("teams:calendar_links")
