"""Hostile input on the teams forms, generated with Hypothesis and posted through the views.

Random Unicode (null bytes, control characters, strings up to 5000 characters), random values
for choice fields, missing fields and random ids. For every example:
- the page never crashes: the status is one of the expected ones, never a 500;
- no invalid row is saved: every row passes `full_clean()` and the app's own form rules;
- data of the other location (Zutphen) is never changed.

Each example runs inside a savepoint that is rolled back, so examples do not see each other.

Two inputs that once crashed are pinned by tests in test_forms.py and included here too:
- a theme/talent id above 2**63-1 (was an OverflowError on SQLite);
- add_row with a members-TOTAL_FORMS that is not a number (was a ValueError).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teams.constants import (
    Availability,
    Discipline,
    Employment,
    ExpertPosition,
    MeetingFrequency,
    Role,
    TrainingBackground,
)
from teams.models import (
    ExperienceTheme,
    ExpertProfile,
    Location,
    Membership,
    Organisation,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
    Talent,
)
from tests.rollback import rolled_back as undone
from tests.teams.factories import (
    ExperienceThemeFactory,
    ProjectTeamMemberFactory,
    TalentFactory,
)

HOSTILE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# --- strategies --------------------------------------------------------------------------------

# Full Unicode (Hypothesis includes "\x00" and the other control characters).
PLAIN_TEXT = st.text(max_size=60)
# Mostly control and invisible characters, with some letters in between.
CONTROL_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x20),
        st.sampled_from("\x7f\x85\xa0\u200b\u2028\u2029\u202e\ufeffaZ"),
    ),
    max_size=30,
)
# Long strings, built by repetition so Hypothesis need not draw 5000 characters one by one.
LONG_TEXT = st.builds(
    lambda chunk, n: (chunk * n)[:5000],
    st.text(min_size=1, max_size=8),
    st.integers(min_value=20, max_value=5000),
)
NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\t\r\n",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '"><img src=x onerror=alert(1)>',
        "{{ request }}",
        "%s%s%n",
        "Ĳsbrand Ǆ ﬁ",
        "x" * 5000,
        "0",
        "-1",
        "1e3",
        "NaN",
    ]
)
TEXT = st.one_of(PLAIN_TEXT, CONTROL_TEXT, LONG_TEXT, NASTY_TEXT)


def form_int(value: str) -> int | None:
    """What a Django forms.IntegerField (the management form) makes of `value`."""
    try:
        return forms.IntegerField(required=False).to_python(value)
    except ValidationError:
        return None


def ids(known: list[int]) -> st.SearchStrategy:
    """Known ids (of both locations), any integer (also beyond 64 bits), or junk text."""
    return st.one_of(
        st.sampled_from(known).map(str),
        st.integers(min_value=INT64_MIN, max_value=INT64_MAX).map(str),
        st.integers().map(str),
        TEXT,
    )


def unicode_line(max_size: int) -> st.SearchStrategy:
    """Text a person might type: any Unicode except control characters (may be blank)."""
    return st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=max_size
    )


CHECKBOX = st.sampled_from(["on", None])
EMAIL = st.one_of(st.just(""), st.emails().map(str))


@st.composite
def hostile_post(
    draw,
    valid: dict[str, st.SearchStrategy],
    hostile: dict[str, st.SearchStrategy] | None = None,
) -> dict[str, Any]:
    """A plausible post in which a few fields are replaced by hostile text, a field-specific
    bad value, or left out. None as a value means: not in the POST at all."""
    hostile = hostile or {}
    post = draw(st.fixed_dictionaries(valid))
    for name in sorted(draw(st.sets(st.sampled_from(sorted(valid))))):
        bad = st.one_of(st.none(), TEXT, *([hostile[name]] if name in hostile else []))
        post[name] = draw(bad, label=name)
    return post


def post_data(drawn: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in drawn.items() if value is not None}


# --- the world's invariants ---------------------------------------------------------------------


def assert_clean_text(value: str) -> None:
    """The app's rule for names (teams.forms._require_text): trimmed, filled, no controls."""
    assert value == value.strip() and value, repr(value)
    assert not any(ord(char) < 32 for char in value), repr(value)


