"""Demo data of the activities app: two group activities in every city (e.g. Amsterdam's WRAP
group, Zutphen's walk-in), counted visitors for the meetings held, one meeting moved and one
cancelled, and an intervision group every two weeks with its meetings, attendance and themes.
In Arnhem a resident of the tandem went to the recovery group for the first time (the link
from the case). Gouda has only just started: a supervision pair, no intervision group yet.

Idempotent: an activity or group that exists (by location and title or name) is left as it is.
Dates follow today, so the pages and the dashboard always have recent meetings.
"""

from __future__ import annotations

import datetime
import uuid
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from activities import services
from activities.constants import Cadence, Frequency, GroupKind, MeetingStatus
from activities.models import Activity, ActivityKind, IntervisionGroup, IntervisionTheme
from activities.recurrence import nth_of
from teams.constants import Role
from teams.models import Location, Neighbourhood, Person

# Per city: (kind, title, neighbourhood, address, weekday 0=Mon, time, frequency, leader roles
# by slot: "ed" the demo expert, "ed2" a second expert, "werker" the demo social worker).
ACTIVITIES = {
    "Amsterdam-Zuid": [
        (
            "WRAP-groep",
            "WRAP-groep Rivierenbuurt",
            "Rivierenbuurt",
            "Buurthuis Rivierenbuurt, Waalstraat 12",
            1,
            (10, 0),
            Frequency.WEEKLY,
            ["ed", "ed2"],
        ),
        (
            "Gezamenlijk spreekuur",
            "Spreekuur Dynamo en Team ED",
            "De Pijp",
            "Huis van de Wijk De Pijp, Van Ostadestraat 8",
            3,
            (13, 30),
            Frequency.FORTNIGHTLY,
            ["werker", "ed"],
        ),
    ],
    "Arnhem": [
        (
            "Herstelgroep",
            "Herstelgroep Presikhaaf",
            "Presikhaaf",
            "Wijkcentrum Presikhaaf, Laan van Presikhaaf 4",
            2,
            (14, 0),
            Frequency.WEEKLY,
            ["ed", "ed2"],
        ),
        (
            "Themabijeenkomst",
            "Themavond Malburgen",
            "Malburgen",
            "Het Wijkpaleis, Malburgen 21",
            3,
            (19, 30),
            Frequency.MONTHLY,
            ["werker", "ed"],
        ),
    ],
    "Enschede": [
        (
            "Inloop",
            "Inloop Praktijkhuis Pathmos",
            "Pathmos",
            "Praktijkhuis Pathmos, Pathmosplein 2",
            0,
            (10, 0),
            Frequency.WEEKLY,
            ["ed", "ed2"],
        ),
        (
            "Kookgroep",
            "Samen koken Velve-Lindenhof",
            "Velve-Lindenhof",
            "Buurthuis Velve, Lindenhofstraat 30",
            4,
            (16, 30),
            Frequency.FORTNIGHTLY,
            ["ed"],
        ),
    ],
    "Gouda": [
        (
            "Herstelgroep",
            "Herstelgroep Korte Akkeren",
            "Korte Akkeren",
            "Buurthuis Korte Akkeren, Rijnstraat 5",
            1,
            (13, 30),
            Frequency.WEEKLY,
            ["ed"],
        ),
        (
            "Gezamenlijke inloop",
            "Inloop Sociaal Team en KernKracht",
            "Goverwelle",
            "Wijkpunt Goverwelle, Goverwellesingel 1",
            2,
            (10, 0),
            Frequency.MONTHLY,
            ["werker", "ed"],
        ),
    ],
    "Utrecht": [
        (
            "Cursus Herstellen doe je zelf",
            "Herstellen doe je zelf Hoograven",
            "Hoograven",
            "Buurtcentrum Hoograven, Van Zijstweg 2",
            3,
            (9, 30),
            Frequency.WEEKLY,
            ["ed", "ed2"],
        ),
        (
            "Gezamenlijk spreekuur",
            "Spreekuur buurtteam en ervaringsdeskundige",
            "Vleuten-De Meern",
            "Buurtteam De Meern, Mereveldplein 3",
            1,
            (14, 0),
            Frequency.FORTNIGHTLY,
            ["werker", "ed"],
        ),
    ],
    "Zutphen": [
        (
            "Inloop",
            "Inloop Waterkwartier",
            "Waterkwartier",
            "Praktijkhuis Waterkwartier, Spittaalstraat 9",
            2,
            (10, 0),
            Frequency.WEEKLY,
            ["ed", "ed2"],
        ),
        (
            "Lotgenoten- of steungroep",
            "Steungroep De Hoven",
            "De Hoven",
            "Dorpshuis De Hoven, Rijksstraatweg 40",
            0,
            (19, 0),
            Frequency.FORTNIGHTLY,
            ["ed2"],
        ),
    ],
}
WEEKS_BACK, WEEKS_AHEAD = 22, 18
THEME_ROTATION = [(0, 2), (1,), (2, 3), (4,), (0, 3), (1, 4)]


