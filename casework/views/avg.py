"""The AVG duties: a resident's export (JSON and PDF), their access report, erasure on request,
a beheerder's break-glass access and a location's casework audit trail.

Who: the export, the access report and erasure are for the resident's partners who see the
file (not visible: 404; visible but not a partner: 403). Break-glass is for beheerders only
(everybody else: 404). The audit trail is for the location's privacyfunctionaris.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from casework import avg, selectors, services
from casework.constants import AuditAction, TallySource
from casework.forms import BreakGlassForm, EraseForm
from casework.models import BreakGlassAccess, CaseAuditEvent, Resident
from casework.views.common import ReadAuditMixin, add_service_error
from teams import access
from teams.filters import StyledFilterSet
from teams.views.mixins import LocationChildMixin

DOCUMENT_CSS = settings.BASE_DIR / "static" / "css" / "casework_document.css"
AUDIT_PAGE_SIZE = 50


def _private(response: HttpResponse) -> HttpResponse:
    """Personal data: never kept in a shared or browser cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class PartnerResidentMixin:
    """The resident of the URL, if the user sees the file (else 404) and is a partner in it
    (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        self.resident = get_object_or_404(
            Resident.objects.visible_to(request.user).select_related(
                *avg.RESIDENT_RELATED, "location__urgent_agreement"
            ),
            pk=kwargs["pk"],
        )
        access.require(request.user, access.is_case_partner, self.resident)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Every case page shows the location's agreement on urgent situations.
        location = self.resident.location
        kwargs.setdefault("urgent_agreement", selectors.urgent_agreement_of(location))
        kwargs.setdefault("location", location)
        return super().get_context_data(resident=self.resident, **kwargs)


# --- Right of access: the export --------------------------------------------------------------


def _export(request, resident: Resident, kind: str) -> avg.ResidentFile:
    """Write the audit entry of the export, then read the file (so the log holds this export)."""
    services.audit(resident, request.user, AuditAction.EXPORT, f"export {kind}")
    return avg.resident_file(resident)


class ResidentExportView(PartnerResidentMixin, View):
    """All data about one resident as JSON (`?formaat=json`, the default) or PDF."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("formaat", "json")
        if kind == "pdf":
            return redirect("casework:resident_export_pdf", pk=self.resident.pk)
        if kind != "json":
            raise Http404
        with transaction.atomic():
            data = avg.export_data(
                _export(request, self.resident, "json"), exported_by=request.user
            )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="wijkkracht-dossier-{self.resident.pk}.json"'
        )
        return _private(response)


def export_html(file: avg.ResidentFile, *, exported_by: Any, request: Any = None) -> str:
    """The HTML the PDF is made from (autoescaped: notes are text, never markup)."""
    context = {
        "file": file,
        "resident": file.resident,
        "exported_by": avg.actor_name(exported_by),
        "exported_at": timezone.now(),
        "document_css": DOCUMENT_CSS.read_text(encoding="utf-8"),
    }
    return render_to_string("casework/export_pdf.html", context, request=request)


class ResidentExportPdfView(PartnerResidentMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        import weasyprint  # heavy; only this view needs it

        with transaction.atomic():
            file = _export(request, self.resident, "pdf")
            html = export_html(file, exported_by=request.user, request=request)
            pdf = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="wijkkracht-dossier-{self.resident.pk}.pdf"'
        )
        return _private(response)


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The PDF is rendered from our template alone: never fetch a URL (no SSRF, no leaks)."""
    raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")


# --- "Wie heeft mijn dossier bekeken" ---------------------------------------------------------


class AccessReportView(ReadAuditMixin, PartnerResidentMixin, TemplateView):
    """The resident's access log in plain Dutch, to print and hand over (this read in it)."""

    template_name = "casework/access_report.html"
    read_subject = "inzageoverzicht"

    def get(self, request, *args, **kwargs):
        return _private(super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # first: it writes this read
        context.update(
            entries=avg.access_log(self.resident.pk, self.resident.location_id),
            printed_at=timezone.now(),
        )
        return context


# --- Right to erasure ------------------------------------------------------------------------


class ResidentEraseView(ReadAuditMixin, PartnerResidentMixin, TemplateView):
    template_name = "casework/erase_confirm.html"
    read_subject = "formulier wissen"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", EraseForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = EraseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.resident_erase(
                resident=self.resident,
                actor=request.user,
                source=TallySource.ERASED,
                reason=form.reason_text(),
            )
        except ValidationError as error:  # erased by someone else meanwhile: it is gone
            messages.info(request, " ".join(error.messages))
            return redirect("casework:case_list")
        messages.success(
            request,
            _("Het dossier is gewist. Alleen anonieme tellingen zijn bewaard gebleven."),
        )
        return redirect("casework:case_list")


# --- Break-glass -----------------------------------------------------------------------------


class BreakGlassView(TemplateView):
    """A beheerder opens one file for an hour, with a reason (logged). Others: 404."""

    template_name = "casework/break_glass.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.scope_for(request.user).is_admin:
            raise Http404
        # Not visible_to: a beheerder sees no file until they state a reason.
        self.resident = get_object_or_404(
            Resident.objects.select_related("location"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", BreakGlassForm())
        active = (
            BreakGlassAccess.objects.filter(
                resident=self.resident, user=self.request.user, expires_at__gt=timezone.now()
            )
            .order_by("-expires_at")
            .first()
        )
        return super().get_context_data(
            resident=self.resident,
            active=active,
            hours=int(services.BREAK_GLASS_DURATION.total_seconds() // 3600),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = BreakGlassForm(request.POST)
        if form.is_valid():
            try:
                services.break_glass_open(
                    user=request.user, resident=self.resident, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.warning(
                    request,
                    _("U heeft noodtoegang tot dit dossier. Dit is vastgelegd met uw reden."),
                )
                return redirect(self.resident.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


# --- The casework audit trail of a location ---------------------------------------------------


class AuditEventFilter(StyledFilterSet):
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("handeling"),
        choices=AuditAction.choices,
        empty_label=gettext_lazy("Alle"),
    )
    resident = django_filters.NumberFilter(
        field_name="resident_id",
        label=gettext_lazy("bewonernummer"),
        min_value=1,
    )

    class Meta:
        model = CaseAuditEvent
        fields: list[str] = []


@dataclass
class AuditRow:
    event: CaseAuditEvent
    who: str
    subject: str
    fields: list[str]
    reason: str


class AuditTrailView(LocationChildMixin, TemplateView):
    """Every read, change, export and erasure of casework data at one location, newest first.
    Ids and field names only: no personal data."""

    template_name = "casework/audit_trail.html"
    location_rule = staticmethod(access.can_see_case_audit)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        events = (
            CaseAuditEvent.objects.filter(location=self.location)
            .select_related("actor__person")
            .order_by("-at", "-pk")
        )
        filterset = AuditEventFilter(self.request.GET or None, queryset=events)
        if filterset.is_bound and filterset.is_valid():
            events = filterset.qs
        page = Paginator(events, AUDIT_PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        rows = [
            AuditRow(
                event=event,
                who=avg.actor_name(event.actor),
                subject=avg.subject_label(event.subject),
                fields=[avg.field_label(name) for name in event.fields],
                reason=avg.reason_label(event.reason),
            )
            for event in page.object_list
        ]
        context.update(filter=filterset, page=page, rows=rows, query=query.urlencode())
        return context
