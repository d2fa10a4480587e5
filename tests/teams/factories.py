"""Factories for the teams app; traits give the states tests need."""

import datetime

import factory
from factory.django import DjangoModelFactory

from teams.constants import (
    Availability,
    Discipline,
    Employment,
    ExpertPosition,
    LocationStatus,
    OrganisationKind,
    PartnerRole,
    Role,
    TrainingBackground,
)
from teams.models import (
    ExperienceTheme,
    ExpertProfile,
    Location,
    Membership,
    Neighbourhood,
    Organisation,
    Partnership,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
    Talent,
    User,
)

PASSWORD = "een-lang-testwachtwoord"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.django.Password(PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Teststad {n}")
    city = factory.SelfAttribute("name")
    starts_on = datetime.date(2017, 9, 1)
    status = LocationStatus.ACTIVE


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    location = factory.SubFactory(LocationFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.RECOVERY
    city = "Teststad"

    class Params:
        wijkteam = factory.Trait(kind=OrganisationKind.NEIGHBOURHOOD_TEAM)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    location = factory.SubFactory(LocationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.CORE


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Voornaam{n}")
    family_name = factory.Sequence(lambda n: f"Achternaam{n}")
    email = factory.LazyAttribute(lambda o: f"{o.given_name}@example.invalid".lower())
    user = None

    class Params:
        with_user = factory.Trait(user=factory.SubFactory(UserFactory))


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    location = factory.SubFactory(LocationFactory)
    organisation = None
    role = Role.SOCIAL_WORKER
    starts_on = datetime.date(2017, 9, 1)

    class Params:
        coordinator = factory.Trait(role=Role.COORDINATOR, location=None)
        project_leader = factory.Trait(role=Role.PROJECT_LEADER)
        trainer = factory.Trait(role=Role.TRAINER)
        expert = factory.Trait(role=Role.EXPERT)
        ended = factory.Trait(ends_on=datetime.date(2018, 11, 30))


class ExperienceThemeFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceTheme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Thema {n}")


class TalentFactory(DjangoModelFactory):
    class Meta:
        model = Talent
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Talent {n}")


class ExpertProfileFactory(DjangoModelFactory):
    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    employment = Employment.VOLUNTEER
    position = ExpertPosition.FROM_ORGANISATION
    training_background = TrainingBackground.COURSE
    availability = Availability.AVAILABLE
    in_pool = True

    class Params:
        paid = factory.Trait(employment=Employment.PAID)
        unavailable = factory.Trait(availability=Availability.UNAVAILABLE)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def talents(self, create, extracted, **kwargs):
        if create and extracted:
            self.talents.set(extracted)


class SocialWorkerProfileFactory(DjangoModelFactory):
    class Meta:
        model = SocialWorkerProfile

    person = factory.SubFactory(PersonFactory)
    discipline = Discipline.GENERALIST
    team_name = "Buurtteam Oost"


class ProjectTeamFactory(DjangoModelFactory):
    class Meta:
        model = ProjectTeam

    location = factory.SubFactory(LocationFactory)


class ProjectTeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = ProjectTeamMember

    team = factory.SubFactory(ProjectTeamFactory)
    person = factory.SubFactory(PersonFactory)
    function = "Projectleider"
