"""Certificates of participation: who earns one, and the certificate as HTML and as PDF.

The rule itself (how many half-days) is `services.earns_certificate`; this module counts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from trainings import services
from trainings.constants import AttendanceStatus
from trainings.models import Attendance, Participant, Session, TrainingRun

CERTIFICATE_CSS = settings.BASE_DIR / "static" / "css" / "certificate.css"
TEMPLATE = "trainings/certificate_pdf.html"


def with_attendance_counts(queryset: QuerySet) -> QuerySet:
    """Participants with `attended` (half-days present) and `session_count` (half-days of the
    run), in the same query as the participants themselves."""
    sessions = (
        Session.objects.filter(run=OuterRef("run"))
        .order_by()
        .values("run")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
        session_count=Coalesce(Subquery(sessions[:1]), 0),
    )


def earns(participant: Participant) -> bool:
    """Whether a participant from `with_attendance_counts` earns the certificate."""
    return services.earns_certificate(
        participant.run, participant.attended, participant.session_count
    )


def certificate_standing(run: TrainingRun) -> list[Participant]:
    """Every participant of the run with `attended`, `session_count` and `earns_certificate`:
    one query, however many participants."""
    participants = with_attendance_counts(
        Participant.objects.filter(run=run).select_related("person")
    )
    standing = []
    for participant in participants:
        participant.run = run  # the rule reads the run: no query per participant
        participant.earns_certificate = earns(participant)
        standing.append(participant)
    return standing


def attended_sessions(participant: Participant) -> list[Session]:
    return [
        attendance.session
        for attendance in Attendance.objects.filter(
            participant=participant, status=AttendanceStatus.PRESENT
        )
        .select_related("session")
        .order_by("session__number")
    ]


def certificate_context(participant: Participant) -> dict[str, Any]:
    run = participant.run
    trainers = [t for t in (run.national_trainer, run.local_trainer) if t is not None]
    return {
        "participant": participant,
        "person": participant.person,
        "run": run,
        "location": run.location,
        "sessions": attended_sessions(participant),
        "trainers": trainers,
        "issued_on": timezone.localdate(),
        "certificate_css": CERTIFICATE_CSS.read_text(encoding="utf-8"),
    }


def render_certificate_html(participant: Participant) -> str:
    """The certificate as the HTML that WeasyPrint gets (autoescaped by the template)."""
    return render_to_string(TEMPLATE, certificate_context(participant))


def render_certificate_pdf(participant: Participant) -> bytes:
    import weasyprint  # imported here: it is heavy and only the certificate needs it

    html = render_certificate_html(participant)
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def certificate_filename(participant: Participant) -> str:
    name = slugify(participant.person.full_name) or str(participant.pk)
    return f"certificaat-{name}.pdf"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The certificate is rendered from our template alone: never fetch a URL."""
    raise ValueError(f"Refusing to fetch {url!r} while rendering a certificate")
