"""The plan's workflow steps and what changed since approval."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from plans import selectors, services
from plans.constants import TransitionKind
from plans.forms import TransitionForm
from plans.models import Action, Goal, PlanOfApproach
from teams import access
from teams.views.mixins import ScopedObjectMixin

# Who may take each step, and how the page asks for it.
STEPS = {
    TransitionKind.SUBMIT: (
        access.can_manage_location_of,
        gettext_lazy("Plan indienen"),
        gettext_lazy(
            "Na het indienen beoordeelt de coördinator het plan. U kunt het dan niet "
            "wijzigen, tenzij het wordt teruggestuurd."
        ),
    ),
    TransitionKind.APPROVE: (
        lambda user, plan: access.can_review(user),
        gettext_lazy("Plan vaststellen"),
        gettext_lazy("Na vaststelling worden alle wijzigingen bijgehouden en zichtbaar gemaakt."),
    ),
    TransitionKind.RETURN: (
        lambda user, plan: access.can_review(user),
        gettext_lazy("Plan terugsturen"),
        gettext_lazy("Schrijf wat er nog moet gebeuren. Het plan gaat terug naar concept."),
    ),
    TransitionKind.START: (
        access.can_manage_location_of,
        gettext_lazy("Uitvoering starten"),
        gettext_lazy("Het plan gaat van vastgesteld naar in uitvoering."),
    ),
    TransitionKind.EVALUATE: (
        access.can_manage_location_of,
        gettext_lazy("Plan evalueren en afsluiten"),
        gettext_lazy("Schrijf kort wat het project heeft opgeleverd. Daarna is het plan gesloten."),
    ),
}


class PlanTransitionView(ScopedObjectMixin, DetailView):
    model = PlanOfApproach
    template_name = "plans/transition_form.html"
    context_object_name = "plan"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.kind = TransitionKind(kwargs["kind"])
        except ValueError:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        plan = super().get_object(queryset)
        rule = STEPS[self.kind][0]
        if not rule(self.request.user, plan):
            raise PermissionDenied
        return plan

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        _rule, title, explanation = STEPS[self.kind]
        kwargs.setdefault("form", TransitionForm())
        return super().get_context_data(title=title, explanation=explanation, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = plan = self.get_object()
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                services.plan_transition(
                    plan_id=plan.pk,
                    kind=self.kind,
                    actor=request.user,
                    remark=form.cleaned_data["remark"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Gelukt: %(step)s.") % {"step": STEPS[self.kind][1]})
                return redirect(plan)
        return self.render_to_response(self.get_context_data(form=form), status=200)


class PlanChangesView(ScopedObjectMixin, DetailView):
    """What changed since approval, and the full change history of the plan."""

    model = PlanOfApproach
    template_name = "plans/plan_changes.html"
    context_object_name = "plan"

    def scope_queryset(self, queryset):
        return queryset.with_everything()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.object
        snapshot, changes = selectors.changes_since_approval(plan)
        goal_ids = [goal.pk for goal in plan.goals.all()]
        action_ids = [action.pk for goal in plan.goals.all() for action in goal.actions.all()]
        types = ContentType.objects.get_for_models(PlanOfApproach, Goal, Action)
        history = LogEntry.objects.filter(
            Q(content_type=types[PlanOfApproach], object_id=plan.pk)
            | Q(content_type=types[Goal], object_id__in=goal_ids)
            | Q(content_type=types[Action], object_id__in=action_ids)
        )
        if snapshot is not None:
            history = history.filter(timestamp__gte=snapshot.created_at)
        context.update(
            snapshot=snapshot,
            changes=changes,
            content_changes=[change for change in changes if not change.progress],
            status_changes=[change for change in changes if change.progress],
            history=history.exclude(action=LogEntry.Action.ACCESS)
            .select_related("actor__person", "content_type")
            .order_by("-timestamp")[:200],
            transitions=plan.transitions.select_related("actor__person"),
        )
        return context