CHECKED_MODELS = (
    Person,
    Membership,
    ExpertProfile,
    SocialWorkerProfile,
    ProjectTeam,
    ProjectTeamMember,
)


def assert_row_valid(obj: Any) -> None:
    """`full_clean()` plus the rules the app's forms add on top of the model."""
    obj.full_clean()
    if isinstance(obj, Person):
        assert_clean_text(obj.given_name)
        assert_clean_text(obj.family_name)
    elif isinstance(obj, ExpertProfile):
        assert obj.hours_per_week is None or 1 <= obj.hours_per_week <= 60
        if obj.training_background == TrainingBackground.OTHER:
            assert obj.training_note.strip()
    elif isinstance(obj, SocialWorkerProfile):
        assert_clean_text(obj.team_name)
    elif isinstance(obj, ProjectTeamMember):
        assert obj.function.strip()
        if obj.organisation_id is not None:
            assert obj.team.location.organisations.filter(pk=obj.organisation_id).exists()


def assert_every_row_valid() -> None:
    for model in CHECKED_MODELS:
        for obj in model.objects.all():
            assert_row_valid(obj)


def all_rows() -> dict[type, dict[int, dict[str, Any]]]:
    """Every row of the checked models as plain values, to see which ones a request changed."""
    rows = {}
    for model in CHECKED_MODELS:
        queryset = model.objects.all()
        if model is ExpertProfile:
            queryset = queryset.prefetch_related("themes", "talents")
        rows[model] = {obj.pk: model_to_dict(obj) for obj in queryset}
    return rows


def assert_changed_rows_valid(before: dict[type, dict[int, dict[str, Any]]]) -> None:
    """The rows a request created or changed pass full_clean(). The others passed it when the
    fixture was built (`assert_every_row_valid`), and each example is rolled back, so after
    this check every row is valid; checking only these keeps an example fast."""
    for model, rows in all_rows().items():
        changed = [pk for pk, values in rows.items() if before[model].get(pk) != values]
        for obj in model.objects.filter(pk__in=changed):
            assert_row_valid(obj)


def location_snapshot(location: Location) -> dict[str, Any]:
    """Everything that belongs to one location, as plain values."""
    people = Person.objects.filter(memberships__location=location).distinct().order_by("pk")
    expert_profiles = ExpertProfile.objects.filter(person__in=people).order_by("pk")
    team = ProjectTeam.objects.get(location=location)
    return {
        "location": model_to_dict(location),
        "organisations": [
            model_to_dict(o) for o in Organisation.objects.filter(locations=location)
        ],
        "people": [model_to_dict(p) for p in people],
        "memberships": [
            model_to_dict(m) for m in Membership.objects.filter(location=location).order_by("pk")
        ],
        "expert_profiles": [
            {
                **model_to_dict(p, exclude=["themes", "talents"]),
                "themes": sorted(p.themes.values_list("pk", flat=True)),
                "talents": sorted(p.talents.values_list("pk", flat=True)),
            }
            for p in expert_profiles
        ],
        "worker_profiles": [
            model_to_dict(p)
            for p in SocialWorkerProfile.objects.filter(person__in=people).order_by("pk")
        ],
        "team": model_to_dict(team),
        "team_members": [model_to_dict(m) for m in team.members.order_by("pk")],
    }


@contextmanager
def rolled_back() -> Iterator[dict[type, dict[int, dict[str, Any]]]]:
    """Run one example in a savepoint and undo it afterwards; yields the rows before it.
    The cache holds copies of rows (the sessions): it is emptied too, as it would be when
    the rows it copies were rolled back."""
    with undone():
        yield all_rows()


