"""Demo data of casework: fictitious residents in every city, through the services.

Per city: the agreement on urgent situations, five residents (a tandem; two separate
trajectories with coordination, one starting at the expert and one at the social worker; an
advisory role that ended; one resident whose consent to record was withdrawn, so only anonymous
counts remain), consents (one sharing consent withdrawn, so the expert lost access), contacts of
every kind over the last months, anonymous contacts without consent, and a privacyfunctionaris
log-in (`privacy-<city>`). Arnhem also has a file whose trajectory ended 14 months ago, which
`apply_retention --dry-run` lists. In Arnhem, `werker-arnhem` and `ed-arnhem` work in tandem.

Every city has its own residents (names, requests, contacts, third parties), kept in
demo_residents.json beside this module and read by `stories(location_name)`. Arnhem's (Henk and
the others) are the ones the browser tests look up by name: change them with those tests.

Everything goes through casework/services.py, so the demo obeys the same rules and leaves the
same audit trail as real use. Idempotent: a location that has residents or tallies is skipped.
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from casework import services
from casework.constants import (
    CollaborationForm,
    ConsentForm,
    ConsentPurpose,
    ContactKind,
    Outcome,
    ReferralSource,
    SupportKind,
    TrajectoryStatus,
)
from casework.models import AnonymousTally, Resident, UrgentAgreement
from teams.constants import OrganisationKind, Role
from teams.demo import DemoLogin, _member, _person, _user
from teams.models import Location, Person

RESIDENTS_FILE = Path(__file__).with_name("demo_residents.json")
RECOVERY_KINDS = (OrganisationKind.RECOVERY, OrganisationKind.CLIENT)
TEAM_KINDS = (OrganisationKind.NEIGHBOURHOOD_TEAM, OrganisationKind.SOCIAL_WORK)
PRIVACY_OFFICERS = {
    "Amsterdam-Zuid": ("Priya", "Gegevenszorg"),
    "Arnhem": ("Ruud", "Bewaarman"),
    "Enschede": ("Sanne", "Zorgvuldig"),
    "Gouda": ("Teun", "Toezicht"),
    "Utrecht": ("Wendy", "Waakzaam"),
    "Zutphen": ("Youssef", "Vertrouwen"),
}


@dataclass(frozen=True)
class Story:
    name: str
    form: str
    support: tuple[str, ...]
    request: str
    goals: str
    started_days_ago: int
    contacts: tuple[tuple[int, str, str], ...]  # (days ago, kind, note)
    share_team: bool = False
    withdraw_sharing: bool = False
    third_party: str = ""
    ended_days_ago: int | None = None
    erase: bool = False
    referral_source: str = ""  # empty: "zelf" when starting at the expert, else "wijkteam"


def stories(location_name: str) -> list[Story]:
    """The residents of one city, from demo_residents.json beside this module (keyed by the
    Location's name); an unknown city has none. Unknown choice values raise ValueError."""
    return [_story(entry) for entry in _residents().get(location_name, [])]


@functools.cache
def _residents() -> dict[str, list[dict]]:
    return json.loads(RESIDENTS_FILE.read_text(encoding="utf-8"))


def _story(entry: dict) -> Story:
    entry = dict(entry)
    entry["form"] = CollaborationForm(entry["form"])
    entry["support"] = tuple(SupportKind(kind) for kind in entry["support"])
    entry["contacts"] = tuple(
        (int(days), ContactKind(kind), note) for days, kind, note in entry["contacts"]
    )
    if entry.get("referral_source"):
        entry["referral_source"] = ReferralSource(entry["referral_source"])
    return Story(**entry)


URGENT_TEXT = (
    "Is een bewoner in acuut gevaar, of denkt u aan zelfmoordgedachten? Laat de bewoner niet "
    "alleen. Bel 112 bij direct gevaar. Bel anders de crisisdienst en daarna de sociaal werker "
    "van het traject. Bespreek het dezelfde dag met de projectleider. Schrijf in het dossier "
    "alleen wat nodig is."
)


def seed(stdout=None) -> list[DemoLogin]:
    logins = []
    created = 0
    for location in Location.objects.order_by("name"):
        logins += _privacy_officer(location)
        if Resident.objects.filter(location=location).exists():
            continue
        if AnonymousTally.objects.filter(location=location).exists():
            continue
        with transaction.atomic():
            if _seed_location(location):
                created += 1
    if stdout is not None:
        stdout.write(f"Casuïstiek: {created} steden aangemaakt.")
    return logins


def _privacy_officer(location: Location) -> list[DemoLogin]:
    names = PRIVACY_OFFICERS.get(location.name)
    if names is None:
        return []
    key = location.name.split("-")[0].lower()
    username = f"privacy-{key}"
    team = location.organisations.filter(kind__in=TEAM_KINDS).order_by("pk").first()
    person = _person(*names, _user(username))
    _member(person, Role.PRIVACY_OFFICER, location, team)
    return [DemoLogin(username, f"privacyfunctionaris in {location.name}")]


def _seed_location(location: Location) -> bool:
    workers = list(
        Person.objects.working_at(location, Role.SOCIAL_WORKER).filter(user__isnull=False)
    )
    workers += list(
        Person.objects.working_at(location, Role.SOCIAL_WORKER).filter(user__isnull=True)
    )
    experts = list(Person.objects.working_at(location, Role.EXPERT).filter(user__isnull=False))
    experts += list(Person.objects.working_at(location, Role.EXPERT).filter(user__isnull=True))
    team = location.organisations.filter(kind__in=TEAM_KINDS).order_by("pk").first()
    recovery = location.organisations.filter(kind__in=RECOVERY_KINDS).order_by("pk").first()
    if not (workers and experts and team and recovery):
        return False
    worker = workers[0]
    UrgentAgreement.objects.update_or_create(
        location=location,
        defaults={"text": URGENT_TEXT, "crisis_phone": "0900-1450", "updated_by": worker.user},
    )
    neighbourhoods = list(location.neighbourhoods.all())
    for index, story in enumerate(stories(location.name)):
        expert = experts[index % len(experts)]
        partner = workers[index % len(workers)]
        neighbourhood = neighbourhoods[index % len(neighbourhoods)] if neighbourhoods else None
        _tell(story, location, team, recovery, partner, expert, neighbourhood)
    today = timezone.localdate()
    for days_ago, kind in (
        (3, ContactKind.PHONE),
        (35, ContactKind.HOME_VISIT),
        (66, ContactKind.WALK),
    ):
        services.tally_anonymous_contact(
            location=location, date=today - datetime.timedelta(days=days_ago), kind=kind
        )
    return True


def _tell(story: Story, location, team, recovery, worker: Person, expert: Person, neighbourhood):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=story.started_days_ago)
    actor = worker.user
    resident = services.resident_register(
        location=location,
        organisation=team,
        registered_by=worker,
        actor=actor,
        name=story.name,
        neighbourhood=neighbourhood,
        support_kinds=story.support,
        consent_given_as=ConsentForm.SPOKEN,
        consent_given_on=started,
        consent_review_on=started + datetime.timedelta(days=365),
    )
    sharing = services.consent_give(
        resident=resident,
        purpose=ConsentPurpose.SHARE_RECOVERY,
        recipient_organisation=recovery,
        given_as=ConsentForm.WRITTEN,
        given_on=started,
        actor=actor,
    )
    if story.share_team:
        services.consent_give(
            resident=resident,
            purpose=ConsentPurpose.SHARE_TEAM,
            recipient_organisation=team,
            given_as=ConsentForm.WRITTEN,
            given_on=started,
            actor=actor,
        )
    if story.third_party:
        services.consent_give(
            resident=resident,
            purpose=ConsentPurpose.SHARE_THIRD,
            third_party=story.third_party,
            given_as=ConsentForm.SPOKEN,
            given_on=started,
            actor=actor,
        )
        services.consent_give(
            resident=resident,
            purpose=ConsentPurpose.CASE_MEETING,
            given_as=ConsentForm.SPOKEN,
            given_on=started,
            actor=actor,
        )
    trajectory = services.trajectory_start(
        resident=resident,
        actor=actor,
        form=story.form,
        expert=expert,
        social_worker=worker,
        referral_source=story.referral_source
        or (
            ReferralSource.SELF
            if story.form == CollaborationForm.SEPARATE_FROM_EXPERT
            else ReferralSource.WIJKTEAM
        ),
        request=story.request,
        goals=story.goals,
        started_on=started,
    )
    for days_ago, kind, note in story.contacts:
        author = worker if kind in (ContactKind.CASE_DISCUSSION, ContactKind.THREE_WAY) else expert
        services.contact_add(
            trajectory=trajectory,
            author=author,
            actor=author.user,
            date=today - datetime.timedelta(days=days_ago),
            kind=kind,
            with_expert=True,
            with_social_worker=kind in (ContactKind.THREE_WAY, ContactKind.CASE_DISCUSSION),
            note=note,
            next_step="",
        )
    if story.ended_days_ago is not None:
        trajectory.status = TrajectoryStatus.ENDED
        trajectory.ended_on = today - datetime.timedelta(days=story.ended_days_ago)
        trajectory.outcome = Outcome.GOALS_REACHED
        services.trajectory_update(
            trajectory=trajectory, actor=actor, changed=["status", "ended_on"]
        )
    if story.withdraw_sharing:
        services.consent_withdraw(
            consent=sharing, withdrawn_on=today - datetime.timedelta(days=5), actor=actor
        )
    if story.erase:
        record = resident.consents.get(purpose=ConsentPurpose.RECORD)
        services.consent_withdraw(consent=record, withdrawn_on=today, actor=actor)
