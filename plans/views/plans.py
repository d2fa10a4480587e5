"""The plan: list, create, read and edit section by section."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from plans import merge, selectors, services
from plans.forms import PlanPeriodForm, section_form_class
from plans.goal_table import GoalTableForm
from plans.models import PlanOfApproach
from plans.sections import SECTIONS_BY_KEY
from plans.templatetags import plan_tags
from teams import access
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin


class PlanListView(ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return PlanOfApproach.objects.visible_to(self.request.user).with_counts()


class PlanCreateView(LocationChildMixin, FormView):
    form_class = PlanPeriodForm
    template_name = "plans/plan_create.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "location": self.location}

    def get_initial(self) -> dict[str, Any]:
        return {"starts_on": self.location.starts_on, "ends_on": self.location.ends_on}

    def form_valid(self, form: PlanPeriodForm) -> HttpResponse:
        plan = services.plan_create(
            location=self.location,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            actor=self.request.user,
        )
        messages.success(self.request, _("Het plan is aangemaakt. U kunt nu de delen invullen."))
        return redirect(plan)


class PlanDetailView(ScopedObjectMixin, DetailView):
    model = PlanOfApproach
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def scope_queryset(self, queryset):
        return queryset.with_everything()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan, user = self.object, self.request.user
        members = selectors.team_members(plan)
        snapshot, changes = selectors.changes_since_approval(plan)
        context.update(
            members=members,
            progress=selectors.progress_of(plan, members),
            can_edit=plan.is_editable and access.can_manage_location_of(user, plan),
            can_manage=access.can_manage_location_of(user, plan),
            can_review=access.can_review(user),
            transitions=plan.transitions.select_related("actor__person"),
            snapshot=snapshot,
            changes=changes,
            content_changes=[change for change in changes if not change.progress],
            status_changes=[change for change in changes if change.progress],
        )
        return context


class SectionEditView(ScopedObjectMixin, DetailView):
    """Edit one section. Text sections are a form; goal tables are nested formsets."""

    model = PlanOfApproach
    rule = staticmethod(access.can_manage_location_of)
    template_name = "plans/section_form.html"
    context_object_name = "plan"

    def dispatch(self, request, *args, **kwargs):
        self.section = SECTIONS_BY_KEY.get(kwargs["section"])
        if self.section is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_editable:
            return self._locked()
        return self.render_to_response(self.get_context_data(form=self.build_form(None)))

    def post(self, request, *args, **kwargs):
        self.object = plan = self.get_object()
        if not plan.is_editable:
            return self._locked()
        form = self.build_form(request.POST)
        # Shown again without saving: the page keeps the revision it was opened at, so a later
        # save is still compared with what this user saw.
        unsaved = {"form": form, "revision": self.revision_posted()}
        if self.section.goal_table and form.adding:
            return self.render_to_response(self.get_context_data(**unsaved))
        if not form.is_valid():
            messages.error(request, _("Niet opgeslagen: verbeter de fouten die hieronder staan."))
            return self.render_to_response(self.get_context_data(**unsaved))
        try:
            self.save(form)
        except services.PlanConflict as conflict:
            return self.render_conflict(form, conflict.current, conflict.fields)
        except services.PlanLocked:
            return self._locked()
        messages.success(request, _("%(section)s is opgeslagen.") % {"section": self.section.title})
        return redirect(f"{plan.get_absolute_url()}#deel-{self.section.key}")

    def build_form(self, data):
        if self.section.goal_table:
            return GoalTableForm(self.object, self.section.goal_table, data)
        return section_form_class(self.section)(data, instance=self.object, section=self.section)

    def revision_posted(self) -> int:
        try:
            return int(self.request.POST.get("revision", ""))
        except ValueError:
            return -1

    def save(self, form) -> None:
        if self.section.goal_table:
            services.goal_table_save(
                plan_id=self.object.pk,
                revision=self.revision_posted(),
                table_form=form,
                base=self.request.POST.get("base"),
                actor=self.request.user,
            )
        else:
            services.plan_section_save(
                plan_id=self.object.pk,
                revision=form.cleaned_data["revision"],
                values=form.values(),
                relations=form.relations(),
                base=merge.decode(form.cleaned_data["base"]),
                actor=self.request.user,
            )

    def render_conflict(self, form, current: PlanOfApproach, conflict_fields) -> HttpResponse:
        """Keep what the user typed and show what the other person saved meanwhile."""
        current = PlanOfApproach.objects.with_everything().get(pk=current.pk)
        messages.warning(
            self.request,
            _(
                "Iemand anders heeft dit plan opgeslagen terwijl u aan het schrijven was. Uw tekst "
                "staat hieronder nog; de versie die nu is opgeslagen staat ernaast. Neem over wat "
                "u wilt houden en sla opnieuw op."
            ),
        )
        conflicts = []
        if not self.section.goal_table:
            # The form now builds on the saved version: saving again overwrites knowingly.
            form.data = form.data.copy()
            form.data["revision"] = str(current.revision)
            form.data["base"] = merge.encode(merge.section_base(current, self.section.fields))
            conflicts = [
                (form[name].label, plan_tags.answer(current, name)) for name in conflict_fields
            ]
        context = self.get_context_data(
            form=form, conflict=current, conflicts=conflicts, revision=current.revision
        )
        return self.render_to_response(context, status=409)

    def _locked(self) -> HttpResponse:
        messages.info(
            self.request,
            _("Het plan staat op '%(status)s' en kan nu niet worden gewijzigd.")
            % {"status": self.object.get_status_display()},
        )
        return redirect(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("revision", self.object.revision)
        if self.section.goal_table:
            source = kwargs.get("conflict") or self.object
            if "conflict" in kwargs or self.request.method == "GET":
                kwargs["table_base"] = merge.table_base(source, self.section.goal_table)
            else:
                kwargs["table_base"] = self.request.POST.get("base", "")
        return super().get_context_data(section=self.section, **kwargs)
