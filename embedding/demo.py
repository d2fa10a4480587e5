"""Demo data of the embedding monitor: all six cities adopted the national checklist, with a
believable spread: Zutphen far along, Utrecht and Amsterdam-Zuid well on their way, Arnhem and
Enschede halfway, Gouda just started (and its first review is already overdue).

Idempotent: a city that has adopted the checklist is left as it is. Progress is spread over
the months since adoption, so the dashboard's chart over time has something to show.
"""

from __future__ import annotations

import contextlib
import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from embedding import services
from embedding.constants import Status
from embedding.models import Checklist, Condition
from teams.constants import Role
from teams.models import Location, Person, ProjectTeam

CHECKLIST_MIGRATION = "embedding.migrations.0002_national_checklist"

# Per city: months since adoption, and the codes of typed conditions in place / in progress.
# Derived conditions (training, workshop, intervision, pool, project team) follow the demo
# data of teams and trainings.
SPREAD = {
    "Zutphen": (
        14,
        [
            "gezamenlijke-visie",
            "steun-management",
            "elkaar-kennen",
            "successen-delen",
            "taakomschrijving",
            "vergoeding",
            "voorlichting",
            "privacy",
            "aanwezig-in-team",
            "teamoverleg",
            "agendapunt",
            "keukentafel",
            "inloop",
        ],
        ["nieuwe-collega"],
    ),
    "Utrecht": (
        12,
        [
            "gezamenlijke-visie",
            "steun-management",
            "elkaar-kennen",
            "taakomschrijving",
            "vergoeding",
            "privacy",
            "teamoverleg",
            "agendapunt",
        ],
        ["voorlichting", "aanwezig-in-team", "nieuwe-collega"],
    ),
    "Amsterdam-Zuid": (
        10,
        [
            "gezamenlijke-visie",
            "elkaar-kennen",
            "privacy",
            "aanwezig-in-team",
            "inloop",
            "successen-delen",
        ],
        ["steun-management", "agendapunt", "voorlichting"],
    ),
    "Arnhem": (
        9,
        ["gezamenlijke-visie", "elkaar-kennen", "privacy", "inloop"],
        ["taakomschrijving", "teamoverleg", "successen-delen"],
    ),
    "Enschede": (
        7,
        ["gezamenlijke-visie", "inloop", "privacy"],
        ["elkaar-kennen", "steun-management"],
    ),
    "Gouda": (4, [], ["gezamenlijke-visie", "elkaar-kennen"]),
}
NOT_APPLICABLE = {
    "Zutphen": (
        "spreekuur-herstel",
        "Ixta Noa en het wijkteam zitten in hetzelfde praktijkhuis; een apart spreekuur is "
        "niet nodig.",
    ),
}
NOTES = {
    "gezamenlijke-visie": "Visie besproken in een bijeenkomst met wijkteam en herstelorganisatie.",
    "privacy": "Afspraken staan in het samenwerkingsconvenant; urgente situaties: zie casework.",
    "inloop": "Inloop op dinsdag- en donderdagmiddag in het wijkcentrum.",
    "agendapunt": "Elke maand staat ervaringsdeskundigheid op de agenda van het teamoverleg.",
}


def restore_checklist() -> None:
    """Put the national checklist back when the database lost it (a flush)."""
    if Checklist.objects.exists():
        return
    import_module(CHECKLIST_MIGRATION).load(apps, None)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(10, 0), tzinfo=timezone.get_default_timezone()
    )


def _seed_city(location: Location, spec: tuple, today: datetime.date) -> bool:
    if hasattr(location, "embedding_adoption"):
        return False
    months, in_place, in_progress = spec
    adopted = services.add_months(today, -months)
    actor = None
    leader = Person.objects.working_at(location.pk, role=Role.PROJECT_LEADER).first()
    if leader is not None and leader.user_id:
        actor = leader.user
    services.checklist_adopt(location=location, actor=actor, today=adopted, at=_at(adopted))
    conditions = {c.code: c for c in Condition.objects.filter(location=location)}
    span = max((today - adopted).days - 7, 1)
    steps = len(in_place) + len(in_progress) or 1
    review = services.add_months(today, -1) if months > 4 else None
    for index, code in enumerate(in_progress + in_place):
        condition = conditions[code]
        started = adopted + datetime.timedelta(days=span * index // (2 * steps) + 3)
        values = {"status": Status.IN_PROGRESS, "owner": leader}
        services.condition_update(
            condition_id=condition.pk, values=values, actor=actor, at=_at(started)
        )
        if code in in_place:
            done = adopted + datetime.timedelta(days=span * (index + 1) // steps)
            values = {"status": Status.IN_PLACE, "note": NOTES.get(code, "")}
            if code == "agendapunt":
                values["evidence"] = ProjectTeam.objects.filter(location=location).first()
            services.condition_update(
                condition_id=condition.pk, values=values, actor=actor, at=_at(done)
            )
    if location.name in NOT_APPLICABLE:
        code, reason = NOT_APPLICABLE[location.name]
        services.condition_update(
            condition_id=conditions[code].pk,
            values={"status": Status.NOT_APPLICABLE, "na_reason": reason},
            actor=actor,
            at=_at(adopted + datetime.timedelta(days=30)),
        )
    if review is not None:
        # The last review a month ago: the next one lies ahead (Arnhem: one left overdue).
        for condition in Condition.objects.filter(location=location):
            if location.name == "Arnhem" and condition.code == "vergoeding":
                continue
            services.condition_update(
                condition_id=condition.pk,
                values={"last_reviewed_on": review, "next_review_on": None},
                actor=actor,
                at=_at(review),
            )
    _plan_link(location, conditions, leader, actor, today)
    return True


def _plan_link(location, conditions, leader, actor, today) -> None:
    """One condition per city that is not yet in place gets its action in the plan."""
    from django.core.exceptions import ValidationError

    from embedding.selectors import plan_for_link

    plan = plan_for_link(location)
    for code in ("steun-management", "vergoeding", "nieuwe-collega", "gezamenlijke-visie"):
        condition = Condition.objects.get(pk=conditions[code].pk)
        if condition.status in (Status.IN_PLACE, Status.NOT_APPLICABLE) or plan is None:
            continue
        due = min(max(today + datetime.timedelta(days=45), plan.starts_on), plan.ends_on)
        with contextlib.suppress(ValidationError):
            services.condition_plan_action(
                condition_id=condition.pk, owner=leader, due_on=due, actor=actor
            )
        return


def seed(stdout=None) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    restore_checklist()
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for name, spec in SPREAD.items():
            location = Location.objects.filter(name=name).first()
            if location is not None:
                created += _seed_city(location, spec, today)
        for location in Location.objects.filter(embedding_adoption__isnull=False):
            services.condition_sync_derived(location=location)
    if stdout is not None:
        stdout.write(f"Borging: {created} steden aangemaakt, {len(SPREAD) - created} hadden er al.")
