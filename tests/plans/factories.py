"""Factories for the plans app."""

import datetime

import factory
from factory.django import DjangoModelFactory

from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from tests.teams.factories import LocationFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = PlanOfApproach

    location = factory.SubFactory(LocationFactory)
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2027, 12, 31)
    status = PlanStatus.DRAFT

    class Params:
        submitted = factory.Trait(status=PlanStatus.SUBMITTED)
        approved = factory.Trait(status=PlanStatus.APPROVED)
        underway = factory.Trait(status=PlanStatus.UNDERWAY)
        evaluated = factory.Trait(status=PlanStatus.EVALUATED)


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    table = GoalTable.SELF_DIRECTION
    text = factory.Sequence(lambda n: f"Doel {n}: meer bewoners doen mee")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    goal = factory.SubFactory(GoalFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    status = ActionStatus.PLANNED

    @factory.post_generation
    def owner_people(self, create, extracted, **kwargs):
        if create and extracted:
            self.owner_people.set(extracted)

    @factory.post_generation
    def owner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.owner_organisations.set(extracted)
