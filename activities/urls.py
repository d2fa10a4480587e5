from django.urls import path

from activities.views import activities, calendar, intervision

app_name = "activities"

urlpatterns = [
    # Group activities of a location (activities/views/activities.py).
    path(
        "locaties/<int:location_pk>/activiteiten/",
        activities.LocationActivitiesView.as_view(),
        name="location_activities",
    ),
    path(
        "locaties/<int:location_pk>/activiteiten/nieuw/",
        activities.ActivityCreateView.as_view(),
        name="activity_create",
    ),
    path(
        "locaties/<int:location_pk>/activiteiten/weekprogramma.pdf",
        activities.ProgrammePdfView.as_view(),
        name="programme_pdf",
    ),
    path("activiteiten/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path(
        "activiteiten/<int:pk>/bewerken/",
        activities.ActivityEditView.as_view(),
        name="activity_edit",
    ),
    path(
        "activiteiten/bijeenkomsten/<int:pk>/",
        activities.MeetingEditView.as_view(),
        name="meeting_edit",
    ),
    path(
        "activiteiten/bijeenkomsten/<int:pk>/tellen/",
        activities.HeadcountView.as_view(),
        name="headcount",
    ),
    path(
        "bewoners/<int:resident_pk>/activiteiten/",
        activities.ResidentVisitsView.as_view(),
        name="resident_visits",
    ),
    path("agenda/activiteiten/<str:token>.ics", calendar.feed, name="calendar"),
    # Coaching, intervision and supervision (activities/views/intervision.py).
    path("intervisie/", intervision.MyIntervisionView.as_view(), name="my_intervision"),
    path(
        "intervisie/overzicht/",
        intervision.IntervisionOverviewView.as_view(),
        name="intervision_overview",
    ),
    path(
        "locaties/<int:location_pk>/intervisie/nieuw/",
        intervision.GroupCreateView.as_view(),
        name="group_create",
    ),
    path("intervisie/<int:pk>/", intervision.GroupDetailView.as_view(), name="group_detail"),
    path("intervisie/<int:pk>/bewerken/", intervision.GroupEditView.as_view(), name="group_edit"),
    path(
        "intervisie/<int:pk>/bijeenkomst/nieuw/",
        intervision.GroupMeetingCreateView.as_view(),
        name="group_meeting_create",
    ),
    path(
        "intervisie/bijeenkomsten/<int:pk>/",
        intervision.GroupMeetingEditView.as_view(),
        name="group_meeting_edit",
    ),
]