@pytest.fixture
def hostile(world):
    """The world plus themes, talents and one project-team member at each location."""
    ExperienceThemeFactory(name="Armoede")
    ExperienceThemeFactory(name="Psychische kwetsbaarheid")
    TalentFactory(name="Training geven")
    for site in (world.gouda, world.zutphen):
        ProjectTeamMemberFactory(
            team=site.location.project_team,
            person=site.leader.person,
            organisation=site.recovery_org,
            function="Projectleider",
        )
    world.zutphen_before = location_snapshot(world.zutphen.location)
    assert_every_row_valid()
    return world


def person_ids(world) -> list[int]:
    return list(Person.objects.values_list("pk", flat=True))


def organisation_ids(world) -> list[int]:
    return list(Organisation.objects.values_list("pk", flat=True))


def check_world(world, response, allowed: set[int], before) -> None:
    event(f"status {response.status_code}")
    assert response.status_code in allowed, response.status_code
    assert_changed_rows_valid(before)
    assert location_snapshot(world.zutphen.location) == world.zutphen_before


# --- person create ----------------------------------------------------------------------------

LOCAL_ROLES = [role for role in Role.values if role != Role.COORDINATOR]


def person_fields(world) -> dict[str, st.SearchStrategy]:
    return {
        "given_name": unicode_line(100),
        "family_name": unicode_line(150),
        "email": EMAIL,
        "phone": st.text(max_size=30),
    }


@HOSTILE
@given(data=st.data())
def test_person_create_survives_hostile_input(hostile, client, data):
    world = hostile
    client.force_login(world.gouda.leader)
    gouda_orgs = [world.gouda.recovery_org.pk, world.gouda.team_org.pk]
    drawn = data.draw(
        hostile_post(
            valid={
                **person_fields(world),
                "role": st.sampled_from(LOCAL_ROLES),
                "organisation": st.sampled_from(["", *map(str, gouda_orgs)]),
            },
            hostile={
                "role": st.just(Role.COORDINATOR),
                "organisation": ids(organisation_ids(world)),
            },
        ),
        label="post",
    )
    url = reverse("teams:person_create", kwargs={"location_pk": world.gouda.location.pk})

    with rolled_back() as before:
        response = client.post(url, post_data(drawn))

        check_world(world, response, {200, 302}, before)
        new = Person.objects.exclude(pk__in=before[Person])
        if response.status_code == 302:
            membership = new.get().memberships.get()
            assert membership.location == world.gouda.location
            assert membership.role in LOCAL_ROLES
            assert membership.organisation_id in (None, *gouda_orgs)
        else:
            assert not new.exists()
            assert response.context["form"].errors


# --- person edit ------------------------------------------------------------------------------


@HOSTILE
@given(data=st.data())
def test_person_edit_survives_hostile_input(hostile, client, data):
    world = hostile
    client.force_login(world.gouda.leader)
    gouda = [world.gouda.trainer, world.gouda.worker, world.gouda.expert, world.gouda.leader]
    zutphen = [world.zutphen.expert, world.zutphen.leader]
    user = data.draw(st.sampled_from(gouda * 2 + zutphen), label="whose entry")
    drawn = data.draw(hostile_post(valid=person_fields(world)), label="post")
    url = reverse("teams:person_edit", kwargs={"pk": user.person.pk})

    with rolled_back() as before:
        response = client.post(url, post_data(drawn))

        check_world(world, response, {404} if user in zutphen else {200, 302}, before)
        if response.status_code != 302:
            assert all_rows()[Person] == before[Person]


# --- expert profile ---------------------------------------------------------------------------


