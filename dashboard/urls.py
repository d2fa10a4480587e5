from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="index"),
    path("dashboard/locaties/<int:pk>/", views.LocationDashboardView.as_view(), name="location"),
    path("dashboard/export.csv", views.ExportCsvView.as_view(), name="export_csv"),
    path("dashboard/export.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
]
