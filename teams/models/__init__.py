"""Models of the teams app, one module per theme."""

from .calendar_links import CalendarLink
from .invitations import Invitation
from .organisations import Organisation, Partnership
from .people import Membership, Person, User
from .places import Location, Neighbourhood
from .profiles import ExperienceTheme, ExpertProfile, SocialWorkerProfile, Talent
from .project_teams import ProjectTeam, ProjectTeamMember
from .sessions import UserSession

__all__ = [
    "CalendarLink",
    "ExperienceTheme",
    "ExpertProfile",
    "Invitation",
    "Location",
    "Membership",
    "Neighbourhood",
    "Organisation",
    "Partnership",
    "Person",
    "ProjectTeam",
    "ProjectTeamMember",
    "SocialWorkerProfile",
    "Talent",
    "User",
    "UserSession",
]
