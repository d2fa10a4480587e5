from django.contrib.auth.decorators import login_not_required
from django.urls import path

from teams import views
from teams.views import calendar_links, invitations, lockouts, two_factor
from teams.views.session import keep_alive

app_name = "teams"

urlpatterns = [
    path("sessie/actief/", keep_alive, name="keep_alive"),
    # Two-factor log-in (teams/views/two_factor.py).
    path("account/tweestaps/", two_factor.TwoFactorStatusView.as_view(), name="two_factor_status"),
    path(
        "account/tweestaps/instellen/",
        two_factor.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "account/tweestaps/code/",
        two_factor.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path(
        "account/tweestaps/back-upcodes/",
        two_factor.TwoFactorBackupCodesView.as_view(),
        name="two_factor_backup_codes",
    ),
    path(
        "account/tweestaps/uitzetten/",
        two_factor.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path(
        "account/tweestaps/nieuwe-telefoon/",
        two_factor.TwoFactorReplaceView.as_view(),
        name="two_factor_replace",
    ),
    # The user's calendar links (teams/calendar_links.py): see them, revoke one.
    path("account/agenda/", calendar_links.CalendarLinkListView.as_view(), name="calendar_links"),
    path(
        "account/agenda/<int:pk>/intrekken/",
        calendar_links.calendar_link_revoke,
        name="calendar_link_revoke",
    ),
    # Log-in lock-outs (teams/throttling.py): coordinators and beheerders.
    path("account/blokkades/", lockouts.LockoutListView.as_view(), name="lockout_list"),
    path("account/blokkades/opheffen/", lockouts.lockout_release, name="lockout_release"),
    path("locaties/", views.LocationListView.as_view(), name="location_list"),
    path("locaties/<int:pk>/", views.LocationDetailView.as_view(), name="location_detail"),
    path(
        "locaties/<int:location_pk>/projectteam/",
        views.ProjectTeamEditView.as_view(),
        name="project_team_edit",
    ),
    # Invitations (teams/invitations.py): the location's managers invite; the link in the
    # mail needs no log-in (it leads to making an account or to logging in).
    path(
        "locaties/<int:location_pk>/uitnodigingen/",
        invitations.InvitationListView.as_view(),
        name="invitation_list",
    ),
    path(
        "uitnodigingen/<int:pk>/opnieuw/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "uitnodiging/aannemen/",
        login_not_required(invitations.InvitationAcceptView.as_view()),
        name="invitation_accept_page",
    ),
    path(
        "uitnodiging/<str:token>/",
        login_not_required(invitations.invitation_link),
        name="invitation_accept",
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
