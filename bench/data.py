"""National-scale data for the benchmark, made with bulk inserts.

`generate(scale)` adds `scale.locations` locations, each with the same shape: two
organisations, eleven people with memberships and a project team, a current plan with goals and
actions, training and workshop runs copied from the current curricula (sessions, blocks,
participants, attendance), and residents with consents, one trajectory each and contacts spread
over two years. Counts are spread evenly, so `Scale.national()` gives at least the issue's
350 locations, 35,000 residents, 350,000 contacts, 20,000 actions and 1,000 runs.

Data goes in with `bulk_create` in large batches (no signals, no per-row saves); the dashboard's
summaries are then made once with `dashboard.summaries.refresh_all`. `double_contacts_and_actions`
adds as many contacts and actions again, for the doubling test. Deterministic: one seeded RNG.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from casework.constants import (
    CollaborationForm,
    ConsentForm,
    ConsentPurpose,
    ContactKind,
    ReferralSource,
    TrajectoryStatus,
)
from casework.models import Consent, Contact, Resident, Trajectory
from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from teams.constants import (
    Discipline,
    Employment,
    ExpertPosition,
    LocationStatus,
    OrganisationKind,
    PartnerRole,
    Role,
)
from teams.models import (
    ExpertProfile,
    Location,
    Membership,
    Organisation,
    Partnership,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
    User,
)
from trainings.constants import AttendanceStatus, BlockStatus, CurriculumKind, ParticipantRole
from trainings.models import Attendance, Curriculum, Participant, RunBlock, Session, TrainingRun

BATCH = 5000
PASSWORD = "bench-only-not-secret"  # noqa: S105  (bench log-ins on a throw-away database)

# Per location: 0 projectleider, 1 trainer, 2-5 social workers, 6-9 experts, 10 privacy.
LEADER, TRAINER = 0, 1
WORKERS = (2, 3, 4, 5)
EXPERTS = (6, 7, 8, 9)
PRIVACY = 10
PEOPLE_PER_LOCATION = 11


@dataclass(frozen=True)
class Scale:
    locations: int
    residents_per_location: int
    contacts_per_resident: int
    actions_per_location: int
    runs_per_location: float  # e.g. 2.86: some locations get one run more than others

    @classmethod
    def small(cls) -> Scale:
        return cls(6, 5, 3, 6, 2)

    @classmethod
    def national(cls) -> Scale:
        return cls(350, 100, 10, 58, 1000 / 350)


@dataclass
class Totals:
    locations: int = 0
    residents: int = 0
    contacts: int = 0
    actions: int = 0
    runs: int = 0
    blocks: int = 0
    attendance: int = 0

    def add(self, other: Totals) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert(model, objects: Iterable) -> list:
    """bulk_create in batches; returns the objects with their primary keys."""
    made = []
    for chunk in batched(objects):
        made.extend(model.objects.bulk_create(chunk, batch_size=BATCH))
    return made


def bench_username(role: str, location_index: int) -> str:
    return f"bench-{role}-{location_index}"


@transaction.atomic
def generate(scale: Scale, *, first_index: int = 0, seed: int = 42) -> Totals:
    """Add `scale.locations` locations numbered from `first_index`, with all their data."""
    rng = random.Random(seed + first_index)
    today = timezone.localdate()
    totals = Totals(locations=scale.locations)
    locations = insert(
        Location,
        (
            Location(
                name=f"Bench {i:04d}",
                city=f"Gemeente {i // 2:04d}",
                starts_on=today - datetime.timedelta(days=700),
                status=LocationStatus.ACTIVE if i % 7 else LocationStatus.PREPARING,
            )
            for i in range(first_index, first_index + scale.locations)
        ),
    )
    team_orgs, recovery_orgs = _organisations(locations)
    people = _people(locations, team_orgs, recovery_orgs, first_index)
    totals.actions = _plans(locations, people, scale, rng, today)
    runs, blocks, attendance = _runs(locations, people, scale, rng, today)
    totals.runs, totals.blocks, totals.attendance = runs, blocks, attendance
    totals.residents, totals.contacts = _casework(
        locations, people, team_orgs, recovery_orgs, scale, rng, today
    )
    return totals


def _organisations(locations: list[Location]) -> tuple[list, list]:
    team_orgs = insert(
        Organisation,
        (
            Organisation(
                name=f"Wijkteam {loc.name}", kind=OrganisationKind.NEIGHBOURHOOD_TEAM, city=loc.city
            )
            for loc in locations
        ),
    )
    recovery_orgs = insert(
        Organisation,
        (
            Organisation(name=f"Herstel {loc.name}", kind=OrganisationKind.RECOVERY, city=loc.city)
            for loc in locations
        ),
    )
    insert(
        Partnership,
        [
            Partnership(location=loc, organisation=org, role=role)
            for loc, team, recovery in zip(locations, team_orgs, recovery_orgs, strict=True)
            for org, role in ((team, PartnerRole.LEAD), (recovery, PartnerRole.CORE))
        ],
    )
    return team_orgs, recovery_orgs


def _people(locations, team_orgs, recovery_orgs, first_index: int) -> list[list[Person]]:
    """Eleven people per location; the ones measured get a log-in (bench-<role>-<index>)."""
    password = make_password(PASSWORD)
    users = {}
    for offset, _loc in enumerate(locations):
        index = first_index + offset
        if offset == 0:  # the first location of each generate() call is the measured one
            for role in ("leider", "trainer", "werker", "ed"):
                users[(index, role)] = User(username=bench_username(role, index), password=password)
    made_users = dict(zip(users, insert(User, users.values()), strict=True))
    login_slots = {LEADER: "leider", TRAINER: "trainer", WORKERS[0]: "werker", EXPERTS[0]: "ed"}
    persons = []
    for offset, loc in enumerate(locations):
        for slot in range(PEOPLE_PER_LOCATION):
            user = made_users.get((first_index + offset, login_slots.get(slot)))
            persons.append(
                Person(given_name=f"P{slot}", family_name=f"{loc.name}", user=user),
            )
    persons = insert(Person, persons)
    by_location = [
        persons[i * PEOPLE_PER_LOCATION : (i + 1) * PEOPLE_PER_LOCATION]
        for i in range(len(locations))
    ]
    memberships, experts, workers, seats = [], [], [], []
    teams = insert(ProjectTeam, (ProjectTeam(location=loc) for loc in locations))
    for loc, team, team_org, recovery_org, group in zip(
        locations, teams, team_orgs, recovery_orgs, by_location, strict=True
    ):
        roles = {LEADER: Role.PROJECT_LEADER, TRAINER: Role.TRAINER, PRIVACY: Role.PRIVACY_OFFICER}
        roles.update(dict.fromkeys(WORKERS, Role.SOCIAL_WORKER))
        roles.update(dict.fromkeys(EXPERTS, Role.EXPERT))
        for slot, role in roles.items():
            org = recovery_org if slot in EXPERTS or slot == TRAINER else team_org
            memberships.append(
                Membership(
                    person=group[slot],
                    location=loc,
                    organisation=org,
                    role=role,
                    starts_on=loc.starts_on,
                )
            )
        for n, slot in enumerate(EXPERTS):
            experts.append(
                ExpertProfile(
                    person=group[slot],
                    employment=Employment.PAID if n % 2 else Employment.VOLUNTEER,
                    position=ExpertPosition.FROM_ORGANISATION,
                )
            )
        for slot in WORKERS:
            workers.append(
                SocialWorkerProfile(person=group[slot], discipline=Discipline.GENERALIST)
            )
        for slot in (LEADER, WORKERS[0], EXPERTS[0]):
            seats.append(ProjectTeamMember(team=team, person=group[slot], function="Lid"))
    insert(Membership, memberships)
    insert(ExpertProfile, experts)
    insert(SocialWorkerProfile, workers)
    insert(ProjectTeamMember, seats)
    return by_location


def _plans(locations, people, scale: Scale, rng: random.Random, today) -> int:
    plans = insert(
        PlanOfApproach,
        (
            PlanOfApproach(
                location=loc,
                starts_on=today - datetime.timedelta(days=300),
                ends_on=today + datetime.timedelta(days=400),
                status=PlanStatus.UNDERWAY if i % 3 else PlanStatus.APPROVED,
                project_leader=group[LEADER],
                background_team="Het wijkteam werkt in twee wijken.",
                background_focus="Eenzaamheid en schulden.",
                structure_tasks="De projectleider zit het overleg voor.",
            )
            for i, (loc, group) in enumerate(zip(locations, people, strict=True))
        ),
    )
    return add_actions(plans, scale.actions_per_location, rng, today)


def add_actions(plans: list[PlanOfApproach], per_plan: int, rng: random.Random, today) -> int:
    """`per_plan` actions on each plan, over eight new goals (four per goal table)."""
    goals = insert(
        Goal,
        (
            Goal(plan=plan, table=table, position=pos, text=f"Doel {pos + 1}")
            for plan in plans
            for table in (GoalTable.SELF_DIRECTION, GoalTable.COLLABORATION)
            for pos in range(4)
        ),
    )
    statuses = list(ActionStatus.values)
    actions = []
    for n in range(per_plan):
        for plan_index in range(len(plans)):
            goal = goals[plan_index * 8 + n % 8]
            due = today + datetime.timedelta(days=rng.randint(-200, 200))
            actions.append(
                Action(
                    goal=goal,
                    position=n // 8,
                    description=f"Actie {n + 1}",
                    due_on=due,
                    status=rng.choice(statuses),
                )
            )
    insert(Action, actions)
    return len(actions)


def _runs(locations, people, scale: Scale, rng: random.Random, today) -> tuple[int, int, int]:
    curricula = {c.kind: c for c in Curriculum.objects.filter(is_current=True)}
    parts = {
        kind: list(c.parts.prefetch_related("blocks").order_by("number"))
        for kind, c in curricula.items()
    }
    runs = []
    for i, (loc, group) in enumerate(zip(locations, people, strict=True)):
        count = int((i + 1) * scale.runs_per_location) - int(i * scale.runs_per_location)
        for n in range(count):
            kind = CurriculumKind.TRAINING if n % 2 == 0 else CurriculumKind.WORKSHOP
            curriculum = curricula[kind]
            runs.append(
                TrainingRun(
                    location=loc,
                    curriculum=curriculum,
                    kind=kind,
                    title=f"{curriculum.name} {n + 1}",
                    part_minutes=curriculum.part_minutes,
                    local_trainer=group[TRAINER],
                )
            )
    runs = insert(TrainingRun, runs)
    sessions = []
    for run_index, run in enumerate(runs):
        for part in parts[run.kind]:
            held = run_index % 3 != 0
            day = today - datetime.timedelta(days=rng.randint(1, 600)) if held else today
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            sessions.append(
                Session(
                    run=run,
                    number=part.number,
                    title=part.title,
                    date=day,
                    starts_at=datetime.time(9, 30),
                    ends_at=datetime.time(13, 30),
                    place="Buurthuis",
                    started_at=start if held else None,
                    finished_at=start + datetime.timedelta(hours=4) if held else None,
                )
            )
    sessions = insert(Session, sessions)
    blocks = []
    part_of = {(kind, p.number): p for kind, ps in parts.items() for p in ps}
    run_by_id = {run.pk: run for run in runs}
    for session in sessions:
        part = part_of[(run_by_id[session.run_id].kind, session.number)]
        held = session.started_at is not None
        for block in part.blocks.all():
            blocks.append(
                RunBlock(
                    session=session,
                    source=block,
                    position=block.position,
                    minutes=block.minutes,
                    title=block.title,
                    kind=block.kind,
                    goal=block.goal,
                    status=BlockStatus.DELIVERED if held else BlockStatus.OPEN,
                )
            )
    insert(RunBlock, blocks)
    participants = []
    group_of = {loc.pk: group for loc, group in zip(locations, people, strict=True)}
    for run in runs:
        group = group_of[run.location_id]
        for slot in (*WORKERS, *EXPERTS):
            role = ParticipantRole.SOCIAL_WORKER if slot in WORKERS else ParticipantRole.EXPERT
            participants.append(Participant(run=run, person=group[slot], role=role))
    participants = insert(Participant, participants)
    by_run: dict[int, list[Participant]] = {}
    for participant in participants:
        by_run.setdefault(participant.run_id, []).append(participant)
    statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED]
    attendance = [
        Attendance(
            session=session,
            participant=participant,
            status=rng.choice(statuses) if session.started_at else AttendanceStatus.UNKNOWN,
        )
        for session in sessions
        for participant in by_run[session.run_id]
    ]
    insert(Attendance, attendance)
    return len(runs), len(blocks), len(attendance)


def _casework(locations, people, team_orgs, recovery_orgs, scale, rng, today) -> tuple[int, int]:
    residents = []
    for loc, group, team_org in zip(locations, people, team_orgs, strict=True):
        for n in range(scale.residents_per_location):
            residents.append(
                Resident(
                    location=loc,
                    name=f"Bewoner {n}",
                    recorded_by_organisation=team_org,
                    registered_by=group[WORKERS[n % len(WORKERS)]],
                )
            )
    residents = insert(Resident, residents)
    index = {loc.pk: i for i, loc in enumerate(locations)}
    consents, trajectories = [], []
    forms = list(CollaborationForm.values)
    for n, resident in enumerate(residents):
        i = index[resident.location_id]
        started = today - datetime.timedelta(days=rng.randint(30, 700))
        consents.append(
            Consent(
                resident=resident,
                purpose=ConsentPurpose.RECORD,
                given_as=ConsentForm.SPOKEN,
                given_on=started,
            )
        )
        consents.append(
            Consent(
                resident=resident,
                purpose=ConsentPurpose.SHARE_RECOVERY,
                recipient_organisation=recovery_orgs[i],
                given_as=ConsentForm.WRITTEN,
                given_on=started,
            )
        )
        group = people[i]
        trajectories.append(
            Trajectory(
                resident=resident,
                form=forms[n % len(forms)],
                expert=group[EXPERTS[n % len(EXPERTS)]],
                social_worker=group[WORKERS[n % len(WORKERS)]],
                referral_source=ReferralSource.WIJKTEAM,
                request="Hulp bij het contact met instanties.",
                status=TrajectoryStatus.ACTIVE if n % 5 else TrajectoryStatus.ENDED,
                started_on=started,
                ended_on=today if n % 5 == 0 else None,
            )
        )
    insert(Consent, consents)
    trajectories = insert(Trajectory, trajectories)
    contacts = add_contacts(trajectories, scale.contacts_per_resident, rng, today)
    return len(residents), contacts


def add_contacts(trajectories: list[Trajectory], per_trajectory: int, rng, today) -> int:
    kinds = list(ContactKind.values)

    def contacts() -> Iterator[Contact]:
        for trajectory in trajectories:
            span = max((today - trajectory.started_on).days, 1)
            for n in range(per_trajectory):
                yield Contact(
                    trajectory=trajectory,
                    date=trajectory.started_on + datetime.timedelta(days=rng.randint(0, span)),
                    kind=kinds[n % len(kinds)],
                    with_social_worker=n % 2 == 0,
                    author_id=trajectory.expert_id,
                )

    count = 0
    for chunk in batched(contacts()):
        Contact.objects.bulk_create(chunk, batch_size=BATCH)
        count += len(chunk)
    return count


@transaction.atomic
def double_contacts_and_actions(rng_seed: int = 7) -> tuple[int, int]:
    """As many contacts and actions again, on the same trajectories and plans."""
    rng = random.Random(rng_seed)
    today = timezone.localdate()
    trajectories = list(Trajectory.objects.only("pk", "started_on", "expert_id").order_by("pk"))
    per_trajectory = round(Contact.objects.count() / max(len(trajectories), 1))
    contacts = add_contacts(trajectories, per_trajectory, rng, today)
    plans = list(PlanOfApproach.objects.order_by("pk"))
    per_plan = round(Action.objects.count() / max(len(plans), 1))
    actions = add_actions(plans, per_plan, rng, today)
    return contacts, actions
