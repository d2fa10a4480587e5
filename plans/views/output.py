"""The plan on paper: a print view and a PDF (WeasyPrint) in the layout of Bijlage 1."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.generic import DetailView

from plans import selectors
from plans.models import PlanOfApproach
from plans.sections import SECTIONS
from teams.views.mixins import ScopedObjectMixin

DOCUMENT_CSS = settings.BASE_DIR / "static" / "css" / "plan_document.css"


class PlanPrintView(ScopedObjectMixin, DetailView):
    model = PlanOfApproach
    template_name = "plans/plan_print.html"
    context_object_name = "plan"

    def scope_queryset(self, queryset):
        return queryset.with_everything()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(members=selectors.team_members(self.object), sections=SECTIONS)
        return context


class PlanPdfView(PlanPrintView):
    template_name = "plans/plan_pdf.html"

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        import weasyprint  # imported here: it is heavy and only this view needs it

        context["document_css"] = DOCUMENT_CSS.read_text(encoding="utf-8")
        html = render_to_string(self.template_name, context, request=self.request)
        pdf = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
        plan = self.object
        filename = f"plan-van-aanpak-{slugify(plan.location.name)}-{plan.starts_on:%Y}.pdf"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The PDF is rendered from our template alone: never fetch a URL (no SSRF, no leaks)."""
    raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")
