"""One goal table of a plan as one form: goals, each with its actions, in nested formsets.

Works without JavaScript: the buttons 'Doel toevoegen' (name=add_goal) and 'Actie toevoegen'
(name=add_action, value=goal row) post the form back with one more empty row; everything typed
stays. Rows are reordered with their 'volgorde' number and removed with their 'verwijderen' box.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _

from plans.forms import MAX_ACTIONS, MAX_GOALS, ActionForm, ActionFormSet, GoalFormSet
from plans.models import Action, Goal, PlanOfApproach

PREFIX = "goals"
EMPTY_GOALS = 3  # as on paper


def owner_choices(plan: PlanOfApproach) -> dict[str, list]:
    """The people and organisations of the plan's location, read once for all action rows."""
    fields = ActionForm(plan=plan).fields
    return {name: list(fields[name].choices) for name in ("owner_people", "owner_organisations")}


def _count(raw: Any, cap: int) -> int:
    try:
        return max(0, min(int(raw), cap))
    except (TypeError, ValueError):
        return 0


class GoalTableForm:
    def __init__(self, plan: PlanOfApproach, table: str, data: QueryDict | None = None):
        self.plan, self.table = plan, table
        self.adding = False
        if data is not None:
            data = self._with_extra_rows(data)
        actions = Action.objects.prefetch_related("owner_people", "owner_organisations")
        queryset = (
            Goal.objects.filter(plan=plan, table=table)
            .order_by("position", "pk")
            .prefetch_related(Prefetch("actions", actions))
        )
        self.owner_choices = owner_choices(plan)
        self.goals = GoalFormSet(data, queryset=queryset, prefix=PREFIX)
        if data is None and not self.goals.get_queryset():
            self.goals.extra = EMPTY_GOALS
        self.rows = [
            (goal_form, self._action_formset(index, goal_form, data))
            for index, goal_form in enumerate(self.goals.forms)
        ]

    def _action_formset(self, index: int, goal_form, data):
        goal = goal_form.instance
        formset = ActionFormSet(
            data,
            instance=goal,
            prefix=f"{PREFIX}-{index}-actions",
            form_kwargs={"plan": self.plan, "owner_choices": self.owner_choices},
        )
        if goal.pk:
            formset.queryset = goal.actions.all()  # the prefetched rows: no query per goal
        if data is None and not (goal.pk and goal.actions.all()):
            formset.extra = 1
        return formset

    def _with_extra_rows(self, data: QueryDict) -> QueryDict:
        """Fill in management data for new goal rows and add the rows the user asked for."""
        data = data.copy()
        total = _count(data.get(f"{PREFIX}-TOTAL_FORMS"), MAX_GOALS)
        if "add_goal" in data and total < MAX_GOALS:
            total += 1
            self.adding = True
        data[f"{PREFIX}-TOTAL_FORMS"] = str(total)
        add_action = data.get("add_action")
        for index in range(total):
            key = f"{PREFIX}-{index}-actions"
            is_new_goal = not data.get(f"{PREFIX}-{index}-id")
            if f"{key}-TOTAL_FORMS" not in data and not is_new_goal:
                continue  # an existing goal without its management form: the formset says so
            count = _count(data.get(f"{key}-TOTAL_FORMS", 1), MAX_ACTIONS)
            if add_action == str(index) and count < MAX_ACTIONS:
                count += 1
                self.adding = True
            data[f"{key}-TOTAL_FORMS"] = str(count)
            if is_new_goal:
                data.setdefault(f"{key}-INITIAL_FORMS", "0")
        return data

    def is_valid(self) -> bool:
        valid = self.goals.is_valid()
        for goal_form, actions in self.rows:
            if self._is_deleted(goal_form):
                continue
            valid = actions.is_valid() and valid
            goal_missing = goal_form.is_valid() and not goal_form.cleaned_data.get("text")
            if goal_missing and any(form.has_changed() for form in actions.forms):
                goal_form.add_error("text", _("Schrijf eerst het doel op."))
                valid = False
        return valid

    def _is_deleted(self, form) -> bool:
        return self.goals.can_delete and self.goals._should_delete_form(form)

    @staticmethod
    def _ordered(forms) -> list:
        def key(item):
            index, form = item
            order = form.cleaned_data.get("ORDER") if hasattr(form, "cleaned_data") else None
            return (order if order is not None else 10_000 + index, index)

        return [form for _index, form in sorted(enumerate(forms), key=key)]

    @classmethod
    def _remaining(cls, formset) -> list:
        """Delete the rows marked for deletion; the rows to keep, in the user's order."""
        kept = []
        for form in formset.forms:
            if formset._should_delete_form(form):
                if form.instance.pk:
                    form.instance.delete()
            elif form.instance.pk or form.has_changed():
                kept.append(form)
        return cls._ordered(kept)

    def save(self, *, plan: PlanOfApproach) -> None:
        """Write the table; call inside the service's transaction, after is_valid()."""
        by_form = dict(self.rows)
        for position, goal_form in enumerate(self._remaining(self.goals)):
            goal = goal_form.save(commit=False)
            goal.plan, goal.table, goal.position = plan, self.table, position
            goal.full_clean()
            goal.save()
            self._save_actions(goal, by_form[goal_form])

    def _save_actions(self, goal: Goal, actions) -> None:
        for position, form in enumerate(self._remaining(actions)):
            action = form.save(commit=False)
            action.goal, action.position = goal, position
            action.full_clean()
            action.save()
            form.save_m2m()
