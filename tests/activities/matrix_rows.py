"""Access-matrix rows of the activities app (merged into tests/teams/test_access_matrix.py).

Activities: every member of the location reads; its projectleider, social workers and
beheerders change them, and so does the activity's leader (Gouda's expert). Intervision: a
group is seen only by its members (Gouda's expert) and facilitators (world.facilitator, not a
matrix role): everyone else, beheerders and coordinators included, gets a 404. The overview
per location (counts) is for coordinators and beheerders. 'other' leads Zutphen.
"""

from __future__ import annotations

from django.urls import reverse

from activities import calendar
from tests.access_roles import LOGIN, expect

READERS = expect(200, anonymous=LOGIN, other=404, no_membership=404)
POST_ONLY = expect(405, anonymous=LOGIN)
ACTIVITY_MANAGERS = expect(
    403,
    anonymous=LOGIN,
    projectleider=200,
    sociaal_werker=200,
    beheerder=200,
    other=404,
    no_membership=404,
)
ACTIVITY_EDITORS = {**ACTIVITY_MANAGERS, "ervaringsdeskundige": 200}
GROUP_STARTERS = expect(
    403,
    anonymous=LOGIN,
    projectleider=200,
    ervaringsdeskundige=200,
    beheerder=200,
    other=404,
    no_membership=404,
)
GROUP_MEMBERS = expect(404, anonymous=LOGIN, ervaringsdeskundige=200)
GROUP_FACILITATORS = expect(404, anonymous=LOGIN, ervaringsdeskundige=403)
DASHBOARD = expect(
    403, anonymous=LOGIN, coordinator=200, projectleider=200, beheerder=200, other=200
)
FILE_PARTNERS = expect(404, anonymous=LOGIN, sociaal_werker=200, ervaringsdeskundige=200)


def _location(w):
    return w.gouda.location.pk


ACTIVITY_ROWS: dict = {
    "activities:location_activities": (
        lambda w: reverse("activities:location_activities", args=[_location(w)]),
        READERS,
    ),
    "activities:activity_create": (
        lambda w: reverse("activities:activity_create", args=[_location(w)]),
        ACTIVITY_MANAGERS,
    ),
    "activities:programme_pdf": (
        lambda w: reverse("activities:programme_pdf", args=[_location(w)]),
        READERS,
    ),
    "activities:activity_detail": (
        lambda w: reverse("activities:activity_detail", args=[w.activity.pk]),
        READERS,
    ),
    "activities:activity_edit": (
        lambda w: reverse("activities:activity_edit", args=[w.activity.pk]),
        ACTIVITY_EDITORS,
    ),
    "activities:meeting_edit": (
        lambda w: reverse("activities:meeting_edit", args=[w.meeting.pk]),
        ACTIVITY_EDITORS,
    ),
    "activities:headcount": (
        lambda w: reverse("activities:headcount", args=[w.meeting.pk]),
        POST_ONLY,
    ),
    "activities:resident_visits": (
        lambda w: reverse("activities:resident_visits", args=[w.resident.pk]),
        FILE_PARTNERS,
    ),
    # The feed: the user's calendar link is the key (calendar apps fetch without a log-in).
    "activities:calendar": (
        lambda w: calendar.feed_url(calendar.LOCATION, w.gouda.location, w.gouda.worker),
        expect(200),
    ),
    "activities:my_intervision": (
        lambda w: reverse("activities:my_intervision"),
        expect(200, anonymous=LOGIN),
    ),
    "activities:intervision_overview": (
        lambda w: reverse("activities:intervision_overview"),
        expect(403, anonymous=LOGIN, coordinator=200, beheerder=200),
    ),
    "activities:group_create": (
        lambda w: reverse("activities:group_create", args=[_location(w)]),
        GROUP_STARTERS,
    ),
    "activities:group_detail": (
        lambda w: reverse("activities:group_detail", args=[w.group.pk]),
        GROUP_MEMBERS,
    ),
    "activities:group_edit": (
        lambda w: reverse("activities:group_edit", args=[w.group.pk]),
        GROUP_FACILITATORS,
    ),
    "activities:group_meeting_create": (
        lambda w: reverse("activities:group_meeting_create", args=[w.group.pk]),
        GROUP_FACILITATORS,
    ),
    "activities:group_meeting_edit": (
        lambda w: reverse("activities:group_meeting_edit", args=[w.group_meeting.pk]),
        GROUP_FACILITATORS,
    ),
    "dashboard:activities": (lambda w: reverse("dashboard:activities"), DASHBOARD),
    "dashboard:activities_csv": (lambda w: reverse("dashboard:activities_csv"), DASHBOARD),
    "dashboard:activities_xlsx": (lambda w: reverse("dashboard:activities_xlsx"), DASHBOARD),
}

# The write views: a POST by whoever may not write is refused the same way, saving nothing.
WRITES = {
    name: ACTIVITY_ROWS[name][1]
    for name in (
        "activities:activity_create",
        "activities:activity_edit",
        "activities:meeting_edit",
        "activities:resident_visits",
        "activities:group_create",
        "activities:group_edit",
        "activities:group_meeting_create",
        "activities:group_meeting_edit",
    )
}
# The headcount answers POST; who may not count gets what they get on the meeting's page.
WRITES["activities:headcount"] = ACTIVITY_EDITORS
