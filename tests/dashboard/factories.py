"""Data for the dashboard tests: plans, training and casework at a site, at any scale."""

from __future__ import annotations

import datetime

from django.utils import timezone

from casework.constants import CollaborationForm, ContactKind, TallySource
from casework.models import AnonymousTally
from plans.constants import ActionStatus
from tests.casework.factories import ContactFactory, TrajectoryFactory, register
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.teams.factories import PersonFactory
from tests.trainings.factories import AttendanceFactory, ParticipantFactory, make_run
from trainings.constants import AttendanceStatus, BlockStatus, ParticipantRole


def today() -> datetime.date:
    return timezone.localdate()


def fill(site, scale: int = 1) -> None:
    """A plan with actions (some overdue), a run with ticks and attendance, residents with
    trajectories and contacts, and an anonymous tally: `scale` times as much of each."""
    location = site.location
    plan = location.plans.first() or PlanFactory(location=location, approved=True)
    goal = GoalFactory(plan=plan)
    for i in range(3 * scale):
        ActionFactory(
            goal=goal,
            status=[ActionStatus.PLANNED, ActionStatus.DONE, ActionStatus.IN_PROGRESS][i % 3],
            due_on=today() - datetime.timedelta(days=1 + i % 4),
        )
    for _ in range(scale):
        run = make_run(location, parts=2, blocks_per_part=2)
        worker = ParticipantFactory(run=run)
        expert = ParticipantFactory(run=run, role=ParticipantRole.EXPERT)
        for session in run.sessions.all():
            session.started_at = timezone.now()
            session.save()
            session.blocks.update(status=BlockStatus.DELIVERED)
            AttendanceFactory(session=session, participant=worker)
            AttendanceFactory(session=session, participant=expert, status=AttendanceStatus.ABSENT)
    for i in range(2 * scale):
        _resident, trajectory = register(site, name=f"Bewoner {location.pk}-{i}")
        for _ in range(3):
            ContactFactory(trajectory=trajectory, author=site.expert.person, date=today())
    tally, _created = AnonymousTally.objects.get_or_create(
        location=location,
        month=today().replace(day=1),
        form=CollaborationForm.TANDEM,
        contact_kind=ContactKind.HOME_VISIT,
        source=TallySource.NO_CONSENT,
    )
    tally.contacts += 7 * scale
    tally.trajectories += scale
    tally.save()


def trajectories(site, form: str, count: int, started_on: datetime.date | None = None) -> None:
    """`count` ongoing trajectories of `form` at the site (residents without consent)."""
    from tests.casework.factories import ResidentFactory

    for _ in range(count):
        TrajectoryFactory(
            resident=ResidentFactory(location=site.location),
            form=form,
            expert=PersonFactory(),
            social_worker=PersonFactory(),
            started_on=started_on or today(),
        )
