"""The certificate of participation as a PDF download (WeasyPrint)."""

from __future__ import annotations

from typing import Any

from auditlog.signals import accessed
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from teams import access
from teams.views.mixins import ScopedObjectMixin
from trainings import certificates
from trainings.models import Participant


class CertificatePdfView(ScopedObjectMixin, DetailView):
    """Outside the user's scope: 404; not the participant nor who sees the run's people: 403;
    no certificate (yet): 404."""

    model = Participant
    rule = staticmethod(access.can_see_participation)

    def scope_queryset(self, queryset):
        return certificates.with_attendance_counts(
            queryset.select_related(
                "person", "run__location", "run__national_trainer", "run__local_trainer"
            )
        )

    def get_object(self, queryset=None) -> Participant:
        participant = super().get_object(queryset)
        if not certificates.earns(participant):
            raise Http404(_("Voor deze deelname is er (nog) geen certificaat."))
        return participant

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        participant = self.object
        accessed.send(Participant, instance=participant)  # a download is a read: audit it
        pdf = certificates.render_certificate_pdf(participant)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = certificates.certificate_filename(participant)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
