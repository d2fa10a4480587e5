"""Pages of the embedding monitor (borging).

Reading: every member of the location, coordinators every location (read only). Writing: the
location's projectleider and beheerders (`teams.access.can_manage_embedding`). A condition of
another location is a 404 (`Condition.objects.visible_to`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from embedding import selectors, services
from embedding.constants import STATUS_MARKS, Status
from embedding.forms import ConditionForm, CycleForm, DateForm, OwnConditionForm, PlanActionForm
from embedding.models import Checklist, Condition
from teams import access
from teams.views.mixins import LocationChildMixin


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PostOnlyMixin:
    """A GET is refused (405) before any object is looked up."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class LocationReadMixin(LocationChildMixin):
    location_rule = staticmethod(access.can_view)


class LocationManageMixin(LocationChildMixin):
    location_rule = staticmethod(access.can_manage_embedding)


class ConditionMixin:
    """The condition from `Condition.objects.visible_to` (else 404), then `rule` (else 403)."""

    rule = staticmethod(access.can_view)

    def dispatch(self, request, *args, **kwargs):
        self.condition = get_object_or_404(
            Condition.objects.visible_to(request.user).select_related("location", "owner"),
            pk=kwargs["pk"],
        )
        access.require(request.user, type(self).rule, self.condition)
        return super().dispatch(request, *args, **kwargs)


class LocationConditionsView(LocationReadMixin, TemplateView):
    template_name = "embedding/location.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        adoption = selectors.adoption_of(self.location)
        conditions = selectors.conditions_of(self.location) if adoption else []
        return super().get_context_data(
            adoption=adoption,
            groups=selectors.group_by_phase(conditions),
            can_manage=access.can_manage_embedding(self.request.user, self.location),
            today=today,
            overdue=sum(1 for c in conditions if c.is_review_overdue(today)),
            legend=[(value, label, STATUS_MARKS[value]) for value, label in Status.choices],
            **kwargs,
        )


class AdoptView(PostOnlyMixin, LocationManageMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.checklist_adopt(location=self.location, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De landelijke checklist is overgenomen."))
        return redirect("embedding:location", location_pk=self.location.pk)


class OwnConditionView(LocationManageMixin, FormView):
    template_name = "embedding/own_condition_form.html"
    form_class = OwnConditionForm

    def form_valid(self, form):
        try:
            condition = services.condition_add(
                location=self.location, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De voorwaarde is toegevoegd."))
        return redirect(condition)


class CycleView(LocationManageMixin, FormView):
    template_name = "embedding/cycle_form.html"
    form_class = CycleForm

    def get_initial(self):
        adoption = selectors.adoption_of(self.location)
        return {"review_every_months": adoption.review_every_months if adoption else 3}

    def form_valid(self, form):
        try:
            services.adoption_set_cycle(
                location=self.location,
                months=form.cleaned_data["review_every_months"],
                actor=self.request.user,
            )
        except (ValidationError, services.Adoption.DoesNotExist):
            form.add_error(None, _("Neem eerst de landelijke checklist over."))
            return self.form_invalid(form)
        messages.success(self.request, _("De beoordelingsronde is opgeslagen."))
        return redirect("embedding:location", location_pk=self.location.pk)


class HistoryView(LocationReadMixin, TemplateView):
    """The status of every condition at a chosen date, and the changes made."""

    template_name = "embedding/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        form = DateForm(self.request.GET if "datum" in self.request.GET else None)
        day = form.cleaned_data["datum"] if form.is_valid() else today
        conditions = selectors.status_on(self.location, day)
        for condition in conditions:
            condition.then_label = (
                Status(condition.status_then).label if condition.status_then else ""
            )
            condition.then_mark = STATUS_MARKS.get(condition.status_then, "")
        return super().get_context_data(
            form=form,
            day=day,
            today=today,
            groups=selectors.group_by_phase(conditions),
            changes=selectors.history_of(self.location),
            **kwargs,
        )


class ChecklistView(TemplateView):
    template_name = "embedding/checklist.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        checklist = Checklist.objects.visible_to(self.request.user).filter(is_current=True).first()
        items = list(checklist.items.order_by("position")) if checklist else []
        from embedding import derivations

        for item in items:
            item.derived_from = derivations.source_of(item.derivation) if item.derivation else ""
        return super().get_context_data(checklist=checklist, groups=_item_groups(items), **kwargs)


def _item_groups(items):
    from embedding.constants import Phase

    return [(Phase(p).label, [i for i in items if i.phase == p]) for p in Phase.values]


class ConditionDetailView(ConditionMixin, TemplateView):
    template_name = "embedding/condition_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from embedding import derivations
        from embedding import evidence as evidence_kinds

        condition = self.condition
        obj = condition.evidence if condition.evidence_id else None
        can_manage = access.can_manage_condition(self.request.user, condition)
        plan = selectors.plan_for_link(condition.location) if can_manage else None
        open_for_plan = condition.status not in (Status.IN_PLACE, Status.NOT_APPLICABLE)
        plan_form = None
        if can_manage and plan is not None and open_for_plan:
            plan_form = kwargs.pop("plan_form", None) or PlanActionForm(
                condition=condition, plan=plan, initial=_plan_defaults(condition, plan)
            )
        return super().get_context_data(
            condition=condition,
            location=condition.location,
            evidence_obj=obj,
            evidence_text=evidence_kinds.describe(obj) if obj is not None else "",
            evidence_url=evidence_kinds.url_of(obj) if obj is not None else "",
            derived_from=derivations.source_of(condition.derivation)
            if condition.derivation
            else "",
            changes=list(condition.changes.select_related("actor__person").order_by("-at", "-pk")),
            can_manage=can_manage,
            plan=plan,
            plan_form=plan_form,
            open_for_plan=open_for_plan,
            today=timezone.localdate(),
            **kwargs,
        )


def _plan_defaults(condition: Condition, plan: Any) -> dict[str, Any]:
    due = condition.next_review_on or timezone.localdate() + datetime.timedelta(days=30)
    due = min(max(due, plan.starts_on), plan.ends_on)
    return {"owner": condition.owner_id, "due_on": due}


class ConditionEditView(ConditionMixin, FormView):
    template_name = "embedding/condition_form.html"
    rule = staticmethod(access.can_manage_condition)

    def get_form(self, form_class=None):
        if self.request.method == "POST":
            return ConditionForm(data=self.request.POST, condition=self.condition)
        return ConditionForm(condition=self.condition)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            condition=self.condition, location=self.condition.location, **kwargs
        )

    def form_valid(self, form):
        try:
            services.condition_update(
                condition_id=self.condition.pk,
                values=form.values(),
                actor=self.request.user,
                revision=form.cleaned_data.get("revision"),
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De voorwaarde is opgeslagen."))
        return redirect(self.condition)


class ConditionPlanActionView(PostOnlyMixin, ConditionMixin, View):
    http_method_names = ["post"]
    rule = staticmethod(access.can_manage_condition)

    def post(self, request, *args, **kwargs):
        plan = selectors.plan_for_link(self.condition.location)
        form = PlanActionForm(request.POST, condition=self.condition, plan=plan)
        if form.is_valid():
            try:
                services.condition_plan_action(
                    condition_id=self.condition.pk,
                    owner=form.cleaned_data["owner"],
                    due_on=form.cleaned_data["due_on"],
                    actor=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De actie staat in het plan van aanpak."))
                return redirect(self.condition)
        view = ConditionDetailView()
        view.setup(request, *args, **kwargs)
        view.condition = self.condition
        context = view.get_context_data(plan_form=form)
        response = view.render_to_response(context)
        response.status_code = 400
        return response