def seed(stdout=None) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    restore_kinds_and_themes()
    today = timezone.localdate()
    made = 0
    for index, location in enumerate(Location.objects.order_by("name")):
        specs = ACTIVITIES.get(location.name)
        if not specs:
            continue
        with transaction.atomic():
            people = _people(location)
            if not people.get("ed"):
                continue
            for number, spec in enumerate(specs):
                if _seed_activity(location, people, spec, today, seed=index * 7 + number):
                    made += 1
            _seed_groups(location, people, today)
            if location.name == "Arnhem":
                _seed_visit(location)
    if stdout is not None:
        stdout.write(f"Activiteiten: {made} activiteiten aangemaakt.")


def restore_kinds_and_themes() -> None:
    """Put the kinds of activity and the intervision themes back when the database lost them
    (a flush); the migration's loader is idempotent."""
    if ActivityKind.objects.exists() and IntervisionTheme.objects.exists():
        return
    import_module("activities.migrations.0002_kinds_and_themes").load(apps, None)


def _people(location) -> dict[str, Person]:
    experts = list(Person.objects.working_at(location.pk, role=Role.EXPERT))
    demo_expert = next((p for p in experts if p.user and p.user.username.startswith("ed-")), None)
    others = [p for p in experts if p != demo_expert]
    worker = next(
        (
            p
            for p in Person.objects.working_at(location.pk, role=Role.SOCIAL_WORKER)
            if p.user and p.user.username.startswith("werker-")
        ),
        None,
    )
    trainer = Person.objects.working_at(location.pk, role=Role.TRAINER).first()
    return {
        "ed": demo_expert,
        "ed2": others[0] if others else None,
        "experts": ([demo_expert] if demo_expert else []) + others,
        "werker": worker,
        "trainer": trainer,
    }