@HOSTILE
@given(data=st.data())
def test_expert_profile_survives_hostile_input(hostile, client, data):
    world = hostile
    # (user, whose profile, expected statuses): the expert themself, the projectleider for
    # someone without a profile yet, and the projectleider for an expert of the other location.
    user, target, allowed = data.draw(
        st.sampled_from(
            [
                (world.gouda.expert, world.gouda.expert, {200, 302}),
                (world.gouda.leader, world.gouda.trainer, {200, 302}),
                (world.gouda.leader, world.zutphen.expert, {404}),
            ]
        ),
        label="who",
    )
    client.force_login(user)
    theme_ids = list(ExperienceTheme.objects.values_list("pk", flat=True))
    talent_ids = list(Talent.objects.values_list("pk", flat=True))
    drawn = data.draw(
        hostile_post(
            valid={
                "employment": st.sampled_from(Employment.values),
                "position": st.sampled_from(ExpertPosition.values),
                "training_background": st.sampled_from(TrainingBackground.values),
                "training_note": st.text(max_size=200),
                "themes": st.lists(st.sampled_from(theme_ids).map(str), unique=True),
                "talents": st.lists(st.sampled_from(talent_ids).map(str), unique=True),
                "availability": st.sampled_from(Availability.values),
                "hours_per_week": st.one_of(st.just(""), st.integers(1, 60).map(str)),
                "availability_note": st.text(max_size=200),
                "in_pool": CHECKBOX,
                "takes_intervision": CHECKBOX,
                "takes_supervision": CHECKBOX,
            },
            hostile={
                "hours_per_week": st.integers().map(str),
                "themes": st.lists(ids(theme_ids), max_size=3),
                "talents": st.lists(ids(talent_ids), max_size=3),
            },
        ),
        label="post",
    )
    url = reverse("teams:expert_profile_edit", kwargs={"pk": target.person.pk})

    with rolled_back() as before:
        response = client.post(url, post_data(drawn))

        check_world(world, response, allowed, before)
        if response.status_code == 302:
            assert ExpertProfile.objects.filter(person=target.person).exists()
        else:
            assert all_rows()[ExpertProfile] == before[ExpertProfile]


@HOSTILE
@given(data=st.data())
def test_social_worker_profile_survives_hostile_input(hostile, client, data):
    world = hostile
    client.force_login(world.gouda.worker)
    drawn = data.draw(
        hostile_post(
            valid={
                "discipline": st.sampled_from(Discipline.values),
                "team_name": unicode_line(150),
            }
        ),
        label="post",
    )
    url = reverse("teams:social_worker_profile_edit", kwargs={"pk": world.gouda.worker.person.pk})

    with rolled_back() as before:
        response = client.post(url, post_data(drawn))

        check_world(world, response, {200, 302}, before)
        if response.status_code != 302:
            assert all_rows()[SocialWorkerProfile] == before[SocialWorkerProfile]


# --- project team ------------------------------------------------------------------------------

# What the add_row branch can read (it calls int() on the raw text): numbers, spaced and signed.
ADD_ROW_TOTAL = st.one_of(
    st.integers(min_value=-3, max_value=5).map(str),
    st.sampled_from(["", " 2 ", "+1", "-0", "0_1", "\u0663", "\t4\n"]),
)


def management_number(limit: int = 6) -> st.SearchStrategy:
    """A management-form count: small numbers or junk, never a number that makes the page
    render hundreds of rows (slow, see the report; Django caps it at 2000)."""
    return st.one_of(
        st.integers(min_value=-2, max_value=limit).map(str),
        TEXT.filter(lambda v: (form_int(v) or 0) <= limit),
    )


