"""Demo data: two activities in every city with counted meetings (one moved, one cancelled),
an intervision group every two weeks (Gouda: a supervision pair, just started), the Arnhem
case linked to a meeting; ed-<city> sees their group; a second run changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from activities.constants import GroupKind, MeetingStatus
from activities.models import Activity, GroupMeeting, IntervisionGroup, Meeting, MeetingVisit
from teams.models import Location, User

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Activity.objects.count(),
        list(Meeting.objects.order_by("pk").values_list("date", "status", "first_time_visitors")),
        IntervisionGroup.objects.count(),
        GroupMeeting.objects.count(),
        MeetingVisit.objects.count(),
    )


def test_demo_in_every_city_and_idempotent():
    call_command("seed_demo", verbosity=0)
    assert Location.objects.count() == 6
    for location in Location.objects.all():
        activities = Activity.objects.filter(location=location)
        assert activities.count() == 2, location
        meetings = Meeting.objects.filter(activity__location=location)
        assert meetings.held().exists()
        assert meetings.filter(status=MeetingStatus.CANCELLED).exists()
        assert any(meeting.is_moved for meeting in meetings.select_related("activity"))
        groups = IntervisionGroup.objects.filter(location=location)
        assert groups.exists()
        assert GroupMeeting.objects.filter(group__location=location).exists()
    assert Activity.objects.filter(title__startswith="WRAP-groep", location__name="Amsterdam-Zuid")
    assert Activity.objects.filter(kind__name="Inloop", location__name="Zutphen").exists()
    assert IntervisionGroup.objects.filter(kind=GroupKind.INTERVISION).count() == 5
    assert IntervisionGroup.objects.get(location__name="Gouda").kind == GroupKind.SUPERVISION
    assert MeetingVisit.objects.filter(meeting__activity__location__name="Arnhem").count() == 1
    before = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == before


def test_demo_logins_see_their_pages():
    call_command("seed_demo", verbosity=0)
    client = Client()
    client.force_login(User.objects.get(username="ed-zutphen"))
    page = client.get(reverse("activities:my_intervision")).content.decode()
    assert "Intervisiegroep Zutphen" in page
    group = IntervisionGroup.objects.get(location__name="Zutphen")
    assert client.get(group.get_absolute_url()).status_code == 200
    client.force_login(User.objects.get(username="werker-zutphen"))
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(reverse("activities:intervision_overview")).content.decode()
    assert "Gouda" in page and "nee, 2 nog niet" in page
    page = client.get(reverse("dashboard:activities")).content.decode()
    assert "&lt;5" in page
