"""Helpers for the activities tests: Gouda's weekly recovery group and intervision group."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from activities import services
from activities.constants import Cadence, Frequency, GroupKind
from activities.models import ActivityKind
from teams.constants import Role
from tests.teams.factories import MembershipFactory, PersonFactory


def today() -> datetime.date:
    return timezone.localdate()


def kind(name: str = "Herstelgroep") -> ActivityKind:
    """A kind of the data migration (a transactional test's flush may have removed them)."""
    from activities.demo import restore_kinds_and_themes

    restore_kinds_and_themes()
    return ActivityKind.objects.get(name=name)


def activity_fields(**overrides):
    start = today() - datetime.timedelta(weeks=4)
    fields = {
        "kind": kind(),
        "title": "Herstelgroep De Linde",
        "description": "",
        "neighbourhood": None,
        "address": "Buurthuis De Linde, Lindelaan 4",
        "starts_on": start,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "frequency": Frequency.WEEKLY,
        "nth_weekday": None,
        "ends_on": start + datetime.timedelta(weeks=12),
        "exceptions": [],
    }
    fields.update(overrides)
    return fields


def make_activity(site, *, leaders=None, **overrides):
    return services.activity_save(
        location=site.location,
        actor=site.leader,
        leaders=leaders or [site.expert.person],
        organisations=[site.recovery_org],
        **activity_fields(**overrides),
    )


def extra_experts(site, count: int, prefix: str = "Ed"):
    people = []
    for number in range(count):
        person = PersonFactory(given_name=f"{prefix}{number}", family_name="Herstelgroep")
        MembershipFactory(
            person=person, location=site.location, organisation=site.recovery_org, role=Role.EXPERT
        )
        people.append(person)
    return people


def make_group(site, *, members=None, facilitators=None, actor=None, **overrides):
    """An intervision group of the site: its expert and three more as members, one more
    experienced expert as facilitator (the creator)."""
    if members is None:
        members = [site.expert.person, *extra_experts(site, 3)]
    if facilitators is None:
        facilitator = PersonFactory(
            with_user=True,
            given_name="Begeleider",
            family_name=f"Intervisie{site.location.pk}",
            user__username=f"begeleider-{site.location.pk}",
        )
        MembershipFactory(
            person=facilitator,
            location=site.location,
            organisation=site.recovery_org,
            role=Role.EXPERT,
        )
        facilitators = [facilitator]
    fields = {
        "kind": GroupKind.INTERVISION,
        "name": f"Intervisiegroep {site.location.name}",
        "cadence": Cadence.FORTNIGHTLY,
        "place": "Praktijkhuis",
        "starts_on": today() - datetime.timedelta(days=60),
        "ends_on": None,
    }
    fields.update(overrides)
    return services.group_save(
        location=site.location,
        actor=actor or facilitators[0].user,
        members=members,
        facilitators=facilitators,
        **fields,
    )


def activities_world(world):
    """Gouda's weekly recovery group (led by Gouda's expert; four meetings past, the first
    one counted), Gouda's intervision group (Gouda's expert a member; world.facilitator leads
    it) with one meeting. Sets world.activity, world.meeting, world.group,
    world.group_meeting, world.facilitator, and Gouda's file world.resident (a tandem of
    Gouda's worker and expert, shared with the recovery organisation)."""
    from activities.models import IntervisionTheme
    from tests.casework.factories import register

    site = world.gouda
    world.resident, world.trajectory = register(site)
    world.activity = make_activity(site)
    world.meeting = world.activity.meetings.order_by("date").first()
    services.meeting_count(
        meeting_id=world.meeting.pk,
        first_time=3,
        returning=7,
        token=uuid.uuid4(),
        seen_version=None,
        actor=site.expert,
    )
    world.group = make_group(site)
    world.facilitator = world.group.facilitators.get()
    world.group_meeting = services.group_meeting_save(
        group=world.group,
        actor=world.facilitator.user,
        date=today() - datetime.timedelta(days=14),
        attendees=list(world.group.members.all())[:3],
        themes=IntervisionTheme.objects.all()[:2],
        free_themes="Werkdruk",
    )
    return world
