"""Runs: the list, a new run for a location, its overview, settings and participants."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, UpdateView

from teams import access
from teams.constants import Role
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin
from trainings import selectors, services
from trainings.forms import ParticipantsForm, RunCreateForm, RunForm
from trainings.models import TrainingRun


class RunListView(ListView):
    template_name = "trainings/run_list.html"
    context_object_name = "runs"

    def get_queryset(self):
        return selectors.runs_for_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from trainings.calendar import trainer_feed_url

        scope = access.scope_for(self.request.user)
        if scope.person_id and scope.has_role(Role.TRAINER):
            link = trainer_feed_url(self.request.user, scope.person_id)
            kwargs["trainer_feed_url"] = self.request.build_absolute_uri(link)
        return super().get_context_data(**kwargs)


class RunCreateView(LocationChildMixin, FormView):
    form_class = RunCreateForm
    template_name = "trainings/run_create.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "location": self.location}

    def form_valid(self, form: RunCreateForm) -> HttpResponse:
        run = services.run_create(location=self.location, **form.cleaned_data)
        messages.success(
            self.request,
            _("De run is aangemaakt. Plan nu de dagdelen en kies de deelnemers."),
        )
        return redirect(run)


class RunDetailView(ScopedObjectMixin, DetailView):
    """The run's overview: progress, sessions, participants (per person only for who may)."""

    model = TrainingRun
    template_name = "trainings/run_detail.html"
    context_object_name = "run"

    def get_object(self, queryset=None) -> TrainingRun:
        try:
            self.overview = selectors.run_overview(self.kwargs["pk"], self.request.user)
        except TrainingRun.DoesNotExist as missing:
            raise Http404 from missing
        return self.overview.run

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from trainings.calendar import run_feed_url

        context = super().get_context_data(**kwargs)
        run, user = self.object, self.request.user
        overview = self.overview
        sees_people = access.can_see_run_people(user, run)
        person_id = access.scope_for(user).person_id
        mine = next((p for p in overview.participants if p.person_id == person_id), None)
        context.update(
            overview=overview,
            sessions=overview.sessions,
            sees_people=sees_people,
            participants=overview.participants if sees_people else [],
            mine=mine,
            my_attendance=selectors.attendance_of(mine, overview.sessions) if mine else [],
            can_manage=access.can_manage_run(user, run),
            can_tick=access.can_tick_run(user, run),
            # A national trainer trains at locations they are no member of: no link to a 404.
            sees_location=access.scope_for(user).can_see_location(run.location_id),
            feed_url=self.request.build_absolute_uri(run_feed_url(run, user)),
        )
        return context


class RunManageMixin(ScopedObjectMixin):
    model = TrainingRun
    rule = staticmethod(access.can_manage_run)

    def scope_queryset(self, queryset):
        return queryset.select_related("location")


class RunUpdateView(RunManageMixin, UpdateView):
    form_class = RunForm
    template_name = "trainings/run_form.html"
    context_object_name = "run"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "location": self.object.location}

    def form_valid(self, form: RunForm) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, _("De gegevens van de run zijn opgeslagen."))
        return response


class RunParticipantsView(RunManageMixin, DetailView):
    """Choose the participants. Someone whose attendance was recorded cannot be removed."""

    template_name = "trainings/run_participants.html"
    context_object_name = "run"

    def get_form(self, data=None) -> ParticipantsForm:
        current = list(self.object.participants.values_list("person_id", "role"))
        initial = {
            name: [pk for pk, held in current if held == role]
            for name, role in ParticipantsForm.FIELD_ROLES.items()
        }
        return ParticipantsForm(data, run=self.object, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs) -> HttpResponse:
        self.object = self.get_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            kept = services.participants_save(run=self.object, chosen=form.chosen())
            if kept:
                names = ", ".join(str(p.person) for p in kept)
                messages.warning(
                    request,
                    _("Niet verwijderd, want hun aanwezigheid is al vastgelegd: %(names)s.")
                    % {"names": names},
                )
            messages.success(request, _("De deelnemers zijn opgeslagen."))
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form))
