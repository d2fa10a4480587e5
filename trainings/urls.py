from django.urls import path

from trainings.views import curriculum, runs, sessions
from trainings.views.calendar import run_calendar, trainer_calendar
from trainings.views.certificates import CertificatePdfView

app_name = "trainings"

urlpatterns = [
    path("trainingen/curricula/", curriculum.CurriculumListView.as_view(), name="curriculum_list"),
    path(
        "trainingen/curricula/<int:pk>/",
        curriculum.CurriculumDetailView.as_view(),
        name="curriculum_detail",
    ),
    # Runs, sessions and the tick-off in the room (trainings/views/runs.py, sessions.py).
    path("trainingen/", runs.RunListView.as_view(), name="run_list"),
    path(
        "locaties/<int:location_pk>/trainingen/nieuw/",
        runs.RunCreateView.as_view(),
        name="run_create",
    ),
    path("trainingen/<int:pk>/", runs.RunDetailView.as_view(), name="run_detail"),
    path("trainingen/<int:pk>/bewerken/", runs.RunUpdateView.as_view(), name="run_edit"),
    path(
        "trainingen/<int:pk>/deelnemers/",
        runs.RunParticipantsView.as_view(),
        name="run_participants",
    ),
    path(
        "trainingen/sessies/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"
    ),
    path(
        "trainingen/sessies/<int:pk>/plannen/",
        sessions.SessionScheduleView.as_view(),
        name="session_schedule",
    ),
    path(
        "trainingen/sessies/<int:pk>/programma/",
        sessions.SessionProgrammeView.as_view(),
        name="session_programme",
    ),
    path(
        "trainingen/sessies/<int:pk>/blokken/<int:block_pk>/",
        sessions.BlockTickView.as_view(),
        name="block_tick",
    ),
    path(
        "trainingen/sessies/<int:pk>/deelnemers/<int:participant_pk>/",
        sessions.AttendanceTickView.as_view(),
        name="attendance_tick",
    ),
    path(
        "trainingen/sessies/<int:pk>/klok/",
        sessions.SessionClockView.as_view(),
        name="session_clock",
    ),
    path(
        "trainingen/sessies/<int:pk>/na-afloop/",
        sessions.SessionFollowUpView.as_view(),
        name="session_follow_up",
    ),
    path(
        "trainingen/sessies/<int:pk>/mijn-evaluatie/",
        sessions.MyEvaluationView.as_view(),
        name="my_evaluation",
    ),
    # Calendar feeds and certificates (trainings/views/calendar.py, certificates.py).
    path("trainingen/agenda/run/<str:token>.ics", run_calendar, name="run_calendar"),
    path("trainingen/agenda/trainer/<str:token>.ics", trainer_calendar, name="trainer_calendar"),
    path(
        "trainingen/deelnemers/<int:pk>/certificaat.pdf",
        CertificatePdfView.as_view(),
        name="certificate",
    ),
]
