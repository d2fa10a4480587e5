"""Demo data of the teams app: the six pilot cities, their real partner organisations (from the
handbook's colophon), invented people and the demo log-ins. Idempotent: keyed on natural keys."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from teams.constants import (
    Availability,
    Discipline,
    Employment,
    ExpertPosition,
    LocationStatus,
    MeetingFrequency,
    OrganisationKind,
    PartnerRole,
    Role,
    TrainingBackground,
)
from teams.invitations import token_hash
from teams.models import (
    ExperienceTheme,
    ExpertProfile,
    Invitation,
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

PILOT_START = datetime.date(2017, 9, 1)
PILOT_END = datetime.date(2018, 11, 30)

THEMES = [
    "Psychische kwetsbaarheid",
    "Verslaving",
    "Armoede en schulden",
    "Eenzaamheid",
    "Huiselijk geweld",
    "Dakloosheid",
    "Jeugdhulp",
    "Rouw en verlies",
    "Langdurige werkloosheid",
    "Chronische ziekte",
]
TALENTS = [
    "Communicatie",
    "PR en voorlichting",
    "Kwartiermaken",
    "Training geven",
    "Groepsbegeleiding",
    "Een-op-een ondersteuning",
    "Netwerken in de wijk",
    "Schrijven",
    "Creatieve activiteiten",
]


@dataclass
class City:
    key: str
    name: str
    neighbourhoods: list[str]
    recovery: list[tuple[str, str]]  # (organisation, kind)
    team: tuple[str, str]
    meeting: str
    people: list[tuple[str, str]] = field(default_factory=list)  # invented (given, family) names


CITIES = [
    City(
        "amsterdam",
        "Amsterdam-Zuid",
        ["Rivierenbuurt", "Buitenveldert", "De Pijp"],
        [
            ("Team ED", OrganisationKind.RECOVERY),
            ("De Sociale Maatschap", OrganisationKind.RECOVERY),
        ],
        ("Dynamo", OrganisationKind.SOCIAL_WORK),
        MeetingFrequency.FORTNIGHTLY,
        [
            ("Anouk", "Planmaker"),
            ("Bas", "Leerkring"),
            ("Cas", "Buurtwerker"),
            ("Dewi", "Ervaring"),
            ("Esra", "Kwartier"),
            ("Floor", "Wijkhart"),
            ("Gijs", "Omdenker"),
            ("Hanna", "Samenloop"),
        ],
    ),
    City(
        "arnhem",
        "Arnhem",
        ["Presikhaaf", "Malburgen", "Klarendal"],
        [("Vitale Verbindingen", OrganisationKind.RECOVERY)],
        ("Wijkteams Arnhem", OrganisationKind.NEIGHBOURHOOD_TEAM),
        MeetingFrequency.MONTHLY,
        [
            ("Iris", "Koersvast"),
            ("Jelle", "Lesrooster"),
            ("Kees", "Wijkpad"),
            ("Lotte", "Veerkracht"),
            ("Mo", "Herstelpad"),
            ("Nina", "Buurvrouw"),
            ("Otto", "Eigenwijs"),
            ("Pien", "Tandemveld"),
        ],
    ),
    City(
        "enschede",
        "Enschede",
        ["Velve-Lindenhof", "Pathmos", "Twekkelerveld"],
        [("Ixta Noa", OrganisationKind.RECOVERY)],
        ("Stichting Maatschappelijke Dienstverlening", OrganisationKind.SOCIAL_WORK),
        MeetingFrequency.SIX_WEEKLY,
        [
            ("Quinten", "Plandag"),
            ("Rosa", "Dagdeel"),
            ("Sem", "Keukentafel"),
            ("Tess", "Lotgenoot"),
            ("Umar", "Inloophuis"),
            ("Vera", "Wijkmaat"),
            ("Wout", "Steunpunt"),
            ("Yara", "Zelfregie"),
        ],
    ),
    City(
        "gouda",
        "Gouda",
        ["Korte Akkeren", "Goverwelle", "Gouda-Oost"],
        [("KernKracht", OrganisationKind.RECOVERY)],
        ("Sociaal Team Gouda", OrganisationKind.NEIGHBOURHOOD_TEAM),
        MeetingFrequency.FORTNIGHTLY,
        [
            ("Zoë", "Projectlijn"),
            ("Aram", "Trainersbank"),
            ("Bente", "Wijkteamer"),
            ("Chris", "Hersteldroom"),
            ("Daan", "Ervaringskennis"),
            ("Eline", "Buurtkracht"),
            ("Fenna", "Meedoener"),
            ("Guus", "Wondervraag"),
        ],
    ),
    City(
        "utrecht",
        "Utrecht",
        ["Vleuten-De Meern", "Hoograven"],
        [
            ("Enik Recovery College", OrganisationKind.RECOVERY),
            ("Steunpunt GGZ Utrecht", OrganisationKind.CLIENT),
        ],
        ("Buurteamorganisatie Utrecht", OrganisationKind.NEIGHBOURHOOD_TEAM),
        MeetingFrequency.MONTHLY,
        [
            ("Hidde", "Koplopers"),
            ("Inge", "Oefenlijn"),
            ("Jamal", "Buurtteamer"),
            ("Kim", "Herstelkracht"),
            ("Lars", "Kwartiermaker"),
            ("Mila", "Steunbeer"),
            ("Noor", "Ervaringswerk"),
            ("Olaf", "Wijkgenoot"),
        ],
    ),
    City(
        "zutphen",
        "Zutphen",
        ["Waterkwartier", "De Hoven", "Noordveen"],
        [
            ("Ixta Noa", OrganisationKind.RECOVERY),
            ("Intact Zelfhulp en Herstel", OrganisationKind.RECOVERY),
        ],
        ("Perspectief Zutphen", OrganisationKind.SOCIAL_WORK),
        MeetingFrequency.WEEKLY,
        [
            ("Puck", "Regiehouder"),
            ("Rik", "Dagdeler"),
            ("Sara", "Praktijkhuis"),
            ("Tim", "Zelfhulper"),
            ("Uma", "Lotgenote"),
            ("Vince", "Wijkloper"),
            ("Wies", "Hoopvol"),
            ("Xander", "Netwerker"),
        ],
    ),
]

# (slot in City.people, log-in prefix or None, role)
PEOPLE_PLAN = [
    (0, "leider", Role.PROJECT_LEADER),
    (1, "trainer", Role.TRAINER),
    (2, "werker", Role.SOCIAL_WORKER),
    (3, "ed", Role.EXPERT),
    (4, None, Role.EXPERT),
    (5, None, Role.EXPERT),
    (6, None, Role.SOCIAL_WORKER),
    (7, None, Role.EXPERT),  # no profile yet: gives the projectleider a next step
]


# Per city (in the order of CITIES): someone invited this week who has not answered yet, and
# an invitation that ran out unanswered (the leader can send it again).
INVITEES = [
    (("Ilse", "Nieuwkomer"), ("Joep", "Laatkomer")),
    (("Karim", "Instapper"), ("Lotte", "Wachtend")),
    (("Mila", "Beginsel"), ("Noah", "Vergeten")),
    (("Olga", "Aanwas"), ("Pim", "Uitgesteld")),
    (("Quinten", "Versterking"), ("Roos", "Verstreken")),
    (("Sara", "Aanloop"), ("Tijn", "Blijftweg")),
]


@dataclass
class DemoLogin:
    username: str
    description: str


def seed(stdout=None) -> list[DemoLogin]:
    """Create or update the demo data; returns the demo log-ins."""
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    with transaction.atomic():
        themes = [ExperienceTheme.objects.get_or_create(name=name)[0] for name in THEMES]
        talents = [Talent.objects.get_or_create(name=name)[0] for name in TALENTS]
        logins = [_seed_coordinator(), _seed_admin()]
        for index, city in enumerate(CITIES):
            logins += _seed_city(index, city, themes, talents)
    return logins


def _user(username: str, *, superuser: bool = False) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.is_superuser = user.is_staff = superuser
    user.is_active = True
    user.email = f"{username}@wijkkracht.invalid"
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    return user


def _person(given: str, family: str, user: User | None = None) -> Person:
    person, _ = Person.objects.update_or_create(
        given_name=given,
        family_name=family,
        defaults={
            "email": f"{given}.{family}@voorbeeld.invalid".lower(),
            "user": user,
        },
    )
    return person


def _member(person: Person, role: str, location=None, organisation=None) -> None:
    Membership.objects.get_or_create(
        person=person,
        location=location,
        organisation=organisation,
        role=role,
        defaults={"starts_on": PILOT_START},
    )


def _seed_coordinator() -> DemoLogin:
    person = _person("Carla", "Overzicht", _user("coordinator"))
    _member(person, Role.COORDINATOR)
    return DemoLogin("coordinator", "coördinator: alle locaties")


def _seed_admin() -> DemoLogin:
    _person("Bram", "Beheerder", _user("beheer", superuser=True))
    return DemoLogin("beheer", "beheerder (Django-admin op /beheer/)")


def _seed_city(index: int, city: City, themes, talents) -> list[DemoLogin]:
    location, _ = Location.objects.update_or_create(
        name=city.name,
        defaults={
            "city": city.name.split("-")[0],
            "starts_on": PILOT_START,
            "ends_on": None,
            "status": LocationStatus.ACTIVE,
            "description": (
                f"Pilotlocatie sinds september 2017 (pilot tot en met november 2018); "
                f"de samenwerking in {city.name} loopt door."
            ),
        },
    )
    for name in city.neighbourhoods:
        Neighbourhood.objects.get_or_create(location=location, name=name)

    recovery_orgs = []
    for org_index, (name, kind) in enumerate(city.recovery):
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "city": city.name.split("-")[0]}
        )
        role = PartnerRole.LEAD if org_index == 0 else PartnerRole.CORE
        Partnership.objects.get_or_create(
            location=location, organisation=org, defaults={"role": role}
        )
        recovery_orgs.append(org)
    team_org, _ = Organisation.objects.get_or_create(
        name=city.team[0], defaults={"kind": city.team[1], "city": city.name.split("-")[0]}
    )
    Partnership.objects.get_or_create(
        location=location, organisation=team_org, defaults={"role": PartnerRole.CORE}
    )
    municipality, _ = Organisation.objects.get_or_create(
        name=f"Gemeente {city.name.split('-')[0]}",
        defaults={"kind": OrganisationKind.MUNICIPALITY, "city": city.name.split("-")[0]},
    )
    Partnership.objects.get_or_create(
        location=location, organisation=municipality, defaults={"role": PartnerRole.FUNDER}
    )

    logins = []
    people: dict[int, Person] = {}
    for slot, prefix, role in PEOPLE_PLAN:
        given, family = city.people[slot]
        user = _user(f"{prefix}-{city.key}") if prefix else None
        person = _person(given, family, user)
        people[slot] = person
        organisation = (
            team_org if role == Role.SOCIAL_WORKER else recovery_orgs[slot % len(recovery_orgs)]
        )
        if role == Role.PROJECT_LEADER:
            organisation = team_org if index % 2 else recovery_orgs[0]
        _member(person, role, location, organisation)
        if prefix:
            logins.append(DemoLogin(user.username, f"{role.label.lower()} in {city.name}"))
        if role == Role.SOCIAL_WORKER:
            SocialWorkerProfile.objects.update_or_create(
                person=person,
                defaults={
                    "discipline": [Discipline.GENERALIST, Discipline.NEIGHBOURHOOD_COACH][slot % 2],
                    "team_name": f"{city.team[0]} {city.neighbourhoods[0]}",
                },
            )
        if role == Role.EXPERT and slot != 7:
            _expert_profile(person, index + slot, themes, talents)
    _seed_project_team(location, city, people)
    _seed_invitations(location, INVITEES[index], people[0].user, recovery_orgs[0])
    return logins


def _seed_invitations(location, invitees, leader: User, organisation) -> None:
    """An open and an expired invitation; their links are unknown (only a hash is kept)."""
    today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(9)))
    for (given, family), days_ago in zip(invitees, (1, 12), strict=True):
        sent = today - datetime.timedelta(days=days_ago)  # the same on a second run today
        fields = {
            "given_name": given,
            "family_name": family,
            "role": Role.EXPERT,
            "organisation": organisation,
            "invited_by": leader,
            "created_at": sent,
            "sent_at": sent,
            "expires_at": sent + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
        }
        Invitation.objects.update_or_create(
            location=location,
            email=f"{given}.{family}@voorbeeld.invalid".lower(),
            defaults=fields,
            create_defaults={**fields, "token_hash": token_hash(secrets.token_urlsafe(32))},
        )


def _expert_profile(person: Person, seed: int, themes, talents) -> None:
    profile, _ = ExpertProfile.objects.update_or_create(
        person=person,
        defaults={
            "employment": [Employment.PAID, Employment.VOLUNTEER][seed % 2],
            "position": list(ExpertPosition)[seed % 3],
            "training_background": [
                TrainingBackground.COURSE,
                TrainingBackground.MBO,
                TrainingBackground.HBO,
            ][seed % 3],
            "availability": [
                Availability.AVAILABLE,
                Availability.LIMITED,
                Availability.AVAILABLE,
                Availability.UNAVAILABLE,
            ][seed % 4],
            "hours_per_week": [8, 16, 4, 12][seed % 4],
            "availability_note": ["Dinsdag en donderdag", "Ochtenden", "Na overleg"][seed % 3],
            "in_pool": True,
            "takes_intervision": seed % 2 == 0,
            "takes_supervision": seed % 3 == 0,
        },
    )
    profile.themes.set([themes[seed % len(themes)], themes[(seed * 3 + 1) % len(themes)]])
    profile.talents.set([talents[seed % len(talents)], talents[(seed * 2 + 3) % len(talents)]])


def _seed_project_team(location, city: City, people) -> None:
    team, _ = ProjectTeam.objects.update_or_create(
        location=location,
        defaults={
            "meeting_frequency": city.meeting,
            "meeting_note": "In het wijkcentrum, afwisselend bij beide organisaties.",
            "task_division": (
                "De projectleider bewaakt het plan en de planning. De trainer bereidt de "
                "training en de teamworkshop voor. De sociaal werker en de ervaringsdeskundige "
                "brengen casussen in en houden contact met de wijkteams."
            ),
        },
    )
    seats = [
        (0, "Projectleider", "Plan van aanpak en voortgang"),
        (1, "Trainer", "Training en workshop"),
        (2, "Sociaal werker", "Contact met de wijkteams"),
        (3, "Ervaringsdeskundige", "Inzet ervaringsdeskundigen"),
    ]
    for slot, function, tasks in seats:
        person = people[slot]
        membership = person.memberships.filter(location=location).first()
        ProjectTeamMember.objects.update_or_create(
            team=team,
            person=person,
            defaults={
                "function": function,
                "organisation": membership.organisation if membership else None,
                "tasks": tasks,
            },
        )
