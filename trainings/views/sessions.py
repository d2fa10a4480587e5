"""A half-day: its page in the room (tick-off, attendance, clock), schedule, programme and
follow-up. Ticks answer htmx with the changed row; without JavaScript they redirect back."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from teams import access
from teams.views.mixins import ScopedObjectMixin
from trainings import selectors, services
from trainings.constants import CurriculumKind, EnteredBy, EvaluationKind
from trainings.forms import (
    EvaluationForm,
    FinalEvaluationRowForm,
    FollowUpForm,
    RunBlockFormSet,
    SessionScheduleForm,
)
from trainings.models import Attendance, BlockOption, Evaluation, Participant, RunBlock, Session


class SessionMixin(ScopedObjectMixin):
    model = Session

    def scope_queryset(self, queryset):
        return queryset.select_related(
            "run__location", "run__national_trainer", "run__local_trainer"
        )


class SessionDetailView(SessionMixin, DetailView):
    """In the room: the blocks in order with a tap per state, attendance, and the clock."""

    rule = staticmethod(access.can_see_session_people)
    template_name = "trainings/session_detail.html"
    context_object_name = "session"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session = self.object
        blocks = selectors.session_blocks(session)
        context.update(
            run=session.run,
            blocks=blocks,
            participants=selectors.session_participants(session),
            clock=selectors.clock_for(session, blocks),
            can_tick=access.can_tick_session(self.request.user, session),
            can_manage=access.can_manage_run(self.request.user, session.run),
            siblings=list(session.run.sessions.only("pk", "number", "date")),
        )
        return context


class TickView(SessionMixin, SingleObjectMixin, View):
    """Base of the two tick endpoints: POST only, a fresh token per tap, a row as answer."""

    rule = staticmethod(access.can_tick_session)
    row_template = ""

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = session = self.get_object()
        try:
            token = uuid.UUID(request.POST.get("token", ""))
        except ValueError:
            return HttpResponseBadRequest(
                _("Dit vinkje mist zijn kenmerk. Laad de pagina opnieuw.")
            )
        seen = request.POST.get("version", "")
        seen_version = int(seen) if seen.isdigit() and len(seen) < 10 else None
        try:
            row, message, status = self.outcome(session, token, seen_version)
        except (RunBlock.DoesNotExist, Participant.DoesNotExist) as missing:
            raise Http404 from missing  # not a row of this session
        if not request.htmx:
            if message:
                messages.warning(request, message)
            return redirect(f"{session.get_absolute_url()}#{self.anchor(row)}")
        return HttpResponse(self.render_row(session, row, message), status=status)

    def outcome(self, session: Session, token: uuid.UUID, seen_version: int | None):
        """(the row as it now is, a message for the trainer, the HTTP status)."""
        try:
            return self.tick(session, token, seen_version).row, "", 200
        except ValidationError as error:
            return self.current_row(session), " ".join(error.messages), 422
        except services.TickConflict as conflict:
            message = _("Een collega heeft dit intussen veranderd. Kijk of het klopt.")
            return conflict.current, message, 409

    def render_row(self, session: Session, row: Any, message: str) -> str:
        raise NotImplementedError

    def anchor(self, row: Any) -> str:
        raise NotImplementedError


class BlockTickView(TickView):
    def tick(self, session, token, seen_version):
        return services.tick_block(
            session=session,
            block_id=self.kwargs["block_pk"],
            token=token,
            status=self.request.POST.get("status", ""),
            note=self.request.POST.get("note", "").replace("\x00", "").strip()[:500],
            seen_version=seen_version,
            actor=self.request.user,
        )

    def current_row(self, session):
        return RunBlock.objects.select_related("ticked_by__person").get(
            session=session, pk=self.kwargs["block_pk"]
        )

    def anchor(self, row) -> str:
        return f"blok-{row.pk}"

    def render_row(self, session, row, message) -> str:
        blocks = selectors.session_blocks(session)
        block = next(block for block in blocks if block.pk == row.pk)
        context = {
            "block": block,
            "session": session,
            "can_tick": True,
            "message": message,
            "clock": selectors.clock_for(session, blocks),
            "oob": True,
        }
        return render_to_string("trainings/includes/block_row.html", context, self.request)


class AttendanceTickView(TickView):
    def tick(self, session, token, seen_version):
        return services.tick_attendance(
            session=session,
            participant_id=self.kwargs["participant_pk"],
            token=token,
            field=self.request.POST.get("field", "status"),
            value=self.request.POST.get("value", ""),
            seen_version=seen_version,
            actor=self.request.user,
        )

    def current_row(self, session):
        participant = Participant.objects.get(
            run_id=session.run_id, pk=self.kwargs["participant_pk"]
        )
        return Attendance(session=session, participant=participant)

    def anchor(self, row) -> str:
        return f"deelnemer-{row.participant_id}"

    def render_row(self, session, row, message) -> str:
        participant = Participant.objects.select_related("person").get(pk=row.participant_id)
        participant.here = row if row.pk else None
        context = {"participant": participant, "session": session, "can_tick": True}
        context["message"] = message
        return render_to_string("trainings/includes/attendance_row.html", context, self.request)


class SessionClockView(SessionMixin, SingleObjectMixin, View):
    rule = staticmethod(access.can_tick_session)

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.get_object()
        action = request.POST.get("action", "")
        if action not in {"start", "finish", "reopen"}:
            return HttpResponseBadRequest(_("Onbekende keuze."))
        services.session_clock(session=session, action=action)
        return redirect(session)


class SessionScheduleView(SessionMixin, UpdateView):
    rule = staticmethod(access.can_manage_session)
    form_class = SessionScheduleForm
    template_name = "trainings/session_schedule.html"
    context_object_name = "session"

    def form_valid(self, form) -> HttpResponse:
        form.save()
        messages.success(self.request, _("Datum, tijd en plaats zijn opgeslagen."))
        return redirect(self.object.run)


class SessionProgrammeView(SessionMixin, DetailView):
    """Adapt a half-day locally: choose options, change minutes, swap or add blocks.

    'Blok toevoegen' works without JavaScript: it re-shows the form with one empty row more.
    """

    rule = staticmethod(access.can_manage_session)
    template_name = "trainings/session_programme.html"
    context_object_name = "session"

    def get_formset(self, data=None) -> RunBlockFormSet:
        session = self.object
        options: dict[int, list[str]] = {}
        for source_id, title in BlockOption.objects.filter(
            block__run_blocks__session=session
        ).values_list("block_id", "title"):
            options.setdefault(source_id, []).append(title)
        if data is not None and "add_block" in data:
            data = data.copy()
            total = data.get("form-TOTAL_FORMS", "")
            total = int(total) if total.isdigit() and len(total) < 4 else 0
            data["form-TOTAL_FORMS"] = str(min(total + 1, RunBlockFormSet.max_num))
        return RunBlockFormSet(data, queryset=session.blocks.all(), options=options)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        formset = kwargs.setdefault("formset", self.get_formset())
        kwargs["total_minutes"] = sum(
            (form.instance.minutes or 0) for form in formset.forms if form.instance.pk
        )
        return super().get_context_data(run=self.object.run, **kwargs)

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = session = self.get_object()
        formset = self.get_formset(request.POST)
        if "add_block" in request.POST:
            formset.is_valid()  # show what is wrong already, but save nothing yet
            return self.render_to_response(self.get_context_data(formset=formset))
        if not formset.is_valid():
            messages.error(request, _("Niet opgeslagen. Kijk naar de meldingen bij de blokken."))
            return self.render_to_response(self.get_context_data(formset=formset), status=422)
        services.programme_save(session=session, formset=formset)
        messages.success(request, _("Het programma van dit dagdeel is opgeslagen."))
        return redirect(reverse("trainings:session_programme", args=[session.pk]))


class SessionFollowUpView(SessionMixin, DetailView):
    """After the half-day: homework, score and remark per participant; the final evaluation
    after the last half-day of the training."""

    rule = staticmethod(access.can_tick_session)
    template_name = "trainings/session_follow_up.html"
    context_object_name = "session"

    def is_last(self) -> bool:
        session = self.object
        return session.run.kind == CurriculumKind.TRAINING and session.number == (
            services.last_session_number(session.run)
        )

    def get_rows(self, data=None) -> list[dict[str, Any]]:
        session = self.object
        participants = selectors.session_participants(session)
        evaluations = {
            (e.participant_id, e.kind): e for e in Evaluation.objects.filter(session=session)
        }
        last = self.is_last()
        rows = []
        for participant in participants:
            here = participant.here
            own = evaluations.get((participant.pk, EvaluationKind.SESSION))
            final = evaluations.get((participant.pk, EvaluationKind.FINAL))
            initial = {
                "homework_done": {True: "ja", False: "nee"}.get(
                    here.homework_done if here else None, ""
                ),
                "score": own.score if own else None,
                "remark": own.remark if own else "",
            }
            row = {
                "participant": participant,
                "form": FollowUpForm(data, prefix=f"p{participant.pk}", initial=initial),
                "entered_by_participant": own and own.entered_by == EnteredBy.PARTICIPANT,
            }
            if last:
                row["final"] = FinalEvaluationRowForm(
                    data,
                    prefix=f"e{participant.pk}",
                    initial={
                        "score": final.score if final else None,
                        "remark": final.remark if final else "",
                    },
                )
            rows.append(row)
        return rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("rows", self.get_rows())
        return super().get_context_data(run=self.object.run, is_last=self.is_last(), **kwargs)

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = session = self.get_object()
        rows = self.get_rows(request.POST)
        forms = [row["form"] for row in rows] + [row["final"] for row in rows if "final" in row]
        checked = [form.is_valid() for form in forms]  # every form, for all its messages
        if not all(checked):
            messages.error(request, _("Niet opgeslagen. Kijk naar de meldingen hieronder."))
            return self.render_to_response(self.get_context_data(rows=rows), status=422)
        services.follow_up_save(
            session=session,
            rows=[(row["participant"], row["form"].cleaned_data) for row in rows],
            final_rows=[
                (row["participant"], row["final"].cleaned_data) for row in rows if "final" in row
            ],
        )
        messages.success(request, _("Oefenopdrachten en evaluaties zijn opgeslagen."))
        return redirect(session)


class MyEvaluationView(SessionMixin, DetailView):
    """A participant evaluates a half-day (and, after the last one, the whole training)."""

    rule = staticmethod(access.is_participant)
    template_name = "trainings/my_evaluation.html"
    context_object_name = "session"

    def get_object(self, queryset=None) -> Session:
        session = super().get_object(queryset)
        person_id = access.scope_for(self.request.user).person_id
        self.participant = session.run.participants.get(person_id=person_id)
        return session

    def kinds(self) -> list[str]:
        session = self.object
        is_last = session.run.kind == CurriculumKind.TRAINING and session.number == (
            services.last_session_number(session.run)
        )
        return (
            [EvaluationKind.SESSION, EvaluationKind.FINAL] if is_last else [EvaluationKind.SESSION]
        )

    def get_forms(self, data=None) -> list[tuple[str, EvaluationForm]]:
        existing = {
            e.kind: e
            for e in Evaluation.objects.filter(session=self.object, participant=self.participant)
        }
        forms = []
        for kind in self.kinds():
            found = existing.get(kind)
            initial = {"score": found.score, "remark": found.remark} if found else {}
            forms.append((kind, EvaluationForm(data, prefix=kind, initial=initial)))
        return forms

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("forms", self.get_forms() if self.object.is_held else [])
        return super().get_context_data(run=self.object.run, **kwargs)

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = session = self.get_object()
        if not session.is_held:
            messages.warning(request, _("Dit dagdeel is nog niet geweest. Evalueer het daarna."))
            return redirect(session.run)
        forms = self.get_forms(request.POST)
        checked = [form.is_valid() for _kind, form in forms]
        if not all(checked):
            return self.render_to_response(self.get_context_data(forms=forms), status=422)
        for kind, form in forms:
            services.evaluation_save(
                session=session,
                participant=self.participant,
                kind=kind,
                entered_by=EnteredBy.PARTICIPANT,
                **form.cleaned_data,
            )
        messages.success(request, _("Dank u wel! Uw evaluatie is opgeslagen."))
        return redirect(session.run)
