from django.urls import path

from teams import views
from teams.views.session import keep_alive

app_name = "teams"

urlpatterns = [
    path("sessie/actief/", keep_alive, name="keep_alive"),
    path("locaties/", views.LocationListView.as_view(), name="location_list"),
    path("locaties/<int:pk>/", views.LocationDetailView.as_view(), name="location_detail"),
    path(
        "locaties/<int:location_pk>/projectteam/",
        views.ProjectTeamEditView.as_view(),
        name="project_team_edit",
    ),
    path(
        "locaties/<int:location_pk>/personen/nieuw/",
        views.PersonCreateView.as_view(),
        name="person_create",
    ),
    path(
        "organisaties/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"
    ),
    path("personen/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("personen/<int:pk>/bewerken/", views.PersonUpdateView.as_view(), name="person_edit"),
    path(
        "personen/<int:pk>/ervaringsdeskundige/",
        views.ExpertProfileEditView.as_view(),
        name="expert_profile_edit",
    ),
    path(
        "personen/<int:pk>/sociaal-werker/",
        views.SocialWorkerProfileEditView.as_view(),
        name="social_worker_profile_edit",
    ),
    path("pool/", views.ExpertPoolView.as_view(), name="expert_pool"),
]
