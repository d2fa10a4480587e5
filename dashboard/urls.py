from django.urls import path

from . import activities, embedding, views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="index"),
    path("dashboard/locaties/<int:pk>/", views.LocationDashboardView.as_view(), name="location"),
    path("dashboard/export.csv", views.ExportCsvView.as_view(), name="export_csv"),
    path("dashboard/export.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
    path("dashboard/borging/", embedding.EmbeddingView.as_view(), name="embedding"),
    path(
        "dashboard/borging/locaties/<int:pk>/",
        embedding.EmbeddingLocationView.as_view(),
        name="embedding_location",
    ),
    path(
        "dashboard/borging/export.csv", embedding.EmbeddingCsvView.as_view(), name="embedding_csv"
    ),
    path(
        "dashboard/borging/export.xlsx",
        embedding.EmbeddingXlsxView.as_view(),
        name="embedding_xlsx",
    ),
    path(
        "dashboard/activiteiten/", activities.ActivitiesDashboardView.as_view(), name="activities"
    ),
    path(
        "dashboard/activiteiten/export.csv",
        activities.ActivitiesCsvView.as_view(),
        name="activities_csv",
    ),
    path(
        "dashboard/activiteiten/export.xlsx",
        activities.ActivitiesXlsxView.as_view(),
        name="activities_xlsx",
    ),
]
