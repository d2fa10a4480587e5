"""Writes of the teams app. Each runs in one transaction and validates before it saves.

django-auditlog records every change of these models (actor from the request) in its log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teams.models import (
    ExpertProfile,
    Location,
    Membership,
    Organisation,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
)


@transaction.atomic
def person_create(
    *,
    location: Location,
    given_name: str,
    family_name: str,
    role: str,
    organisation: Organisation | None = None,
    email: str = "",
    phone: str = "",
) -> Person:
    """Add someone to the directory with a membership at `location`."""
    person = Person(given_name=given_name, family_name=family_name, email=email, phone=phone)
    person.full_clean()
    person.save()
    membership_add(person=person, location=location, role=role, organisation=organisation)
    return person


@transaction.atomic
def person_update(*, person: Person, **fields: Any) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def membership_add(
    *,
    person: Person,
    location: Location | None,
    role: str,
    organisation: Organisation | None = None,
) -> Membership:
    """Give `person` a role; an existing identical membership is returned, not duplicated."""
    existing = Membership.objects.active().filter(
        person=person, location=location, organisation=organisation, role=role
    )
    if found := existing.first():
        return found
    membership = Membership(person=person, location=location, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def expert_profile_save(
    *,
    profile: ExpertProfile,
    themes: Iterable[Any] | None = None,
    talents: Iterable[Any] | None = None,
) -> ExpertProfile:
    profile.full_clean()
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    if talents is not None:
        profile.talents.set(talents)
    return profile


@transaction.atomic
def social_worker_profile_save(*, profile: SocialWorkerProfile) -> SocialWorkerProfile:
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def project_team_save(
    *,
    team: ProjectTeam,
    members: Iterable[ProjectTeamMember],
    removed: Iterable[ProjectTeamMember] = (),
) -> ProjectTeam:
    """Save the team's settings and its member rows together, or nothing at all."""
    team.full_clean()
    team.save()
    for member in removed:
        if member.pk:
            member.delete()
    seen: set[int] = set()
    for member in members:
        member.team = team
        if member.person_id in seen:
            raise ValidationError(
                _("%(person)s staat twee keer in het team.") % {"person": member.person}
            )
        seen.add(member.person_id)
        member.full_clean()
        member.save()
    return team


def project_team_for(location: Location) -> ProjectTeam:
    """The location's project team, created empty on first use."""
    team, _created = ProjectTeam.objects.get_or_create(location=location)
    return team
