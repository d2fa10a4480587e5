"""Demo data of the plans app: one plan of approach per pilot city, each in another state.

The plans are data, in `demo_plans.json` beside this module, seeded in the order of the file:
Amsterdam-Zuid under way (actions done, in progress, overdue, due soon), Arnhem the evaluated
2017–2018 pilot, Enschede and Gouda in concept (just started; half done), Utrecht approved and
then changed, Zutphen submitted after it was sent back once. Change the texts, dates and states
there; this module only seeds them.

A plan in the file: `location`, `pilot` (true: the 2017–2018 pilot period), `status` (the state
it must end in), `created`, `answers` (section fields), `goals` (`table`, `text`, `actions`) and
`steps`. An action: `description`, `people` (slots in teams.demo.City.people), `orgs`
(organisation names), `starts`, `due`, `note` and `status` (the one it ends up in; every action
starts as 'gepland'). A step is a transition (`kind`, `actor` "leader" or "coordinator", `day`,
`remark`) or a `change` made in between (`answers`; `goals` by table and position with a new
`text`; `actions` added to the goal at `table` and `goal` position). A day is a fixed date
("2017-10-02") or a number of days from today (for running plans, clamped into the period).
`comment` keys are for the reader only.

The workflow goes through `plans.services` (so transitions and the approved snapshot are real);
goals and actions are written with the ORM. Dates of the running plans follow today: their
period starts on 1 January of the year that was current 120 days ago and ends on 31 December of
the next year, so there is always past (for overdue actions) and future inside it. Idempotent: a
city that has a plan (of any period, so also in a later year) is left as it is.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plans import services
from plans.constants import ActionStatus, GoalTable, PlanStatus, TransitionKind
from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot, PlanTransition
from teams.demo import CITIES, PILOT_END, PILOT_START
from teams.models import Location, Person, User

DATA = Path(__file__).with_name("demo_plans.json")

# A day is either a fixed date (the evaluated pilot) or a number of days from today (running
# plans; clamped into the plan's period).
Day = datetime.date | int | None


def load_plans() -> list[dict[str, Any]]:
    """The plans of the data file, with days as dates or offsets and choices as their enums."""
    plans = json.loads(DATA.read_text(encoding="utf-8"))["plans"]
    for plan in plans:
        plan["status"] = PlanStatus(plan["status"])
        plan["created"] = _day(plan.get("created", -30))
        for goal in plan.setdefault("goals", []):
            goal["table"] = GoalTable(goal["table"])
            for action in goal["actions"]:
                _load_action(action)
        for step in plan.setdefault("steps", []):
            if "change" in step:
                for added in step["change"].get("actions", []):
                    _load_action(added["action"])
            else:
                step["kind"] = TransitionKind(step["kind"])
                step["day"] = _day(step["day"])
    return plans


ACTION_KEYS = {"comment", "description", "people", "orgs", "starts", "due", "note", "status"}


def _load_action(action: dict[str, Any]) -> None:
    if unknown := set(action) - ACTION_KEYS:
        raise ValueError(f"{DATA.name}: unknown keys {sorted(unknown)} in an action")
    action["status"] = ActionStatus(action.get("status", ActionStatus.PLANNED))
    action["starts"] = _day(action.get("starts"))
    action["due"] = _day(action.get("due"))


def _day(value: str | int | None) -> Day:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def running_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 January of the year 120 days ago until 31 December of the year after."""
    anchor = today - datetime.timedelta(days=120)
    return datetime.date(anchor.year, 1, 1), datetime.date(anchor.year + 1, 12, 31)


@dataclass
class Context:
    plan: PlanOfApproach
    location: Location
    people: dict[int, Person]
    leader: User
    coordinator: User
    today: datetime.date

    def day(self, value: Day) -> datetime.date | None:
        if value is None or isinstance(value, datetime.date):
            return value
        day = self.today + datetime.timedelta(days=value)
        return min(max(day, self.plan.starts_on), self.plan.ends_on)

    def moment(self, value: Day) -> datetime.datetime:
        """A time on that day for backdated history (not clamped: history may precede it)."""
        if isinstance(value, datetime.date):
            day = value
        else:
            day = self.today + datetime.timedelta(days=value or 0)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


# --- Seeding ----------------------------------------------------------------------------------


def seed(stdout=None) -> None:
    """Create the demo plans that are missing; existing plans are left alone."""
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    plans = load_plans()
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        coordinator = User.objects.get(username="coordinator")
        for spec in plans:
            created += _seed_plan(spec, coordinator, today)
    if stdout is not None:
        stdout.write(
            f"Plannen van aanpak: {created} aangemaakt, {len(plans) - created} bestonden al."
        )


