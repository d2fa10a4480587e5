"""People and their profiles: create and edit for the location's projectleider and admins."""

from __future__ import annotations

from typing import Any

from auditlog.mixins import LogAccessMixin
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, UpdateView

from teams import access, services
from teams.forms import (
    MAX_TEAM_MEMBERS,
    ExpertProfileForm,
    PersonCreateForm,
    PersonForm,
    ProjectTeamForm,
    ProjectTeamMemberFormSet,
    SocialWorkerProfileForm,
)
from teams.models import ExpertProfile, Person, SocialWorkerProfile
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin


class PersonDetailView(LogAccessMixin, ScopedObjectMixin, DetailView):
    """A person's directory entry; every read is written to the audit log."""

    model = Person
    template_name = "teams/person_detail.html"
    context_object_name = "person"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.with_profiles().prefetch_related(
            "expert_profile__themes", "expert_profile__talents"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_manage=access.can_manage_person(user, self.object),
            can_edit_profile=access.can_edit_profile(user, self.object),
            expert_profile=getattr(self.object, "expert_profile", None),
            social_worker_profile=getattr(self.object, "social_worker_profile", None),
        )
        return context


class PersonCreateView(LocationChildMixin, FormView):
    form_class = PersonCreateForm
    template_name = "teams/person_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "location": self.location}

    def form_valid(self, form: PersonCreateForm) -> HttpResponse:
        data = form.cleaned_data
        person = services.person_create(
            location=self.location,
            given_name=data["given_name"],
            family_name=data["family_name"],
            email=data["email"],
            phone=data["phone"],
            role=data["role"],
            organisation=data["organisation"],
        )
        messages.success(self.request, _("%(name)s is toegevoegd.") % {"name": person})
        return redirect(person)


class PersonUpdateView(ScopedObjectMixin, UpdateView):
    model = Person
    form_class = PersonForm
    template_name = "teams/person_form.html"
    rule = staticmethod(access.can_manage_person)

    def get_form_kwargs(self) -> dict[str, Any]:
        own = self.object.user_id is not None and self.object.user_id == self.request.user.pk
        return {**super().get_form_kwargs(), "own": own}

    def form_valid(self, form: PersonForm) -> HttpResponse:
        services.person_update(person=self.object, **form.cleaned_data)
        messages.success(self.request, _("De gegevens zijn opgeslagen."))
        return redirect(self.object)


class ProfileEditView(ScopedObjectMixin, UpdateView):
    """Edit (or start) one of a person's profiles; shared by the expert and worker profile."""

    model = Person
    rule = staticmethod(access.can_edit_profile)
    template_name = "teams/profile_form.html"
    profile_model: type = ExpertProfile
    title = ""

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        self.person = super().get_object(queryset)
        try:
            return self.profile_model.objects.get(person=self.person)
        except self.profile_model.DoesNotExist:
            return self.profile_model(person=self.person)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(person=self.person, title=self.title, **kwargs)

    def get_success_url(self) -> str:
        return self.person.get_absolute_url()


class ExpertProfileEditView(ProfileEditView):
    form_class = ExpertProfileForm
    profile_model = ExpertProfile
    title = gettext_lazy("Profiel ervaringsdeskundige")

    def form_valid(self, form: ExpertProfileForm) -> HttpResponse:
        profile = form.save(commit=False)
        services.expert_profile_save(
            profile=profile,
            themes=form.cleaned_data["themes"],
            talents=form.cleaned_data["talents"],
        )
        messages.success(self.request, _("Het profiel is opgeslagen."))
        return HttpResponseRedirect(self.get_success_url())


class SocialWorkerProfileEditView(ProfileEditView):
    form_class = SocialWorkerProfileForm
    profile_model = SocialWorkerProfile
    title = gettext_lazy("Profiel sociaal werker")

    def form_valid(self, form: SocialWorkerProfileForm) -> HttpResponse:
        services.social_worker_profile_save(profile=form.save(commit=False))
        messages.success(self.request, _("Het profiel is opgeslagen."))
        return HttpResponseRedirect(self.get_success_url())


class ProjectTeamEditView(LocationChildMixin, FormView):
    """The team's meeting rhythm and task division with its member rows, saved together."""

    form_class = ProjectTeamForm
    template_name = "teams/project_team_form.html"

    def get_team(self):
        if not hasattr(self, "_team"):
            self._team = services.project_team_for(self.location)
        return self._team

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.get_team()}

    def get_formset(self) -> ProjectTeamMemberFormSet:
        data = self.request.POST if self.request.method == "POST" else None
        return ProjectTeamMemberFormSet(
            data,
            instance=self.get_team(),
            prefix="members",
            form_kwargs={"location": self.location},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if "add_row" in request.POST:
            # Without JavaScript: show one more empty row and keep everything typed so far.
            data = request.POST.copy()
            data["members-TOTAL_FORMS"] = str(_row_count(data.get("members-TOTAL_FORMS")) + 1)
            formset = ProjectTeamMemberFormSet(
                data,
                instance=self.get_team(),
                prefix="members",
                form_kwargs={"location": self.location},
            )
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            try:
                services.project_team_save(
                    team=form.save(commit=False),
                    members=formset.save(commit=False),
                    removed=formset.deleted_objects,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Het projectteam is opgeslagen."))
                return redirect(
                    reverse("teams:location_detail", args=[self.location.pk]) + "#projectteam"
                )
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


def _row_count(raw: str | None) -> int:
    """The number of rows the browser sent, tamper-proof and capped at the formset's maximum."""
    try:
        count = int(raw or 0)
    except ValueError:
        count = 0
    return max(0, min(count, MAX_TEAM_MEMBERS - 1))
