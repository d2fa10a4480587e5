from django.urls import path

from trainings.views import curriculum

app_name = "trainings"

urlpatterns = [
    path("trainingen/curricula/", curriculum.CurriculumListView.as_view(), name="curriculum_list"),
    path(
        "trainingen/curricula/<int:pk>/",
        curriculum.CurriculumDetailView.as_view(),
        name="curriculum_detail",
    ),
    # Runs, sessions and the tick-off in the room (trainings/views/runs.py, sessions.py).
    # Calendar feeds and certificates (trainings/views/calendar.py, certificates.py).
]