def _first_on(weekday: int, day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _seed_activity(location, people, spec, today, seed: int) -> bool:
    kind_name, title, hood, address, weekday, (hour, minute), frequency, roles = spec
    if Activity.objects.filter(location=location, title=title).exists():
        return False
    starts_on = _first_on(weekday, today - datetime.timedelta(weeks=WEEKS_BACK))
    nth = None
    if frequency == Frequency.MONTHLY:
        nth = min(nth_of(starts_on), 4)
        if nth_of(starts_on) == -1:
            starts_on -= datetime.timedelta(weeks=1)
            nth = nth_of(starts_on)
    recovery = location.organisations.filter(kind__in=("herstel", "client")).order_by("pk")
    team = location.organisations.filter(kind__in=("wijkteam", "sociaalwerk")).order_by("pk")
    organisations = [recovery.first()] + ([team.first()] if "werker" in roles else [])
    leaders = [people[role] for role in roles if people.get(role)]
    start = datetime.time(hour, minute)
    end = (datetime.datetime.combine(today, start) + datetime.timedelta(hours=2)).time()
    activity = services.activity_save(
        location=location,
        actor=None,
        leaders=leaders,
        organisations=[o for o in organisations if o],
        kind=ActivityKind.objects.get(name=kind_name),
        title=title,
        description="",
        neighbourhood=Neighbourhood.objects.filter(location=location, name=hood).first(),
        address=address,
        starts_on=starts_on,
        start_time=start,
        end_time=end,
        frequency=frequency,
        nth_weekday=nth,
        ends_on=today + datetime.timedelta(weeks=WEEKS_AHEAD),
        exceptions=[],
    )
    meetings = list(activity.meetings.order_by("date"))
    past = [m for m in meetings if m.date < today]
    future = [m for m in meetings if m.date >= today]
    for number, meeting in enumerate(past):
        if number == 3:  # a holiday: cancelled
            services.meeting_cancel(meeting=meeting, note="Vakantie", actor=None)
            continue
        first = (seed + number) % 4  # small numbers: the dashboard suppresses them
        back = 3 + (seed * 3 + number * 5) % 9
        services.meeting_count(
            meeting_id=meeting.pk,
            first_time=first,
            returning=back,
            token=uuid.uuid4(),
            seen_version=None,
            actor=None,
            today=today,
        )
    if len(future) > 2:  # the next-but-one meeting moves a day later
        moved = future[1]
        services.meeting_move(
            meeting=moved,
            date=min(moved.date + datetime.timedelta(days=1), activity.ends_on),
            start_time=moved.start_time,
            end_time=moved.end_time,
            note="Zaal bezet, een dag later",
            actor=None,
        )
    return True


def _seed_groups(location, people, today) -> None:
    experts = people["experts"]
    facilitator = people["trainer"]
    if facilitator is None:
        return
    starts_on = today - datetime.timedelta(weeks=WEEKS_BACK)
    if location.name == "Gouda":
        # Just started: one expert gets supervision; intervision is still to come.
        name = "Supervisie KernKracht"
        if not IntervisionGroup.objects.filter(location=location, name=name).exists():
            group = services.group_save(
                location=location,
                actor=facilitator.user,
                members=experts[:2],
                facilitators=[facilitator],
                kind=GroupKind.SUPERVISION,
                name=name,
                cadence=Cadence.MONTHLY,
                place="KernKracht, kantoor",
                starts_on=today - datetime.timedelta(weeks=6),
                ends_on=None,
            )
            _seed_group_meetings(group, today, every=4)
        return
    name = f"Intervisiegroep {location.name}"
    if len(experts) < 4 or IntervisionGroup.objects.filter(location=location, name=name).exists():
        return
    group = services.group_save(
        location=location,
        actor=facilitator.user,
        members=experts[:8],
        facilitators=[facilitator],
        kind=GroupKind.INTERVISION,
        name=name,
        cadence=Cadence.FORTNIGHTLY,
        place="Bij de herstelorganisatie",
        starts_on=starts_on,
        ends_on=None,
    )
    _seed_group_meetings(group, today, every=2)


def _seed_group_meetings(group, today, every: int) -> None:
    themes = list(IntervisionTheme.objects.order_by("position"))
    people = list(group.members.all()) + list(group.facilitators.all())
    day = group.starts_on
    number = 0
    while day < today:
        absent = people[number % len(people)] if len(people) > 3 else None
        services.group_meeting_save(
            group=group,
            actor=None,
            date=day,
            start_time=datetime.time(15, 0),
            end_time=datetime.time(17, 0),
            attendees=[p for p in people if p != absent],
            themes=[themes[i] for i in THEME_ROTATION[number % len(THEME_ROTATION)]],
            free_themes="Werkdruk en vrije tijd" if number % 5 == 4 else "",
            today=today,
        )
        day += datetime.timedelta(weeks=every)
        number += 1


def _seed_visit(location) -> None:
    """Arnhem: a resident of the tandem went to the recovery group for the first time."""
    from casework.models import Consent

    consent = (
        Consent.objects.active()
        .filter(purpose="vastleggen", resident__location=location)
        .select_related("resident")
        .order_by("resident_id")
        .first()
    )
    activity = Activity.objects.filter(location=location, title="Herstelgroep Presikhaaf").first()
    if consent is None or activity is None:
        return
    meeting = (
        activity.meetings.exclude(status=MeetingStatus.CANCELLED)
        .filter(date__lt=timezone.localdate())
        .order_by("-date")
        .first()
    )
    if meeting is not None and not meeting.visits.exists():
        services.visit_link(meeting=meeting, resident=consent.resident, first_time=True, actor=None)
