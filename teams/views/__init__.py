"""Views of the teams app, one module per page group."""

from .health import healthz
from .home import HomeView
from .locations import LocationDetailView, LocationListView, OrganisationDetailView
from .people import (
    ExpertProfileEditView,
    PersonCreateView,
    PersonDetailView,
    PersonUpdateView,
    ProjectTeamEditView,
    SocialWorkerProfileEditView,
)
from .pool import ExpertPoolView

__all__ = [
    "ExpertPoolView",
    "ExpertProfileEditView",
    "HomeView",
    "LocationDetailView",
    "LocationListView",
    "OrganisationDetailView",
    "PersonCreateView",
    "PersonDetailView",
    "PersonUpdateView",
    "ProjectTeamEditView",
    "SocialWorkerProfileEditView",
    "healthz",
]
