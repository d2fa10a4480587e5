"""Choices for the teams app. Labels are the users' Dutch words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationStatus(models.TextChoices):
    PREPARING = "voorbereiding", _("In voorbereiding")
    ACTIVE = "actief", _("Actief")
    FINISHED = "afgerond", _("Afgerond")


class OrganisationKind(models.TextChoices):
    RECOVERY = "herstel", _("Herstel-/zelfregieorganisatie")
    NEIGHBOURHOOD_TEAM = "wijkteam", _("Sociaal wijkteam/buurtteam")
    SOCIAL_WORK = "sociaalwerk", _("Sociaalwerkorganisatie")
    CLIENT = "client", _("Cliëntenorganisatie")
    MUNICIPALITY = "gemeente", _("Gemeente")
    CARE = "zorg", _("Ggz/zorgaanbieder")
    OTHER = "overig", _("Andere partner (huisarts, woningcorporatie, wijkagent, …)")


class PartnerRole(models.TextChoices):
    LEAD = "penvoerder", _("Penvoerder")
    CORE = "kernpartner", _("Kernpartner")
    NETWORK = "netwerkpartner", _("Netwerkpartner in de wijk")
    FUNDER = "opdrachtgever", _("Opdrachtgever/financier")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    PROJECT_LEADER = "projectleider", _("Projectleider")
    TRAINER = "trainer", _("Trainer")
    SOCIAL_WORKER = "sociaal_werker", _("Sociaal werker")
    EXPERT = "ervaringsdeskundige", _("Ervaringsdeskundige")
    PRIVACY_OFFICER = "privacyfunctionaris", _("Privacyfunctionaris")


class Employment(models.TextChoices):
    PAID = "betaald", _("Betaald")
    VOLUNTEER = "vrijwilliger", _("Vrijwilliger")


class ExpertPosition(models.TextChoices):
    IN_TEAM = "in_wijkteam", _("Lid van het wijkteam")
    OWN_TEAM = "eigen_team", _("Eigen team ervaringsdeskundigen in de wijk")
    FROM_ORGANISATION = "vanuit_organisatie", _("Vanuit een cliënten- of zelfregieorganisatie")


class TrainingBackground(models.TextChoices):
    COURSE = "cursus", _("Cursus 'Werken met eigen ervaring'")
    MBO = "mbo", _("Mbo-opleiding ervaringsdeskundigheid")
    HBO = "hbo", _("Hbo-opleiding ervaringsdeskundigheid")
    OTHER = "anders", _("Anders")
    NONE = "geen", _("(Nog) geen")


class Availability(models.TextChoices):
    AVAILABLE = "beschikbaar", _("Beschikbaar")
    LIMITED = "beperkt", _("Beperkt beschikbaar")
    UNAVAILABLE = "niet", _("Nu niet beschikbaar")


class Discipline(models.TextChoices):
    GENERALIST = "generalist", _("Generalist")
    NEIGHBOURHOOD_COACH = "wijkcoach", _("Wijkcoach")
    TEAM_WORKER = "buurtteammedewerker", _("Buurtteammedewerker")
    SOCIAL_WORKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    COMMUNITY_WORKER = "opbouwwerker", _("Opbouwwerker")
    OTHER = "anders", _("Anders")


class MeetingFrequency(models.TextChoices):
    WEEKLY = "wekelijks", _("Elke week")
    FORTNIGHTLY = "tweewekelijks", _("Om de week")
    MONTHLY = "maandelijks", _("Elke maand")
    SIX_WEEKLY = "zeswekelijks", _("Elke zes weken")
    QUARTERLY = "kwartaal", _("Elk kwartaal")
    AS_NEEDED = "naar_behoefte", _("Naar behoefte")


# Who does casework with residents: only they can ever see a case (casework/querysets.py).
CASEWORK_ROLES = (Role.SOCIAL_WORKER, Role.EXPERT)

# Roles whose pages show residents' data or the casework audit trail. With
# settings.TWO_FACTOR_REQUIRED on (production), they and administrators must log in with a
# second step (teams/access.py `requires_two_factor`); for everyone else it is optional.
TWO_FACTOR_ROLES = frozenset({Role.SOCIAL_WORKER, Role.EXPERT, Role.PRIVACY_OFFICER})


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "aangenomen", _("Aangenomen")
    EXPIRED = "verlopen", _("Verlopen")
    REVOKED = "ingetrokken", _("Ingetrokken")


class CalendarFeed(models.TextChoices):
    """The calendar feeds a user can subscribe to (teams/calendar_links.py)."""

    RUN = "training", _("Agenda van een training of workshop")
    TRAINER = "trainer", _("Mijn trainingen als trainer")
    LOCATION_ACTIVITIES = "activiteiten", _("Activiteiten van een locatie")
    MY_ACTIVITIES = "mijn-activiteiten", _("Mijn activiteiten en intervisie")
