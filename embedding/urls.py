from django.urls import path

from . import views

app_name = "embedding"

urlpatterns = [
    path("borging/checklist/", views.ChecklistView.as_view(), name="checklist"),
    path(
        "locaties/<int:location_pk>/borging/",
        views.LocationConditionsView.as_view(),
        name="location",
    ),
    path("locaties/<int:location_pk>/borging/overnemen/", views.AdoptView.as_view(), name="adopt"),
    path(
        "locaties/<int:location_pk>/borging/nieuw/",
        views.OwnConditionView.as_view(),
        name="condition_add",
    ),
    path("locaties/<int:location_pk>/borging/ronde/", views.CycleView.as_view(), name="cycle"),
    path(
        "locaties/<int:location_pk>/borging/geschiedenis/",
        views.HistoryView.as_view(),
        name="history",
    ),
    path("borging/<int:pk>/", views.ConditionDetailView.as_view(), name="condition_detail"),
    path("borging/<int:pk>/bewerken/", views.ConditionEditView.as_view(), name="condition_edit"),
    path(
        "borging/<int:pk>/actie/",
        views.ConditionPlanActionView.as_view(),
        name="condition_plan_action",
    ),
]
