"""Form pages of the teams app, posted through the views with the Django test client.

For each form: a valid post saves and redirects; a bad post re-renders the page (200) with a
Dutch error at the right field, keeps what the user typed and saves nothing. Posts by a user
without the right are refused (403 inside the user's scope, 404 outside it) and change nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.html import escape

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
    ExpertProfile,
    Membership,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
)
from tests.teams.factories import (
    ExperienceThemeFactory,
    ProjectTeamMemberFactory,
    TalentFactory,
)

ON_SQLITE = connection.vendor == "sqlite"

# Django's own Dutch messages (django/conf/locale/nl) and the app's messages.
REQUIRED = "Dit veld is verplicht."
INVALID_EMAIL = "Voer een geldig e-mailadres in."
INVALID_MODEL_CHOICE = "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
NULL_CHARACTERS = "Null-tekens zijn niet toegestaan."
CONTROL_CHARACTERS = "Dit veld bevat tekens die niet zijn toegestaan."
NOT_A_NUMBER = "Voer een geheel getal in."
HOURS_RANGE = "Vul een aantal uren tussen 1 en 60 in."
AT_LEAST_ZERO = "Zorg ervoor dat deze waarde minstens 0 is."
TRAINING_NOTE_NEEDED = "Schrijf kort welke opleiding het is."
DUPLICATE_MEMBER = "Deze persoon staat al in het team."


def invalid_choice(value: str) -> str:
    return f"Selecteer een geldige keuze. {value} is geen beschikbare keuze."


def too_long(limit: int, length: int) -> str:
    return f"Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {length})."


# --- helpers -----------------------------------------------------------------------------------


def html_of(response) -> str:
    return response.content.decode()


def assert_field_error(response, field: str, message: str, *, form: str = "form") -> None:
    """The message is on `field` of the bound form and visible (HTML-escaped) on the page."""
    assert response.status_code == 200
    bound = response.context[form]
    assert message in bound.errors.get(field, []), dict(bound.errors)
    assert escape(message) in html_of(response)


def assert_typed_value(response, value: str) -> None:
    """What the user typed into an <input> is rendered back, HTML-escaped."""
    assert f'value="{escape(value)}"' in html_of(response), value


def person_state(person: Person) -> dict[str, Any]:
    person.refresh_from_db()
    return model_to_dict(person)


def expert_state(person: Person) -> dict[str, Any] | None:
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is None:
        return None
    state = model_to_dict(profile, exclude=["themes", "talents"])
    state["themes"] = sorted(profile.themes.values_list("pk", flat=True))
    state["talents"] = sorted(profile.talents.values_list("pk", flat=True))
    return state


def worker_state(person: Person) -> dict[str, Any] | None:
    profile = SocialWorkerProfile.objects.filter(person=person).first()
    return None if profile is None else model_to_dict(profile)


def team_state(location) -> dict[str, Any]:
    team = ProjectTeam.objects.get(location=location)
    return {
        "team": model_to_dict(team),
        "members": sorted(
            tuple(sorted(model_to_dict(m).items()))
            for m in ProjectTeamMember.objects.filter(team=team)
        ),
    }


def counts() -> dict[str, int]:
    return {
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "expert_profiles": ExpertProfile.objects.count(),
        "worker_profiles": SocialWorkerProfile.objects.count(),
        "team_members": ProjectTeamMember.objects.count(),
    }


# --- person create -----------------------------------------------------------------------------


def person_create_url(location) -> str:
    return reverse("teams:person_create", kwargs={"location_pk": location.pk})


def person_create_data(world, **overrides: Any) -> dict[str, Any]:
    data = {
        "given_name": "Anna",
        "family_name": "O'Brien & <de Vries>",
        "email": "anna@example.nl",
        "phone": "06 1234 5678",
        "role": Role.EXPERT,
        "organisation": world.gouda.recovery_org.pk,
    }
    data.update(overrides)
    return data


def test_person_create_valid_saves_person_and_membership(world, client):
    client.force_login(world.gouda.leader)
    before = counts()

    response = client.post(
        person_create_url(world.gouda.location),
        person_create_data(world, given_name="  Anna  "),
    )

    person = Person.objects.get(email="anna@example.nl")
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert person.given_name == "Anna"  # stripped
    assert person.family_name == "O'Brien & <de Vries>"
    membership = person.memberships.get()
    assert membership.location == world.gouda.location
    assert membership.organisation == world.gouda.recovery_org
    assert membership.role == Role.EXPERT
    after = counts()
    assert after["persons"] == before["persons"] + 1
    assert after["memberships"] == before["memberships"] + 1


def test_person_create_without_organisation_is_valid(world, client):
    client.force_login(world.gouda.leader)

    response = client.post(
        person_create_url(world.gouda.location),
        person_create_data(world, organisation="", email="", phone=""),
    )

    assert response.status_code == 302
    person = Person.objects.get(given_name="Anna")
    assert person.memberships.get().organisation is None


ZUTPHEN_ORG = object()  # placeholder: replaced by Zutphen's organisation id in the test

PERSON_CREATE_BAD_INPUT = [
    pytest.param({"given_name": ""}, "given_name", REQUIRED, id="empty-given-name"),
    pytest.param({"family_name": ""}, "family_name", REQUIRED, id="empty-family-name"),
    pytest.param({"given_name": "   \t "}, "given_name", REQUIRED, id="blank-given-name"),
    pytest.param({"family_name": "  "}, "family_name", REQUIRED, id="blank-family-name"),
    pytest.param(
        {"given_name": "An\x07na"}, "given_name", CONTROL_CHARACTERS, id="control-char-name"
    ),
    pytest.param({"family_name": "de\x00Vries"}, "family_name", NULL_CHARACTERS, id="null-byte"),
    pytest.param({"given_name": "A" * 101}, "given_name", too_long(100, 101), id="too-long"),
    pytest.param({"email": "geen-e-mail"}, "email", INVALID_EMAIL, id="invalid-email"),
    pytest.param({"email": "anna@@example.nl"}, "email", INVALID_EMAIL, id="double-at-email"),
    pytest.param({"role": "baas"}, "role", invalid_choice("baas"), id="unknown-role"),
    pytest.param(
        {"role": Role.COORDINATOR},
        "role",
        invalid_choice(Role.COORDINATOR),
        id="coordinator-role-not-local",
    ),
    pytest.param({"role": ""}, "role", REQUIRED, id="missing-role"),
    pytest.param(
        {"organisation": ZUTPHEN_ORG},
        "organisation",
        INVALID_MODEL_CHOICE,
        id="organisation-of-other-location",
    ),
    pytest.param(
        {"organisation": "abc"}, "organisation", INVALID_MODEL_CHOICE, id="organisation-not-id"
    ),
    pytest.param(
        {"organisation": "9" * 25},
        "organisation",
        INVALID_MODEL_CHOICE,
        id="organisation-id-beyond-64-bits",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), PERSON_CREATE_BAD_INPUT)
def test_person_create_bad_input_shows_error_and_saves_nothing(
    world, client, overrides, field, message
):
    overrides = {
        key: world.zutphen.recovery_org.pk if value is ZUTPHEN_ORG else value
        for key, value in overrides.items()
    }
    client.force_login(world.gouda.leader)
    before = counts()
    data = person_create_data(world, **overrides)

    response = client.post(person_create_url(world.gouda.location), data)

    assert_field_error(response, field, message)
    assert counts() == before
    for name in ("given_name", "family_name", "email", "phone"):
        if data[name] and "\x00" not in data[name]:
            assert_typed_value(response, data[name])


def test_person_create_keeps_typed_text_escaped(world, client):
    client.force_login(world.gouda.leader)
    data = person_create_data(world, given_name='<script>"x"</script>', email="fout")

    response = client.post(person_create_url(world.gouda.location), data)

    html = html_of(response)
    assert_field_error(response, "email", INVALID_EMAIL)
    assert 'value="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html
    assert 'value="O&#x27;Brien &amp; &lt;de Vries&gt;"' in html
    assert '<script>"x"' not in html


@pytest.mark.parametrize(
    ("user_key", "status"), [("trainer", 403), ("other", 404), ("sociaal_werker", 403)]
)
def test_person_create_refused_without_right(world, client, user_key, status):
    client.force_login(world.user(user_key))
    before = counts()

    response = client.post(person_create_url(world.gouda.location), person_create_data(world))

    assert response.status_code == status
    assert counts() == before


# --- person edit -------------------------------------------------------------------------------


def person_edit_url(person: Person) -> str:
    return reverse("teams:person_edit", kwargs={"pk": person.pk})


def person_edit_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "given_name": "Bert",
        "family_name": "van 't Hof",
        "email": "bert@example.nl",
        "phone": "0182 123456",
    }
    data.update(overrides)
    return data


def test_person_edit_valid_saves(world, client):
    person = world.gouda.trainer.person
    client.force_login(world.gouda.leader)

    response = client.post(person_edit_url(person), person_edit_data(family_name=" van 't Hof "))

    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("Bert", "van 't Hof")
    assert (person.email, person.phone) == ("bert@example.nl", "0182 123456")


PERSON_EDIT_BAD_INPUT = [
    pytest.param({"given_name": ""}, "given_name", REQUIRED, id="empty-given-name"),
    pytest.param({"family_name": ""}, "family_name", REQUIRED, id="empty-family-name"),
    pytest.param({"given_name": " \n "}, "given_name", REQUIRED, id="blank-given-name"),
    pytest.param({"family_name": "\t"}, "family_name", REQUIRED, id="blank-family-name"),
    pytest.param(
        {"family_name": "Hof\x1b[31m"}, "family_name", CONTROL_CHARACTERS, id="escape-sequence"
    ),
    pytest.param({"given_name": "B\x00"}, "given_name", NULL_CHARACTERS, id="null-byte"),
    pytest.param({"family_name": "H" * 151}, "family_name", too_long(150, 151), id="too-long"),
    pytest.param({"email": "bert at example"}, "email", INVALID_EMAIL, id="invalid-email"),
    pytest.param({"phone": "0" * 31}, "phone", too_long(30, 31), id="phone-too-long"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), PERSON_EDIT_BAD_INPUT)
def test_person_edit_bad_input_shows_error_and_changes_nothing(
    world, client, overrides, field, message
):
    person = world.gouda.trainer.person
    client.force_login(world.gouda.leader)
    before = person_state(person)
    data = person_edit_data(**overrides)

    response = client.post(person_edit_url(person), data)

    assert_field_error(response, field, message)
    assert person_state(person) == before
    for value in data.values():
        if value and "\x00" not in value:
            assert_typed_value(response, value)


@pytest.mark.parametrize(
    ("user_key", "status"),
    [("trainer", 403), ("ervaringsdeskundige", 403), ("other", 404), ("no_membership", 404)],
)
def test_person_edit_refused_without_right(world, client, user_key, status):
    person = world.gouda.worker.person
    client.force_login(world.user(user_key))
    before = person_state(person)

    response = client.post(person_edit_url(person), person_edit_data())

    assert response.status_code == status
    assert person_state(person) == before


# --- expert profile ----------------------------------------------------------------------------


def expert_url(person: Person) -> str:
    return reverse("teams:expert_profile_edit", kwargs={"pk": person.pk})


def expert_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "employment": Employment.PAID,
        "position": ExpertPosition.IN_TEAM,
        "training_background": TrainingBackground.HBO,
        "training_note": "Afgerond in 2021",
        "availability": Availability.LIMITED,
        "hours_per_week": "12",
        "availability_note": "Dinsdag & donderdag <ochtend>",
        "in_pool": "on",
        "takes_intervision": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_expert_profile_valid_save_by_expert(world, client):
    person = world.gouda.expert.person
    themes = [ExperienceThemeFactory(name="Armoede"), ExperienceThemeFactory(name="Verslaving")]
    talent = TalentFactory(name="Training geven")
    ExperienceThemeFactory(name="Niet gekozen")
    client.force_login(world.gouda.expert)

    response = client.post(
        expert_url(person),
        expert_data(themes=[t.pk for t in themes], talents=[talent.pk]),
    )

    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    profile = ExpertProfile.objects.get(person=person)
    assert profile.employment == Employment.PAID
    assert profile.position == ExpertPosition.IN_TEAM
    assert profile.training_background == TrainingBackground.HBO
    assert profile.hours_per_week == 12
    assert profile.availability_note == "Dinsdag & donderdag <ochtend>"
    assert profile.in_pool and profile.takes_intervision and not profile.takes_supervision
    assert set(profile.themes.all()) == set(themes)
    assert list(profile.talents.all()) == [talent]


def test_expert_profile_anders_with_note_is_valid(world, client):
    person = world.gouda.expert.person
    client.force_login(world.gouda.expert)

    response = client.post(
        expert_url(person),
        expert_data(training_background=TrainingBackground.OTHER, training_note="Eigen scholing"),
    )

    assert response.status_code == 302
    profile = ExpertProfile.objects.get(person=person)
    assert profile.training_background == TrainingBackground.OTHER
    assert profile.training_note == "Eigen scholing"


def test_expert_profile_created_by_projectleider(world, client):
    """A projectleider may start a profile for someone of their location."""
    person = world.gouda.trainer.person
    client.force_login(world.gouda.leader)

    response = client.post(expert_url(person), expert_data())

    assert response.status_code == 302
    assert ExpertProfile.objects.get(person=person).hours_per_week == 12


EXPERT_BAD_INPUT = [
    pytest.param({"hours_per_week": "0"}, "hours_per_week", HOURS_RANGE, id="hours-0"),
    pytest.param({"hours_per_week": "61"}, "hours_per_week", HOURS_RANGE, id="hours-61"),
    pytest.param({"hours_per_week": "-1"}, "hours_per_week", AT_LEAST_ZERO, id="hours-negative"),
    pytest.param({"hours_per_week": "abc"}, "hours_per_week", NOT_A_NUMBER, id="hours-abc"),
    pytest.param({"hours_per_week": "7.5"}, "hours_per_week", NOT_A_NUMBER, id="hours-fraction"),
    pytest.param(
        {"training_background": TrainingBackground.OTHER, "training_note": ""},
        "training_note",
        TRAINING_NOTE_NEEDED,
        id="anders-without-note",
    ),
    pytest.param(
        {"training_background": TrainingBackground.OTHER, "training_note": "   "},
        "training_note",
        TRAINING_NOTE_NEEDED,
        id="anders-with-blank-note",
    ),
    pytest.param({"employment": "zzp"}, "employment", invalid_choice("zzp"), id="bad-employment"),
    pytest.param({"employment": None}, "employment", REQUIRED, id="missing-employment"),
    pytest.param({"themes": ["999999"]}, "themes", None, id="unknown-theme"),
    pytest.param(
        {"availability_note": "x" * 201}, "availability_note", too_long(200, 201), id="long-note"
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), EXPERT_BAD_INPUT)
def test_expert_profile_bad_input_shows_error_and_changes_nothing(
    world, client, overrides, field, message
):
    # With no theme at all, crispy-bootstrap5 renders a checkbox field's error inside the
    # loop over the options, so it would not show: give the page a theme, as in production.
    ExperienceThemeFactory(name="Armoede")
    person = world.gouda.expert.person
    client.force_login(world.gouda.expert)
    before = expert_state(person)
    data = expert_data(**overrides)

    response = client.post(expert_url(person), data)

    if message is None:  # message contains the posted value
        message = "Selecteer een geldige keuze. 999999 is geen beschikbare keuze."
    assert_field_error(response, field, message)
    assert expert_state(person) == before
    note = data.get("availability_note")
    if field != "availability_note":
        assert_typed_value(response, note)
    hours = data.get("hours_per_week")
    if hours:
        assert_typed_value(response, hours)


def test_expert_profile_huge_theme_id_is_a_form_error(world, client):
    person = world.gouda.expert.person
    client.force_login(world.gouda.expert)
    before = expert_state(person)

    response = client.post(expert_url(person), expert_data(themes=["9" * 25]))

    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert expert_state(person) == before


@pytest.mark.parametrize(
    ("user_key", "status"),
    [("trainer", 403), ("sociaal_werker", 403), ("other", 404), ("no_membership", 404)],
)
def test_expert_profile_refused_without_right(world, client, user_key, status):
    person = world.gouda.expert.person
    client.force_login(world.user(user_key))
    before = expert_state(person)

    response = client.post(expert_url(person), expert_data())

    assert response.status_code == status
    assert expert_state(person) == before


# --- social worker profile ---------------------------------------------------------------------


def worker_url(person: Person) -> str:
    return reverse("teams:social_worker_profile_edit", kwargs={"pk": person.pk})


def test_social_worker_profile_valid_save(world, client):
    person = world.gouda.worker.person
    client.force_login(world.gouda.worker)

    response = client.post(
        worker_url(person),
        {"discipline": Discipline.NEIGHBOURHOOD_COACH, "team_name": "  Buurtteam Korte Akkeren "},
    )

    assert response.status_code == 302
    profile = SocialWorkerProfile.objects.get(person=person)
    assert profile.discipline == Discipline.NEIGHBOURHOOD_COACH
    assert profile.team_name == "Buurtteam Korte Akkeren"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        pytest.param({"discipline": Discipline.OTHER, "team_name": ""}, "team_name", REQUIRED),
        pytest.param({"discipline": Discipline.OTHER, "team_name": "  "}, "team_name", REQUIRED),
        pytest.param(
            {"discipline": Discipline.OTHER, "team_name": "Team\x01"},
            "team_name",
            CONTROL_CHARACTERS,
        ),
        pytest.param(
            {"discipline": "kok", "team_name": "Team <Oost>"}, "discipline", invalid_choice("kok")
        ),
    ],
)
def test_social_worker_profile_bad_input(world, client, data, field, message):
    person = world.gouda.worker.person
    client.force_login(world.gouda.worker)
    before = worker_state(person)

    response = client.post(worker_url(person), data)

    assert_field_error(response, field, message)
    assert worker_state(person) == before
    if data["team_name"].strip() and field != "team_name":
        assert_typed_value(response, data["team_name"])


@pytest.mark.parametrize(
    ("user_key", "status"), [("trainer", 403), ("ervaringsdeskundige", 403), ("other", 404)]
)
def test_social_worker_profile_refused_without_right(world, client, user_key, status):
    person = world.gouda.worker.person
    client.force_login(world.user(user_key))
    before = worker_state(person)

    response = client.post(
        worker_url(person), {"discipline": Discipline.OTHER, "team_name": "Overgenomen"}
    )

    assert response.status_code == status
    assert worker_state(person) == before


# --- project team ------------------------------------------------------------------------------


def team_url(location) -> str:
    return reverse("teams:project_team_edit", kwargs={"location_pk": location.pk})


def team_data(rows: list[dict[str, Any]], *, initial: int = 0, **main: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "meeting_frequency": MeetingFrequency.MONTHLY,
        "meeting_note": "Eerste dinsdag, wijkcentrum 't Anker",
        "task_division": "Anna: planning & <verslag>",
        "members-TOTAL_FORMS": str(len(rows)),
        "members-INITIAL_FORMS": str(initial),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    data.update(main)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"members-{index}-{key}"] = value
    return data


def test_project_team_valid_add_member(world, client):
    location = world.gouda.location
    trainer = world.gouda.trainer.person
    client.force_login(world.gouda.leader)

    response = client.post(
        team_url(location),
        team_data(
            [
                {
                    "person": trainer.pk,
                    "function": "Trainer",
                    "organisation": world.gouda.recovery_org.pk,
                    "tasks": "Training",
                }
            ]
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("teams:location_detail", args=[location.pk]) + "#projectteam"
    team = ProjectTeam.objects.get(location=location)
    assert team.meeting_frequency == MeetingFrequency.MONTHLY
    assert team.task_division == "Anna: planning & <verslag>"
    member = team.members.get()
    assert (member.person, member.function, member.organisation) == (
        trainer,
        "Trainer",
        world.gouda.recovery_org,
    )


def test_project_team_keeps_existing_member_and_removes_marked_one(world, client):
    location = world.gouda.location
    team = ProjectTeam.objects.get(location=location)
    keep = ProjectTeamMemberFactory(team=team, person=world.gouda.leader.person)
    drop = ProjectTeamMemberFactory(team=team, person=world.gouda.trainer.person)
    rows = [
        {"id": m.pk, "person": m.person.pk, "function": m.function}
        for m in team.members.order_by("person__family_name")
    ]
    for row in rows:
        if row["id"] == drop.pk:
            row["DELETE"] = "on"
    client.force_login(world.gouda.leader)

    response = client.post(team_url(location), team_data(rows, initial=2))

    assert response.status_code == 302
    assert list(team.members.all()) == [keep]


def test_project_team_same_person_twice_saves_nothing(world, client):
    location = world.gouda.location
    person = world.gouda.trainer.person
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(
        team_url(location),
        team_data(
            [
                {"person": person.pk, "function": "Trainer"},
                {"person": person.pk, "function": "Tweede functie"},
            ]
        ),
    )

    assert response.status_code == 200
    assert not response.context["formset"].is_valid()
    assert team_state(location) == before
    assert_typed_value(response, "Tweede functie")
    assert_typed_value(response, "Eerste dinsdag, wijkcentrum 't Anker")


def test_project_team_same_person_twice_shows_dutch_error(world, client):
    person = world.gouda.trainer.person
    client.force_login(world.gouda.leader)

    response = client.post(
        team_url(world.gouda.location),
        team_data(
            [
                {"person": person.pk, "function": "Trainer"},
                {"person": person.pk, "function": "Tweede functie"},
            ]
        ),
    )

    assert response.status_code == 200
    assert DUPLICATE_MEMBER in response.context["formset"].forms[1].errors.get("person", [])
    assert DUPLICATE_MEMBER in html_of(response)
    assert "dubbele gegevens voor person" not in html_of(response)


def test_project_team_person_of_other_location_is_refused(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)
    zutphen_before = team_state(world.zutphen.location)

    response = client.post(
        team_url(location),
        team_data([{"person": world.zutphen.expert.person.pk, "function": "Spion <b>"}]),
    )

    assert response.status_code == 200
    row = response.context["formset"].forms[0]
    assert INVALID_MODEL_CHOICE in row.errors["person"]
    assert escape(INVALID_MODEL_CHOICE) in html_of(response)
    assert team_state(location) == before
    assert team_state(world.zutphen.location) == zutphen_before
    assert_typed_value(response, "Spion <b>")


@pytest.mark.parametrize("person_id", ["9" * 25, "-1", "abc", "1.5"])
def test_project_team_unknown_person_id_is_refused(world, client, person_id):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(
        team_url(location), team_data([{"person": person_id, "function": "Trainer"}])
    )

    assert response.status_code == 200
    assert INVALID_MODEL_CHOICE in response.context["formset"].forms[0].errors["person"]
    assert team_state(location) == before


def test_project_team_organisation_of_other_location_is_refused(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(
        team_url(location),
        team_data(
            [
                {
                    "person": world.gouda.trainer.person.pk,
                    "function": "Trainer",
                    "organisation": world.zutphen.team_org.pk,
                }
            ]
        ),
    )

    assert response.status_code == 200
    assert INVALID_MODEL_CHOICE in response.context["formset"].forms[0].errors["organisation"]
    assert team_state(location) == before


def test_project_team_member_without_function_is_refused(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(
        team_url(location),
        team_data([{"person": world.gouda.trainer.person.pk, "function": "   "}]),
    )

    assert response.status_code == 200
    assert REQUIRED in response.context["formset"].forms[0].errors["function"]
    assert team_state(location) == before


def test_project_team_bad_meeting_frequency_is_refused(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(team_url(location), team_data([], meeting_frequency="dagelijks"))

    assert_field_error(response, "meeting_frequency", invalid_choice("dagelijks"))
    assert team_state(location) == before


def test_project_team_add_row_adds_empty_row_and_saves_nothing(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)
    data = team_data(
        [
            {
                "person": world.gouda.trainer.person.pk,
                "function": "Trainer & coach",
                "tasks": "Intervisie <leiden>",
            }
        ],
        add_row="1",
    )

    response = client.post(team_url(location), data)

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 2
    assert 'name="members-TOTAL_FORMS" value="2"' in html_of(response)
    assert 'name="members-1-function"' in html_of(response)
    assert_typed_value(response, "Trainer & coach")
    assert_typed_value(response, "Intervisie <leiden>")
    assert_typed_value(response, "Eerste dinsdag, wijkcentrum 't Anker")
    assert escape("Anna: planning & <verslag>") in html_of(response)  # textarea content
    assert team_state(location) == before


def test_project_team_add_row_with_tampered_total_forms(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)
    data = team_data([], add_row="1")
    data["members-TOTAL_FORMS"] = "abc"

    response = client.post(team_url(location), data)

    assert response.status_code == 200
    assert team_state(location) == before


def test_project_team_missing_management_form_is_an_error(world, client):
    location = world.gouda.location
    client.force_login(world.gouda.leader)
    before = team_state(location)

    response = client.post(team_url(location), {"meeting_frequency": MeetingFrequency.WEEKLY})

    assert response.status_code == 200
    assert not response.context["formset"].is_valid()
    assert team_state(location) == before


@pytest.mark.parametrize(
    ("user_key", "status"),
    [("trainer", 403), ("ervaringsdeskundige", 403), ("other", 404), ("no_membership", 404)],
)
def test_project_team_refused_without_right(world, client, user_key, status):
    location = world.gouda.location
    client.force_login(world.user(user_key))
    before = team_state(location)

    response = client.post(
        team_url(location),
        team_data([{"person": world.gouda.trainer.person.pk, "function": "Trainer"}]),
    )

    assert response.status_code == status
    assert team_state(location) == before


def test_autocomplete_tokens_only_for_your_own_details(world, client):
    """WCAG 1.3.5 on your own details; a colleague's form gets none of yours filled in."""
    leader = world.gouda.leader
    client.force_login(leader)
    own = client.get(reverse("teams:person_edit", args=[leader.person.pk])).content.decode()
    for token in ("given-name", "family-name", "email", "tel"):
        assert f'autocomplete="{token}"' in own
    colleague = world.gouda.worker.person
    other = client.get(reverse("teams:person_edit", args=[colleague.pk])).content.decode()
    assert 'autocomplete="given-name"' not in other and 'autocomplete="off"' in other