@HOSTILE
@given(data=st.data())
def test_project_team_survives_hostile_input(hostile, client, data):
    world = hostile
    client.force_login(world.gouda.leader)
    team = world.gouda.location.project_team
    existing = team.members.get()
    gouda_people = list(
        Person.objects.filter(memberships__location=world.gouda.location).values_list(
            "pk", flat=True
        )
    )
    gouda_orgs = [world.gouda.recovery_org.pk, world.gouda.team_org.pk]
    row_hostile = {
        "id": ids(list(ProjectTeamMember.objects.values_list("pk", flat=True))),
        "person": ids(person_ids(world)),
        "organisation": ids(organisation_ids(world)),
        "DELETE": st.just("on"),
    }
    new_row = hostile_post(
        valid={
            "person": st.sampled_from(gouda_people).map(str),
            "function": unicode_line(150),
            "organisation": st.sampled_from(["", *map(str, gouda_orgs)]),
            "tasks": st.text(max_size=250),
        },
        hostile=row_hostile,
    )
    existing_row = hostile_post(
        valid={
            "id": st.just(str(existing.pk)),
            "person": st.just(str(existing.person_id)),
            "function": st.one_of(st.just(existing.function), unicode_line(150)),
            "organisation": st.sampled_from(["", *map(str, gouda_orgs)]),
            "tasks": st.text(max_size=250),
            "DELETE": CHECKBOX,
        },
        hostile=row_hostile,
    )
    keep_existing = data.draw(st.booleans(), label="existing row")
    rows = [data.draw(existing_row, label="existing")] if keep_existing else []
    rows += data.draw(st.lists(new_row, max_size=3), label="new rows")
    drawn = data.draw(
        hostile_post(
            valid={
                "meeting_frequency": st.sampled_from(["", *MeetingFrequency.values]),
                "meeting_note": st.text(max_size=200),
                "task_division": st.one_of(st.text(max_size=100), LONG_TEXT),
                "members-TOTAL_FORMS": st.just(str(len(rows))),
                "members-INITIAL_FORMS": st.just(str(int(keep_existing))),
                "members-MIN_NUM_FORMS": st.just("0"),
                "members-MAX_NUM_FORMS": st.just("1000"),
            },
            hostile={
                "members-TOTAL_FORMS": management_number(),
                "members-INITIAL_FORMS": management_number(),
                "members-MIN_NUM_FORMS": management_number(),
                "members-MAX_NUM_FORMS": management_number(),
            },
        ),
        label="post",
    )
    add_row = data.draw(st.booleans(), label="add_row")
    if add_row:
        drawn["members-TOTAL_FORMS"] = data.draw(
            st.one_of(ADD_ROW_TOTAL, TEXT, st.integers().map(str)), label="add_row total"
        )
        drawn["add_row"] = "1"
    post = post_data(drawn)
    for index, values in enumerate(rows):
        post.update({f"members-{index}-{k}": v for k, v in values.items() if v is not None})
    url = reverse("teams:project_team_edit", kwargs={"location_pk": world.gouda.location.pk})

    with rolled_back() as before:
        gouda_before = location_snapshot(world.gouda.location)
        response = client.post(url, post)

        check_world(world, response, {200, 302}, before)
        if response.status_code != 302:
            assert location_snapshot(world.gouda.location) == gouda_before
        if add_row:
            assert response.status_code == 200


# --- random ids in the address ----------------------------------------------------------------


URL_KWARG = {
    "teams:person_edit": "pk",
    "teams:expert_profile_edit": "pk",
    "teams:social_worker_profile_edit": "pk",
    "teams:person_create": "location_pk",
    "teams:project_team_edit": "location_pk",
}


@settings(HOSTILE, max_examples=25)
@given(data=st.data())
def test_random_ids_in_the_address_never_crash(hostile, client, data):
    world = hostile
    client.force_login(world.gouda.leader)
    name = data.draw(st.sampled_from(sorted(URL_KWARG)), label="view")
    key = URL_KWARG[name]
    known = (
        person_ids(world) if key == "pk" else [world.gouda.location.pk, world.zutphen.location.pk]
    )
    pk = data.draw(
        st.one_of(st.sampled_from(known), st.integers(min_value=0, max_value=2**80)), label=key
    )
    url = reverse(name, kwargs={key: pk})

    with rolled_back() as before:
        response = client.post(url, {"given_name": "Anna", "family_name": "Jansen"})

        check_world(world, response, {200, 302, 403, 404}, before)