def _seed_plan(spec: dict[str, Any], coordinator: User, today: datetime.date) -> int:
    location = Location.objects.get(name=spec["location"])
    starts_on, ends_on = (PILOT_START, PILOT_END) if spec["pilot"] else running_period(today)
    if PlanOfApproach.objects.filter(location=location).exists():
        return 0  # one demo plan per city: an existing one (of any year) is left as it is
    city = next(city for city in CITIES if city.name == spec["location"])
    people = {
        slot: Person.objects.get(given_name=given, family_name=family)
        for slot, (given, family) in enumerate(city.people)
    }
    leader = User.objects.get(username=f"leider-{city.key}")
    plan = services.plan_create(
        location=location, starts_on=starts_on, ends_on=ends_on, actor=leader
    )
    ctx = Context(plan, location, people, leader, coordinator, today)
    plan = services.plan_section_save(
        plan_id=plan.pk,
        revision=plan.revision,
        values={"project_leader": people[0], **spec["answers"]},
        actor=leader,
    )
    finals: list[tuple[Action, str]] = []
    positions: dict[str, int] = {}
    for goal_spec in spec["goals"]:
        position = positions.get(goal_spec["table"], 0)
        positions[goal_spec["table"]] = position + 1
        goal = Goal.objects.create(
            plan=plan, table=goal_spec["table"], position=position, text=goal_spec["text"]
        )
        for index, action_spec in enumerate(goal_spec["actions"]):
            finals.append((_action(ctx, goal, index, action_spec), action_spec["status"]))

    applied = False
    for step in spec["steps"]:
        if step.get("kind") == TransitionKind.EVALUATE and not applied:
            _apply_statuses(finals)
            applied = True
        actor = {"leader": leader, "coordinator": coordinator}[step["actor"]]
        if "change" in step:
            _change(plan, ctx, step["change"], actor)
            continue
        services.plan_transition(
            plan_id=plan.pk, kind=step["kind"], actor=actor, remark=step.get("remark", "")
        )
        _backdate(plan, step["kind"], ctx.moment(step["day"]))
    if not applied:
        _apply_statuses(finals)

    PlanOfApproach.objects.filter(pk=plan.pk).update(created_at=ctx.moment(spec["created"]))
    plan.refresh_from_db()
    if plan.status != spec["status"]:
        raise RuntimeError(f"Demo plan {spec['location']} ended as {plan.status}.")
    return 1


def _action(ctx: Context, goal: Goal, position: int, spec: dict[str, Any]) -> Action:
    action = Action(
        goal=goal,
        position=position,
        description=spec["description"],
        starts_on=ctx.day(spec["starts"]),
        due_on=ctx.day(spec["due"]),
        timing_note=spec.get("note", ""),
        status=ActionStatus.PLANNED,
    )
    action.full_clean(exclude=["goal"])
    action.save()
    if spec.get("people"):
        action.owner_people.set([ctx.people[slot] for slot in spec["people"]])
    if spec.get("orgs"):
        partners = {org.name: org for org in ctx.location.organisations.all()}
        action.owner_organisations.set([partners[name] for name in spec["orgs"]])
    return action


def _change(plan: PlanOfApproach, ctx: Context, change: dict[str, Any], actor: User) -> None:
    """A change between two transitions: answers, goal texts, added actions (in that order)."""
    if "answers" in change:
        services.plan_section_save(
            plan_id=plan.pk,
            revision=PlanOfApproach.objects.get(pk=plan.pk).revision,
            values=change["answers"],
            actor=actor,
        )
    for edit in change.get("goals", []):
        goal = plan.goals.get(table=edit["table"], position=edit["position"])
        goal.text = edit["text"]
        goal.save()
    for added in change.get("actions", []):
        goal = plan.goals.get(table=added["table"], position=added["goal"])
        _action(ctx, goal, len(goal.actions.all()), added["action"])


def _apply_statuses(finals: list[tuple[Action, str]]) -> None:
    for action, status in finals:
        if action.status != status:
            action.status = status
            action.save(update_fields=["status"])


def _backdate(plan: PlanOfApproach, kind: str, moment: datetime.datetime) -> None:
    """The service stamps 'now'; the demo history gets believable dates instead."""
    transition = PlanTransition.objects.filter(plan=plan, kind=kind).order_by("-pk").first()
    PlanTransition.objects.filter(pk=transition.pk).update(created_at=moment)
    if kind == TransitionKind.APPROVE:
        snapshot = PlanSnapshot.objects.filter(plan=plan).order_by("-pk").first()
        PlanSnapshot.objects.filter(pk=snapshot.pk).update(created_at=moment)
