"""How complete each section of a plan is. Reads only what `with_everything()` prefetched."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans.models import PlanOfApproach
from plans.sections import SECTIONS, Section


@dataclass
class SectionProgress:
    section: Section
    filled: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.filled == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 100

    def check(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.filled += 1
        else:
            self.missing.append(what)


def plan_progress(plan: PlanOfApproach, *, team_size: int) -> list[SectionProgress]:
    goals_by_table: dict[str, list] = {}
    for goal in plan.goals.all():
        goals_by_table.setdefault(goal.table, []).append(goal)
    result = []
    for section in SECTIONS:
        progress = SectionProgress(section)
        for question in section.questions:
            progress.check(_is_answered(plan, question.field), str(question.text))
        if section.key == "projectstructuur":
            progress.check(team_size > 0, _("Het projectteam heeft nog geen leden."))
        if section.goal_table:
            _check_goals(progress, goals_by_table.get(section.goal_table, []))
        result.append(progress)
    return result


def _is_answered(plan: PlanOfApproach, name: str) -> bool:
    if name in {"neighbourhoods", "recovery_organisations", "neighbourhood_teams"}:
        return bool(getattr(plan, name).all())
    value = getattr(plan, f"{name}_id" if name == "project_leader" else name)
    return value is not None and str(value).strip() != ""


def _check_goals(progress: SectionProgress, goals: list) -> None:
    progress.check(bool(goals), _("Schrijf minstens één doel op."))
    actions = [action for goal in goals for action in goal.actions.all()]
    progress.check(
        bool(goals) and all(goal.actions.all() for goal in goals),
        _("Geef elk doel minstens één actie."),
    )
    progress.check(
        bool(actions) and all(a.owner_people.all() or a.owner_organisations.all() for a in actions),
        _("Zet bij elke actie wie hem uitvoert."),
    )
    progress.check(
        bool(actions) and all(a.due_on or a.starts_on or a.timing_note for a in actions),
        _("Zet bij elke actie wanneer hij plaatsvindt."),
    )


def is_complete(progress: list[SectionProgress]) -> bool:
    return all(item.complete for item in progress)
