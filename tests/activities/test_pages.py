"""The activities pages: denied writes save nothing, bad input gives a clear Dutch error with
nothing saved and what was typed kept, the headcount over htmx is recorded once per token,
a case links to a meeting, panels, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from activities.constants import Frequency
from activities.models import (
    Activity,
    GroupMeeting,
    IntervisionGroup,
    Meeting,
    MeetingVisit,
)
from tests.access_roles import LOGIN
from tests.activities.factories import activities_world, extra_experts, make_activity, today
from tests.activities.matrix_rows import ACTIVITY_ROWS, WRITES

pytestmark = pytest.mark.django_db


def _state():
    return (
        Activity.objects.count(),
        list(Meeting.objects.order_by("pk").values_list("date", "status", "first_time_visitors")),
        IntervisionGroup.objects.count(),
        list(IntervisionGroup.objects.values_list("name", flat=True)),
        GroupMeeting.objects.count(),
        MeetingVisit.objects.count(),
    )


@pytest.mark.parametrize(
    ("url_name", "role"),
    [(name, role) for name, rules in WRITES.items() for role, rule in rules.items() if rule != 200],
)
def test_denied_writes_save_nothing(world, client, url_name, role):
    activities_world(world)
    before = _state()
    if role != "anonymous":
        client.force_login(world.user(role))
    url = ACTIVITY_ROWS[url_name][0](world)
    response = client.post(
        url,
        {
            "title": "X",
            "name": "X",
            "action": "cancel",
            "first_time": "4",
            "returning": "4",
            "token": str(uuid.uuid4()),
            "date": today().isoformat(),
            "meeting": world.meeting.pk,
        },
    )
    expected = WRITES[url_name][role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    assert _state() == before


def activity_post(world, **changes):
    start = today() - datetime.timedelta(weeks=2)
    data = {
        "kind": world.activity.kind_id if hasattr(world, "activity") else "",
        "title": "Inloop in De Buurtkamer",
        "description": "",
        "organisations": [world.gouda.recovery_org.pk],
        "leaders": [world.gouda.expert.person.pk, world.gouda.worker.person.pk],
        "neighbourhood": "",
        "address": "De Buurtkamer, Marktplein 1",
        "starts_on": start.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "frequency": Frequency.WEEKLY,
        "nth_weekday": "",
        "ends_on": (start + datetime.timedelta(weeks=10)).isoformat(),
        "exceptions_text": "",
    }
    data.update(changes)
    return data


def test_worker_creates_an_activity(world, client):
    from activities.models import ActivityKind

    client.force_login(world.gouda.worker)
    data = activity_post(world, kind=ActivityKind.objects.get(name="Inloop").pk)
    response = client.post(
        reverse("activities:activity_create", args=[world.gouda.location.pk]), data
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Inloop in De Buurtkamer")
    assert activity.meetings.count() == 11
    assert set(activity.leaders.all()) == {world.gouda.expert.person, world.gouda.worker.person}


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"ends_on": ""}, "nooit stopt"),
        ({"ends_on": "2001-01-01"}, "vóór de eerste bijeenkomst"),
        ({"end_time": "13:00"}, "eindtijd"),
        ({"exceptions_text": "morgen"}, "is geen datum"),
        ({"leaders": []}, "Dit veld is verplicht"),
        ({"frequency": Frequency.MONTHLY, "nth_weekday": ""}, "welke week van de maand"),
        ({"title": "Groep\x00"}, "Null-tekens"),
    ],
)
def test_bad_activity_input(world, client, changes, text):
    from activities.models import ActivityKind

    client.force_login(world.gouda.leader)
    data = activity_post(world, kind=ActivityKind.objects.first().pk, **changes)
    response = client.post(
        reverse("activities:activity_create", args=[world.gouda.location.pk]), data
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert text in page
    assert "Er is niets opgeslagen" in page
    assert "De Buurtkamer, Marktplein 1" in page  # what was typed is kept
    assert not Activity.objects.exists() and not Meeting.objects.exists()


def test_other_location_leader_cannot_be_chosen(world, client):
    from activities.models import ActivityKind

    client.force_login(world.gouda.leader)
    data = activity_post(
        world, kind=ActivityKind.objects.first().pk, leaders=[world.zutphen.expert.person.pk]
    )
    response = client.post(
        reverse("activities:activity_create", args=[world.gouda.location.pk]), data
    )
    assert response.status_code == 422
    assert not Activity.objects.exists()


def test_expert_edits_the_activity_they_lead(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    data = activity_post(
        world,
        title="Herstelgroep (nieuw)",
        starts_on=world.activity.starts_on.isoformat(),
        ends_on=world.activity.ends_on.isoformat(),
        exceptions_text=(world.activity.starts_on + datetime.timedelta(weeks=1)).strftime(
            "%d-%m-%Y"
        ),
    )
    response = client.post(reverse("activities:activity_edit", args=[world.activity.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    world.activity.refresh_from_db()
    assert world.activity.title == "Herstelgroep (nieuw)"
    assert len(world.activity.exception_dates) == 1


def test_move_a_meeting_before_the_start_is_refused(world, client):
    activities_world(world)
    client.force_login(world.gouda.leader)
    meeting = world.activity.meetings.order_by("date")[1]
    before = world.activity.starts_on - datetime.timedelta(days=3)
    response = client.post(
        reverse("activities:meeting_edit", args=[meeting.pk]),
        {"action": "move", "date": before.isoformat(), "start_time": "10:00", "end_time": "12:00"},
    )
    assert response.status_code == 422
    assert "vóór de eerste bijeenkomst" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == meeting.planned_on


def test_cancel_and_restore_a_meeting(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    meeting = world.activity.meetings.filter(date__gt=today()).first()
    url = reverse("activities:meeting_edit", args=[meeting.pk])
    assert client.post(url, {"action": "cancel", "note": "Zomerstop"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.note == "Zomerstop"
    assert client.post(url, {"action": "restore"}).status_code == 302
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    assert client.post(url, {"action": "explode"}).status_code == 400


def _count_post(client, meeting, first, back, token=None, htmx=True, version=None):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("activities:headcount", args=[meeting.pk]),
        {
            "first_time": first,
            "returning": back,
            "token": token or str(uuid.uuid4()),
            "version": meeting.version if version is None else version,
        },
        **headers,
    )


def test_headcount_over_htmx_is_idempotent(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    meeting = world.activity.meetings.filter(date__lt=today()).order_by("-date").first()
    token = str(uuid.uuid4())
    first = _count_post(client, meeting, "2", "8", token=token)
    assert first.status_code == 200
    assert f'id="bijeenkomst-{meeting.pk}"' in first.content.decode()
    again = _count_post(client, meeting, "2", "8", token=token)  # a double tap, a retry
    assert again.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.first_time_visitors, meeting.returning_visitors) == (2, 8)
    assert meeting.version == 2


def test_headcount_conflict_and_bad_numbers(world, client):
    activities_world(world)
    client.force_login(world.gouda.worker)
    meeting = world.meeting  # counted already (3 and 7) at version 2
    stale = _count_post(client, meeting, "1", "1", version=1)
    assert stale.status_code == 409
    assert "Een collega heeft intussen geteld" in stale.content.decode()
    for first, back, text in [("-3", "0", "kleiner zijn dan 0"), ("10000000", "0", "hoogstens")]:
        response = _count_post(client, meeting, first, back, version=meeting.version + 1)
        assert response.status_code == 422
        page = response.content.decode()
        assert text in page and f'value="{first}"' in page  # typed value kept
    assert _count_post(client, meeting, "1", "1", token="kapot").status_code == 400
    meeting.refresh_from_db()
    assert (meeting.first_time_visitors, meeting.returning_visitors) == (3, 7)


def test_headcount_without_javascript_redirects(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    meeting = world.activity.meetings.filter(date__lt=today()).order_by("-date").first()
    response = _count_post(client, meeting, "1", "0", htmx=False)
    assert response.status_code == 302 and f"#bijeenkomst-{meeting.pk}" in response["Location"]


def test_case_links_to_a_meeting(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    url = reverse("activities:resident_visits", args=[world.resident.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"meeting": world.meeting.pk, "first_time": "on"})
    assert response.status_code == 302
    visit = MeetingVisit.objects.get()
    assert visit.first_time and visit.resident_id == world.resident.pk
    # The meeting's page shows no name, only counts.
    client.force_login(world.gouda.leader)
    page = client.get(world.activity.get_absolute_url()).content.decode()
    assert "Anna" not in page
    # A meeting of another location cannot be chosen.
    other = make_activity(world.zutphen, leaders=[world.zutphen.expert.person])
    client.force_login(world.gouda.expert)
    response = client.post(url, {"meeting": other.meetings.first().pk})
    assert response.status_code == 422
    client.post(url, {"remove": visit.pk})
    assert not MeetingVisit.objects.exists()


def test_withdrawn_consent_closes_the_link(world, client):
    from casework.services import consent_withdraw

    activities_world(world)
    consent = world.resident.consents.get(purpose="delen_herstel")
    consent_withdraw(consent=consent, withdrawn_on=today(), actor=world.gouda.worker)
    client.force_login(world.gouda.expert)
    url = reverse("activities:resident_visits", args=[world.resident.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"meeting": world.meeting.pk}).status_code == 404
    assert not MeetingVisit.objects.exists()


def group_post(world, members, facilitators, **changes):
    data = {
        "kind": "intervisie",
        "name": "Intervisie Gouda-Oost",
        "members": [p.pk for p in members],
        "facilitators": [p.pk for p in facilitators],
        "cadence": "tweewekelijks",
        "place": "Praktijkhuis",
        "starts_on": today().isoformat(),
        "ends_on": "",
    }
    data.update(changes)
    return data


def test_group_of_twelve_is_refused_on_the_page(world, client):
    members = extra_experts(world.gouda, 12)
    client.force_login(world.gouda.expert)
    data = group_post(world, members, [world.gouda.expert.person])
    response = client.post(reverse("activities:group_create", args=[world.gouda.location.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "vier tot acht deelnemers" in page and "12" in page
    assert "Intervisie Gouda-Oost" in page  # typed kept
    assert not IntervisionGroup.objects.exists()


def test_expert_starts_a_group_and_records_a_meeting(world, client):
    from activities.models import IntervisionTheme

    members = extra_experts(world.gouda, 4)
    client.force_login(world.gouda.expert)
    data = group_post(world, members, [world.gouda.expert.person])
    response = client.post(reverse("activities:group_create", args=[world.gouda.location.pk]), data)
    assert response.status_code == 302
    group = IntervisionGroup.objects.get()
    url = reverse("activities:group_meeting_create", args=[group.pk])
    theme = IntervisionTheme.objects.get(name="Afstand en nabijheid")
    response = client.post(
        url,
        {
            "date": today().isoformat(),
            "attendees": [members[0].pk, world.gouda.expert.person.pk],
            "themes": [theme.pk],
            "free_themes": "Omgaan met kritiek",
        },
    )
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert meeting.free_themes == "Omgaan met kritiek"
    # Social workers, coordinators and beheerders never see the group.
    for user in (world.gouda.worker, world.coordinator, world.admin, world.gouda.leader):
        client.force_login(user)
        assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(world.coordinator)
    page = client.get(reverse("activities:intervision_overview")).content.decode()
    assert "Intervisie Gouda-Oost" not in page and members[0].family_name not in page


def test_group_meeting_bad_input(world, client):
    activities_world(world)
    client.force_login(world.facilitator.user)
    url = reverse("activities:group_meeting_create", args=[world.group.pk])
    before = GroupMeeting.objects.count()
    response = client.post(
        url,
        {
            "date": (world.group.starts_on - datetime.timedelta(days=5)).isoformat(),
            "attendees": [world.gouda.worker.person.pk],
            "free_themes": "x" * 300,
        },
    )
    assert response.status_code == 422
    assert GroupMeeting.objects.count() == before


def test_home_panels(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    page = client.get(reverse("home")).content.decode()
    assert "Mijn intervisie, supervisie en coaching" in page
    assert world.activity.title in page
    client.force_login(world.coordinator)
    assert "Intervisie per locatie" in client.get(reverse("home")).content.decode()
    client.force_login(world.gouda.worker)
    page = client.get(reverse("teams:location_detail", args=[world.gouda.location.pk]))
    assert "Groepsactiviteiten" in page.content.decode()


def test_my_intervision_this_year(world, client):
    activities_world(world)
    client.force_login(world.gouda.expert)
    page = client.get(reverse("activities:my_intervision")).content.decode()
    assert world.group.name in page
    assert f"in {today().year}" in page


def _grow(world, times: int):
    for number in range(times):
        activity = make_activity(world.gouda, title=f"Groep {number}")
        meeting = activity.meetings.filter(date__lt=today()).first()
        services.meeting_count(
            meeting_id=meeting.pk,
            first_time=1,
            returning=2,
            token=uuid.uuid4(),
            seen_version=None,
            actor=None,
        )
        services.group_meeting_save(
            group=world.group,
            actor=None,
            date=today() - datetime.timedelta(days=number + 1),
            attendees=list(world.group.members.all()),
            themes=[],
        )


@pytest.mark.parametrize(
    ("page", "who"),
    [
        ("list", "projectleider"),
        ("detail", "ervaringsdeskundige"),
        ("group", "ervaringsdeskundige"),
        ("mine", "ervaringsdeskundige"),
        ("overview", "coordinator"),
        ("home", "ervaringsdeskundige"),
    ],
)
def test_query_counts_do_not_grow(world, client, django_assert_max_num_queries, page, who):
    activities_world(world)

    def url():
        return {
            "list": reverse("activities:location_activities", args=[world.gouda.location.pk]),
            "detail": world.activity.get_absolute_url(),
            "group": world.group.get_absolute_url(),
            "mine": reverse("activities:my_intervision"),
            "overview": reverse("activities:intervision_overview"),
            "home": reverse("home"),
        }[page]

    client.force_login(world.user(who))
    _grow(world, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    _grow(world, 6)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url()).status_code == 200


def test_the_case_page_shows_the_visits(world, client):
    activities_world(world)
    services.visit_link(
        meeting=world.meeting, resident=world.resident, first_time=True, actor=world.gouda.worker
    )
    client.force_login(world.gouda.worker)
    page = client.get(world.resident.get_absolute_url()).content.decode()
    assert "Groepsactiviteiten" in page and world.activity.title in page
    assert reverse("activities:resident_visits", args=[world.resident.pk]) in page
    client.force_login(world.gouda.privacy)
    audit = client.get(reverse("casework:audit_trail", args=[world.gouda.location.pk]))
    if audit.status_code == 200:
        assert "bezoek aan een groepsactiviteit" in audit.content.decode()


def test_the_residents_copy_of_their_file_holds_the_visits(world, client):
    activities_world(world)
    services.visit_link(
        meeting=world.meeting, resident=world.resident, first_time=True, actor=world.gouda.worker
    )
    client.force_login(world.gouda.worker)
    response = client.get(reverse("casework:resident_export", args=[world.resident.pk]))
    data = response.json()
    assert data["activity_visits"] == [
        {
            "Datum": world.meeting.date.isoformat(),
            "Activiteit": world.activity.title,
            "Voor het eerst": "ja",
            "Vastgelegd op": MeetingVisit.objects.get().recorded_at.date().isoformat(),
        }
    ]
    pdf = client.get(reverse("casework:resident_export_pdf", args=[world.resident.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from casework.avg import resident_file
    from casework.views.avg import export_html

    html = export_html(resident_file(world.resident), exported_by=world.gouda.worker)
    assert "Bezoeken aan groepsactiviteiten" in html and world.activity.title in html
