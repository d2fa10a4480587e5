"""Reads that span models: what each user should do next on the home page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teams import access
from teams.constants import LocationStatus, Role
from teams.models import ExpertProfile, Location, SocialWorkerProfile


@dataclass(frozen=True)
class NextStep:
    """One suggestion on the home page: a sentence and where to go."""

    text: str
    url: str
    link_text: str


def next_steps_for(user: Any) -> list[NextStep]:
    scope = access.scope_for(user)
    steps: list[NextStep] = []
    if scope.person_id is not None:
        steps += _own_profile_steps(scope)
    led = [loc for loc, roles in scope.roles_by_location.items() if Role.PROJECT_LEADER in roles]
    if led:
        steps += _project_leader_steps(led)
    if scope.sees_all_locations:
        steps += _coordinator_steps()
    trained = [loc for loc, roles in scope.roles_by_location.items() if Role.TRAINER in roles]
    if trained:
        steps += _trainer_steps(trained)
    if scope.has_role(Role.SOCIAL_WORKER) or scope.has_role(Role.PROJECT_LEADER):
        steps.append(
            NextStep(
                _("Zoek een ervaringsdeskundige die past bij de vraag van een bewoner."),
                reverse("teams:expert_pool"),
                _("Naar de pool"),
            )
        )
    return steps


def _own_profile_steps(scope: access.Scope) -> list[NextStep]:
    steps = []
    person_id = scope.person_id
    if scope.has_role(Role.EXPERT):
        profile = ExpertProfile.objects.filter(person_id=person_id).first()
        if profile is None:
            steps.append(
                NextStep(
                    _("Vul uw profiel als ervaringsdeskundige in, dan kunnen collega's u vinden."),
                    reverse("teams:expert_profile_edit", args=[person_id]),
                    _("Profiel invullen"),
                )
            )
        else:
            steps.append(
                NextStep(
                    _("Klopt uw beschikbaarheid nog? Nu staat er: %(status)s.")
                    % {"status": profile.get_availability_display().lower()},
                    reverse("teams:expert_profile_edit", args=[person_id]),
                    _("Beschikbaarheid aanpassen"),
                )
            )
    if (
        scope.has_role(Role.SOCIAL_WORKER)
        and not SocialWorkerProfile.objects.filter(person_id=person_id).exists()
    ):
        steps.append(
            NextStep(
                _("Vul uw profiel als sociaal werker in."),
                reverse("teams:social_worker_profile_edit", args=[person_id]),
                _("Profiel invullen"),
            )
        )
    return steps


def _project_leader_steps(location_ids: list[int]) -> list[NextStep]:
    """Gaps in the locations a projectleider leads, in a fixed number of queries."""
    locations = Location.objects.filter(pk__in=location_ids).with_gaps()
    steps = []
    for location in locations:
        team_url = reverse("teams:project_team_edit", args=[location.pk])
        team = getattr(location, "project_team", None)
        if location.member_count == 0:
            steps.append(
                NextStep(
                    _("Stel het projectteam van %(location)s samen.") % {"location": location},
                    team_url,
                    _("Projectteam"),
                )
            )
        if team is None or not team.meeting_frequency:
            steps.append(
                NextStep(
                    _("Spreek af hoe vaak het projectteam van %(location)s bijeenkomt.")
                    % {"location": location},
                    team_url,
                    _("Overleg vastleggen"),
                )
            )
        missing = location.experts_missing + location.workers_missing
        if missing:
            steps.append(
                NextStep(
                    ngettext(
                        "In %(location)s heeft %(count)d persoon nog geen profiel.",
                        "In %(location)s hebben %(count)d personen nog geen profiel.",
                        missing,
                    )
                    % {"location": location, "count": missing},
                    location.get_absolute_url() + "#mensen",
                    _("Bekijk wie"),
                )
            )
    return steps


def _coordinator_steps() -> list[NextStep]:
    """Gaps across all active locations, one line per kind of gap."""
    locations = list(Location.objects.filter(status=LocationStatus.ACTIVE).with_gaps())
    gaps = [
        (
            [loc.name for loc in locations if loc.leader_count == 0],
            _("Nog geen projectleider: %(locations)s."),
        ),
        (
            [loc.name for loc in locations if loc.member_count == 0],
            _("Projectteam nog niet samengesteld: %(locations)s."),
        ),
        (
            [loc.name for loc in locations if loc.experts_missing + loc.workers_missing],
            _("Mensen zonder profiel in: %(locations)s."),
        ),
    ]
    return [
        NextStep(
            text % {"locations": ", ".join(names)}, reverse("teams:location_list"), _("Locaties")
        )
        for names, text in gaps
        if names
    ]


def _trainer_steps(location_ids: list[int]) -> list[NextStep]:
    return [
        NextStep(
            _("Bekijk de trainingen en workshops in %(location)s en de dagdelen die eraan komen.")
            % {"location": location},
            location.get_absolute_url() + "#trainingen",
            _("Trainingen"),
        )
        for location in Location.objects.filter(pk__in=location_ids)
    ]
