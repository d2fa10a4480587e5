"""Factories and a small casework world for the casework tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from casework import services
from casework.constants import CollaborationForm, ConsentForm, ConsentPurpose, ContactKind
from casework.models import Consent, Contact, Resident, Trajectory


def today() -> datetime.date:
    return timezone.localdate()


class ResidentFactory(DjangoModelFactory):
    """A resident WITHOUT consents: add them, or use `register` (which records consent)."""

    class Meta:
        model = Resident

    location = factory.SubFactory("tests.teams.factories.LocationFactory")
    name = factory.Sequence(lambda n: f"Bewoner {n}")
    recorded_by_organisation = factory.SubFactory("tests.teams.factories.OrganisationFactory")
    registered_by = factory.SubFactory("tests.teams.factories.PersonFactory")


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    resident = factory.SubFactory(ResidentFactory)
    purpose = ConsentPurpose.RECORD
    given_as = ConsentForm.SPOKEN
    given_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))


class TrajectoryFactory(DjangoModelFactory):
    class Meta:
        model = Trajectory

    resident = factory.SubFactory(ResidentFactory)
    form = CollaborationForm.TANDEM
    expert = factory.SubFactory("tests.teams.factories.PersonFactory")
    social_worker = factory.SubFactory("tests.teams.factories.PersonFactory")
    referral_source = "zelf"
    request = "Ik wil weer onder de mensen komen."
    started_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=20))


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    trajectory = factory.SubFactory(TrajectoryFactory)
    date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    kind = ContactKind.HOME_VISIT
    note = "Samen koffie gedronken."
    author = factory.SelfAttribute("trajectory.expert")


def register(site, *, share_recovery: bool = True, share_team: bool = False, name="Anna"):
    """A resident registered by the site's sociaal werker (wijkteam), with consent to record,
    optionally to share with the recovery organisation, and a tandem with the site's expert."""
    worker = site.worker
    resident = services.resident_register(
        location=site.location,
        organisation=site.team_org,
        registered_by=worker.person,
        actor=worker,
        name=name,
        phone="06-12345678",
        consent_given_as=ConsentForm.SPOKEN,
        consent_given_on=today(),
    )
    if share_recovery:
        services.consent_give(
            resident=resident,
            purpose=ConsentPurpose.SHARE_RECOVERY,
            recipient_organisation=site.recovery_org,
            given_as=ConsentForm.SPOKEN,
            given_on=today(),
            actor=worker,
        )
    if share_team:
        services.consent_give(
            resident=resident,
            purpose=ConsentPurpose.SHARE_TEAM,
            recipient_organisation=site.team_org,
            given_as=ConsentForm.SPOKEN,
            given_on=today(),
            actor=worker,
        )
    trajectory = services.trajectory_start(
        resident=resident,
        actor=worker,
        form=CollaborationForm.TANDEM,
        expert=site.expert.person,
        social_worker=worker.person,
        referral_source="wijkteam",
        request="Ik voel me alleen sinds mijn verhuizing.",
        started_on=today(),
    )
    return resident, trajectory


def casework_world(world):
    """Gouda's file for the access tests: registered by Gouda's sociaal werker (wijkteam),
    shared with the recovery organisation, a tandem with Gouda's ervaringsdeskundige and one
    contact. Sets world.resident, world.trajectory, world.contact, world.consent (the sharing
    consent) and world.record_consent."""
    world.resident, world.trajectory = register(world.gouda)
    world.contact = ContactFactory(trajectory=world.trajectory, author=world.gouda.expert.person)
    world.consent = world.resident.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    world.record_consent = world.resident.consents.get(purpose=ConsentPurpose.RECORD)
    return world
