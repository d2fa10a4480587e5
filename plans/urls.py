from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("plannen/", views.PlanListView.as_view(), name="plan_list"),
    path(
        "locaties/<int:location_pk>/plannen/nieuw/",
        views.PlanCreateView.as_view(),
        name="plan_create",
    ),
    path("plannen/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path(
        "plannen/<int:pk>/bewerken/<slug:section>/",
        views.SectionEditView.as_view(),
        name="section_edit",
    ),
    path(
        "plannen/<int:pk>/stap/<slug:kind>/",
        views.PlanTransitionView.as_view(),
        name="plan_transition",
    ),
    path("plannen/<int:pk>/wijzigingen/", views.PlanChangesView.as_view(), name="plan_changes"),
    path("plannen/<int:pk>/acties/", views.ActionListView.as_view(), name="action_list"),
    path("plannen/<int:pk>/afdrukken/", views.PlanPrintView.as_view(), name="plan_print"),
    path("plannen/<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan_pdf"),
]
