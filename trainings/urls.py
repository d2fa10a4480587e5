from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("trainingen/curricula/", views.CurriculumListView.as_view(), name="curriculum_list"),
    path(
        "trainingen/curricula/<int:pk>/",
        views.CurriculumDetailView.as_view(),
        name="curriculum_detail",
    ),
]
