"""Bad input on the plan's forms, posted through the views as the Gouda projectleider.

Every case posts what a browser would send: the fields are read from the rendered form (the
same names, the same hidden management numbers), changed the way a person (or an attacker)
would, and posted back. For bad input the page answers 200 with a clear Dutch error, the
database is exactly as before, and what was typed is still in the page (HTML-escaped).

The helpers at the top (`form_fields`, `post_form`, `db_state`, ...) are also used by the other
plan test modules.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.rollback import rolled_back
from tests.teams.factories import NeighbourhoodFactory

NOT_SAVED = "Niet opgeslagen: verbeter de fouten die hieronder staan."
HEADER_RELATIONS = ("neighbourhoods", "recovery_organisations", "neighbourhood_teams")


# --- What a browser sends -----------------------------------------------------------------------


class _FormParser(HTMLParser):
    """The successful controls of the page's own post form (not the log-out form)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list[str]] = {}
        self.forms_seen = 0
        self.in_form = False
        self.textarea: str | None = None
        self.textarea_text: list[str] = []
        self.select: str | None = None
        self.select_multiple = False
        self.select_options: list[tuple[str, bool]] = []
        self.option: tuple[str | None, bool] | None = None
        self.option_text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            if attr.get("method", "").lower() == "post" and "action" not in attr:
                self.in_form = True
                self.forms_seen += 1
            return
        if not self.in_form:
            return
        if tag == "input":
            kind = attr.get("type", "text").lower()
            name = attr.get("name")
            if not name or kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self._add(name, attr.get("value", "on"))
                return
            self._add(name, attr.get("value", ""))
        elif tag == "textarea":
            self.textarea = attr.get("name")
            self.textarea_text = []
        elif tag == "select":
            self.select = attr.get("name")
            self.select_multiple = "multiple" in attr
            self.select_options = []
        elif tag == "option" and self.select is not None:
            self._close_option()
            self.option = (attr.get("value"), "selected" in attr)
            self.option_text = []

    def _close_option(self) -> None:
        if self.option is not None:
            value, selected = self.option
            if value is None:
                value = "".join(self.option_text).strip()
            self.select_options.append((value, selected))
            self.option = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea_text.append(data)
        elif self.option is not None:
            self.option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea_text)
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self._add(self.textarea, text)
            self.textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self.select is not None:
            self._close_option()
            chosen = [value for value, selected in self.select_options if selected]
            if not chosen and not self.select_multiple and self.select_options:
                chosen = [self.select_options[0][0]]
            if not self.select_multiple:
                chosen = chosen[-1:]
            self.fields.setdefault(self.select, [])
            for value in chosen:
                self._add(self.select, value)
            self.select = None


def form_fields(response) -> dict[str, list[str]]:
    """The values the page's post form would send, as the browser would send them."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    parser.close()
    assert parser.forms_seen, "no post form on the page"
    fields = parser.fields
    fields.pop("csrfmiddlewaretoken", None)
    return {name: values for name, values in fields.items() if values}


def fill(fields: dict[str, list[str]], **changes: Any) -> dict[str, list[str]]:
    """A copy of `fields` with changes; `None` removes a field, a list sets several values.

    Field names with dashes are passed as a dict: fill(fields, **{"goals-0-text": "..."})."""
    data = {name: list(values) for name, values in fields.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = [str(value)]
    return data


def section_url(plan, key: str) -> str:
    return reverse("plans:section_edit", args=[plan.pk, key])


def open_form(client, plan, key: str) -> dict[str, list[str]]:
    response = client.get(section_url(plan, key))
    assert response.status_code == 200
    return form_fields(response)


def post_form(client, plan, key: str, data: dict[str, list[str]], **buttons: str):
    return client.post(section_url(plan, key), {**data, **buttons})


def db_state(plan) -> dict[str, Any]:
    """Everything of a plan in the database: fields, relations, goals, actions, owners."""
    plan = PlanOfApproach.objects.get(pk=plan.pk)
    fields = {field.attname: getattr(plan, field.attname) for field in plan._meta.concrete_fields}
    relations = {
        name: sorted(getattr(plan, name).values_list("pk", flat=True)) for name in HEADER_RELATIONS
    }
    goals = list(Goal.objects.filter(plan=plan).order_by("pk").values())
    actions = []
    for action in Action.objects.filter(goal__plan=plan).order_by("pk"):
        row = {field.attname: getattr(action, field.attname) for field in Action._meta.fields}
        row["people"] = sorted(action.owner_people.values_list("pk", flat=True))
        row["organisations"] = sorted(action.owner_organisations.values_list("pk", flat=True))
        actions.append(row)
    return {"fields": fields, "relations": relations, "goals": goals, "actions": actions}


def page(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def goal_total(response) -> int:
    return int(form_fields(response)["goals-TOTAL_FORMS"][0])


def action_total(response, goal_index: int) -> int:
    return int(form_fields(response)[f"goals-{goal_index}-actions-TOTAL_FORMS"][0])


# --- Fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def plan(world):
    return PlanFactory(location=world.gouda.location)


@pytest.fixture
def leader(world, client):
    client.force_login(world.gouda.leader)
    return world.gouda.leader


def gouda_people(world) -> list:
    site = world.gouda
    return [site.leader.person, site.trainer.person, site.worker.person, site.expert.person]


# --- Text sections ------------------------------------------------------------------------------


def test_an_answer_of_100_kb_is_refused_with_the_dutch_length_error(world, client, leader, plan):
    fields = open_form(client, plan, "achtergrond")
    answer = ("Buurt & wijk <samen> " * 4762).strip()  # 100,001 characters, some to escape
    before = db_state(plan)

    response = post_form(
        client,
        plan,
        "achtergrond",
        fill(fields, background_team=answer, background_focus="Eenzaamheid in de wijk"),
    )

    assert response.status_code == 200
    text = page(response)
    assert (
        f"Zorg dat deze waarde niet meer dan 20000 tekens bevat (het zijn er nu {len(answer)})."
        in text
    )
    assert NOT_SAVED in messages_of(response)
    assert db_state(plan) == before
    assert escape(answer) in text  # all of it is still in the box, escaped
    assert "Eenzaamheid in de wijk" in text  # the other answers too
    assert "<samen>" not in text


def test_an_answer_of_exactly_20000_characters_is_saved(world, client, leader, plan):
    fields = open_form(client, plan, "achtergrond")
    answer = "a" * 20_000
    response = post_form(client, plan, "achtergrond", fill(fields, background_team=answer))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.background_team == answer
    assert plan.revision == 2


SCRIPT = '<script>alert("wijk")</script><img src=x onerror=alert(1)>'


def test_html_and_script_are_saved_as_text_and_shown_escaped_everywhere(
    world, client, leader, plan
):
    fields = open_form(client, plan, "achtergrond")
    response = post_form(client, plan, "achtergrond", fill(fields, background_team=SCRIPT))
    assert response.status_code == 302
    fields = open_form(client, plan, "eigen-regie")
    response = post_form(
        client,
        plan,
        "eigen-regie",
        fill(
            fields,
            **{
                "goals-0-text": f"Doel {SCRIPT}",
                "goals-0-actions-0-description": f"Actie {SCRIPT}",
                "goals-0-actions-0-timing_note": f"Wanneer {SCRIPT}",
                "goals-0-actions-0-owner_people": world.gouda.worker.person.pk,
            },
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.background_team == SCRIPT  # stored as typed: escaping is the page's job
    assert Goal.objects.get(plan=plan).text == f"Doel {SCRIPT}"

    for name in ("plans:plan_detail", "plans:plan_print", "plans:action_list"):
        response = client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 200, name
        text = page(response)
        assert "&lt;script&gt;alert(" in text, name
        assert "<script>alert" not in text, name
        assert "<img src=x" not in text, name
    # and the edit forms show it escaped as well
    for key in ("achtergrond", "eigen-regie"):
        text = page(client.get(section_url(plan, key)))
        assert "&lt;script&gt;alert(" in text
        assert "<script>alert" not in text


# --- Goal tables --------------------------------------------------------------------------------

GOAL_TEXT = "Bewoners & buren <samen> aan tafel"
ACTION_TEXT = 'Inloop "Koffie & kracht" elke week'


def one_goal(fields, **action: Any) -> dict[str, list[str]]:
    """The empty goal table with the first goal and its first action filled in."""
    changes = {"goals-0-text": GOAL_TEXT, "goals-0-actions-0-description": ACTION_TEXT}
    changes.update({f"goals-0-actions-0-{name}": value for name, value in action.items()})
    return fill(fields, **changes)


def assert_refused(response, plan, before, *errors: str) -> str:
    assert response.status_code == 200
    text = page(response)
    for error in errors:
        assert error in text
    assert NOT_SAVED in messages_of(response)
    assert db_state(plan) == before
    return text


def test_an_action_due_outside_the_plan_period_is_refused(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    response = post_form(
        client, plan, "eigen-regie", one_goal(fields, starts_on="2026-03-01", due_on="2030-06-30")
    )
    text = assert_refused(
        response,
        plan,
        before,
        "Kies een datum binnen de periode van het plan (01-01-2026 tot 31-12-2027).",
    )
    assert escape(GOAL_TEXT) in text
    assert escape(ACTION_TEXT) in text
    assert 'value="2030-06-30"' in text
    assert 'value="2026-03-01"' in text


def test_an_action_starting_before_the_plan_is_refused(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    response = post_form(client, plan, "eigen-regie", one_goal(fields, starts_on="2025-12-31"))
    text = assert_refused(response, plan, before, "Kies een datum binnen de periode van het plan")
    assert 'value="2025-12-31"' in text


def test_an_action_due_before_it_starts_is_refused(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    response = post_form(
        client, plan, "eigen-regie", one_goal(fields, starts_on="2026-06-01", due_on="2026-03-01")
    )
    text = assert_refused(response, plan, before, "De einddatum ligt vóór de begindatum.")
    assert escape(GOAL_TEXT) in text
    assert 'value="2026-06-01"' in text
    assert 'value="2026-03-01"' in text


def test_an_owner_person_from_zutphen_is_an_invalid_choice(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    stranger = world.zutphen.worker.person
    response = post_form(
        client,
        plan,
        "eigen-regie",
        one_goal(fields, owner_people=[world.gouda.worker.person.pk, stranger.pk]),
    )
    text = assert_refused(
        response,
        plan,
        before,
        f"Selecteer een geldige keuze. {stranger.pk} is geen beschikbare keuze.",
    )
    assert escape(GOAL_TEXT) in text
    assert escape(ACTION_TEXT) in text
    assert str(stranger) not in text  # Zutphen's people are not offered, not even by name


def test_an_owner_organisation_of_zutphen_is_an_invalid_choice(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    foreign = world.zutphen.team_org
    response = post_form(
        client, plan, "eigen-regie", one_goal(fields, owner_organisations=[foreign.pk])
    )
    text = assert_refused(
        response,
        plan,
        before,
        f"Selecteer een geldige keuze. {foreign.pk} is geen beschikbare keuze.",
    )
    assert escape(ACTION_TEXT) in text
    assert foreign.name not in text


FORGED_IDS = [
    ("-1", "Selecteer een geldige keuze. -1 is geen beschikbare keuze."),
    ("0", "Selecteer een geldige keuze. 0 is geen beschikbare keuze."),
    ("abc", "‘abc’ is geen geldige waarde."),
    ("1.5", "‘1.5’ is geen geldige waarde."),
    (str(2**63 - 1), f"Selecteer een geldige keuze. {2**63 - 1} is geen beschikbare keuze."),
]


def test_a_forged_owner_id_is_a_form_error(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    for name in ("owner_people", "owner_organisations"):
        for bad, error in FORGED_IDS:
            with rolled_back():
                data = one_goal(fields, **{name: [bad]})
                response = post_form(client, plan, "eigen-regie", data)
                text = assert_refused(response, plan, before)
                assert escape(error) in text, (name, bad)
                assert escape(ACTION_TEXT) in text


HUGE_ID = "99999999999999999999999"
HUGE_ID_ERROR = f"Selecteer een geldige keuze. {HUGE_ID} is geen beschikbare keuze."


@pytest.mark.parametrize("name", ["owner_people", "owner_organisations"])
def test_an_owner_id_beyond_64_bits_is_a_form_error(world, client, leader, plan, name):
    """Was an OverflowError (500) on SQLite: the id reached `pk__in` unchecked."""
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    response = post_form(client, plan, "eigen-regie", one_goal(fields, **{name: [HUGE_ID]}))
    text = assert_refused(response, plan, before, HUGE_ID_ERROR)
    assert escape(ACTION_TEXT) in text


def test_an_action_without_goal_text_asks_for_the_goal_first(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    data = one_goal(fields, owner_people=[world.gouda.worker.person.pk])
    data["goals-0-text"] = ["   "]
    response = post_form(client, plan, "eigen-regie", data)
    text = assert_refused(response, plan, before, "Schrijf eerst het doel op.")
    assert escape(ACTION_TEXT) in text


def test_add_goal_renders_one_more_row_keeps_the_input_and_saves_nothing(
    world, client, leader, plan
):
    fields = open_form(client, plan, "eigen-regie")
    assert fields["goals-TOTAL_FORMS"] == ["3"]
    before = db_state(plan)
    data = one_goal(fields, due_on="2026-05-01", owner_people=[world.gouda.expert.person.pk])
    data["goals-1-text"] = ["Tweede doel & meer"]

    response = post_form(client, plan, "eigen-regie", data, add_goal="1")

    assert response.status_code == 200
    assert db_state(plan) == before
    assert goal_total(response) == 4
    again = form_fields(response)
    assert again["goals-0-text"] == [GOAL_TEXT]
    assert again["goals-1-text"] == ["Tweede doel & meer"]
    assert again["goals-0-actions-0-description"] == [ACTION_TEXT]
    assert again["goals-0-actions-0-due_on"] == ["2026-05-01"]
    assert again["goals-0-actions-0-owner_people"] == [str(world.gouda.expert.person.pk)]
    assert "goals-3-text" in again or 'name="goals-3-text"' in page(response)
    assert escape(GOAL_TEXT) in page(response)
    assert NOT_SAVED not in messages_of(response)


def test_add_action_renders_one_more_action_keeps_the_input_and_saves_nothing(
    world, client, leader, plan
):
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    data = one_goal(fields, timing_note="Elke eerste dinsdag")

    response = post_form(client, plan, "eigen-regie", data, add_action="0")

    assert response.status_code == 200
    assert db_state(plan) == before
    assert action_total(response, 0) == 2
    assert action_total(response, 1) == 1
    assert goal_total(response) == 3
    again = form_fields(response)
    assert again["goals-0-text"] == [GOAL_TEXT]
    assert again["goals-0-actions-0-timing_note"] == ["Elke eerste dinsdag"]
    assert 'name="goals-0-actions-1-description"' in page(response)


TAMPERED = [
    {"goals-TOTAL_FORMS": "abc"},
    {"goals-TOTAL_FORMS": "99999999999999999999999999"},
    {"goals-TOTAL_FORMS": "-3"},
    {"goals-TOTAL_FORMS": None},
    {"goals-INITIAL_FORMS": "abc"},
    {"goals-INITIAL_FORMS": "99999999999999999999999999"},
    {"goals-INITIAL_FORMS": None},
    {"goals-MAX_NUM_FORMS": "abc"},
    {"goals-0-actions-TOTAL_FORMS": "abc"},
    {"goals-0-actions-TOTAL_FORMS": "99999999999999999999999999"},
    {"goals-0-actions-TOTAL_FORMS": None},
    {"goals-0-actions-INITIAL_FORMS": "x"},
    {"goals-0-actions-INITIAL_FORMS": "99999999999999999999999999"},
    {"goals-0-ORDER": "abc"},
    {"goals-0-ORDER": "99999999999999999999999999"},
    {"goals-0-id": "99999999999999999999999999"},
    {"goals-0-id": "abc"},
    {"goals-0-actions-0-id": "abc"},
    {"goals-0-actions-0-id": "99999999999999999999999999"},
    {"revision": "abc"},
    {"revision": "99999999999999999999999999"},
    {"revision": None},
]
BUTTONS = [{}, {"add_goal": "1"}, {"add_action": "abc"}, {"add_action": "99999999999999999999"}]


def test_tampered_management_numbers_never_give_a_500(world, client, leader, plan):
    goal = GoalFactory(plan=plan, text="Bestaand doel")
    ActionFactory(goal=goal, description="Bestaande actie")
    fields = open_form(client, plan, "eigen-regie")
    before = db_state(plan)
    for index, tampered in enumerate(TAMPERED):
        # a plain save for each; every other case also with one of the buttons, in turn
        buttons = [BUTTONS[0]] + ([BUTTONS[1 + (index // 2) % 3]] if index % 2 == 0 else [])
        for button in buttons:
            case = (tampered, button)
            with rolled_back():
                response = post_form(
                    client, plan, "eigen-regie", fill(fields, **tampered), **button
                )
                assert response.status_code in {200, 302, 409}, case
                if response.status_code != 302:
                    assert db_state(plan) == before, case
                # whatever happened, the existing goal and action were not lost or changed
                assert Goal.objects.get(pk=goal.pk).text == "Bestaand doel", case
                assert Action.objects.filter(goal=goal).count() == 1, case


def test_huge_row_counts_are_capped_at_the_maximum(world, client, leader, plan):
    fields = open_form(client, plan, "eigen-regie")
    data = fill(fields, **{"goals-TOTAL_FORMS": "1000000", "goals-0-actions-TOTAL_FORMS": "5000"})
    response = post_form(client, plan, "eigen-regie", data, add_goal="1")
    assert response.status_code == 200
    assert goal_total(response) == 40
    assert action_total(response, 0) == 30


def test_a_goal_id_of_another_plan_is_never_changed(world, client, leader, plan):
    """A forged id is not found in this plan's table: the row counts as a new goal."""
    foreign_goal = GoalFactory(
        plan=PlanFactory(location=world.zutphen.location), text="Doel van Zutphen"
    )
    foreign_action = ActionFactory(goal=foreign_goal, description="Actie van Zutphen")
    own = GoalFactory(plan=plan, text="Eigen doel")
    ActionFactory(goal=own, description="Eigen actie")
    fields = open_form(client, plan, "eigen-regie")
    data = fill(
        fields,
        **{
            "goals-0-id": foreign_goal.pk,
            "goals-0-text": "Overgenomen",
            "goals-0-actions-0-id": foreign_action.pk,
            "goals-0-actions-0-description": "Overgenomen actie",
        },
    )
    response = post_form(client, plan, "eigen-regie", data)
    assert response.status_code in {200, 302}
    foreign_goal.refresh_from_db()
    foreign_action.refresh_from_db()
    assert foreign_goal.text == "Doel van Zutphen"
    assert foreign_goal.plan.location == world.zutphen.location
    assert foreign_action.description == "Actie van Zutphen"
    assert foreign_action.goal == foreign_goal
    assert list(foreign_goal.actions.all()) == [foreign_action]
    assert Goal.objects.get(pk=own.pk).text == "Eigen doel"
    assert not Goal.objects.filter(plan=plan, pk=foreign_goal.pk).exists()
    assert not Action.objects.filter(goal__plan=plan, pk=foreign_action.pk).exists()


def test_a_missing_action_management_form_does_not_duplicate_actions(world, client, leader, plan):
    """Once the existing actions were then taken as new rows and saved a second time."""
    goal = GoalFactory(plan=plan, text="Bestaand doel")
    action = ActionFactory(
        goal=goal, description="Bestaande actie", owner_people=[world.gouda.worker.person]
    )
    fields = open_form(client, plan, "eigen-regie")
    data = fill(fields, **{"goals-0-actions-INITIAL_FORMS": None})
    response = post_form(client, plan, "eigen-regie", data)
    assert response.status_code in {200, 302}
    assert list(Action.objects.filter(goal__plan=plan)) == [action]


def test_a_fourth_goal_with_two_actions_is_saved_with_positions_and_owners(
    world, client, leader, plan
):
    site = world.gouda
    fields = open_form(client, plan, "eigen-regie")
    data = fill(
        fields,
        **{
            f"goals-{i}-{name}": value
            for i in range(3)
            for name, value in (
                ("text", f"Doel {i + 1}"),
                ("actions-0-description", f"Actie {i + 1}.1"),
                ("actions-0-owner_people", site.worker.person.pk),
            )
        },
    )
    response = post_form(client, plan, "eigen-regie", data, add_goal="1")
    assert response.status_code == 200
    assert goal_total(response) == 4
    response = post_form(client, plan, "eigen-regie", form_fields(response), add_action="3")
    assert response.status_code == 200
    assert action_total(response, 3) == 2
    data = fill(
        form_fields(response),
        **{
            "goals-3-text": "Doel 4: ervaringsdeskundigen in het wijkteam",
            "goals-3-actions-0-description": "Intervisie plannen",
            "goals-3-actions-0-owner_people": [site.expert.person.pk, site.leader.person.pk],
            "goals-3-actions-0-starts_on": "2026-02-01",
            "goals-3-actions-0-due_on": "2026-06-30",
            "goals-3-actions-0-status": ActionStatus.IN_PROGRESS,
            "goals-3-actions-1-description": "Werkafspraken vastleggen",
            "goals-3-actions-1-owner_organisations": [site.recovery_org.pk, site.team_org.pk],
            "goals-3-actions-1-timing_note": "Na de zomer",
        },
    )
    assert db_state(plan)["goals"] == []  # the two button clicks saved nothing

    response = post_form(client, plan, "eigen-regie", data)

    assert response.status_code == 302
    assert response.url.endswith(f"{plan.get_absolute_url()}#deel-eigen-regie")
    goals = list(Goal.objects.filter(plan=plan).order_by("position"))
    assert [(g.position, g.text, g.table) for g in goals] == [
        (0, "Doel 1", GoalTable.SELF_DIRECTION),
        (1, "Doel 2", GoalTable.SELF_DIRECTION),
        (2, "Doel 3", GoalTable.SELF_DIRECTION),
        (3, "Doel 4: ervaringsdeskundigen in het wijkteam", GoalTable.SELF_DIRECTION),
    ]
    first, second = goals[3].actions.order_by("position")
    assert (first.position, first.description) == (0, "Intervisie plannen")
    assert set(first.owner_people.all()) == {site.expert.person, site.leader.person}
    assert not first.owner_organisations.exists()
    assert first.starts_on == datetime.date(2026, 2, 1)
    assert first.due_on == datetime.date(2026, 6, 30)
    assert first.status == ActionStatus.IN_PROGRESS
    assert (second.position, second.description) == (1, "Werkafspraken vastleggen")
    assert set(second.owner_organisations.all()) == {site.recovery_org, site.team_org}
    assert second.timing_note == "Na de zomer"
    assert second.status == ActionStatus.PLANNED
    for goal in goals[:3]:
        assert [a.owner_people.get() for a in goal.actions.all()] == [site.worker.person]
    plan.refresh_from_db()
    assert plan.revision == 2
    assert plan.updated_by == world.gouda.leader
    # the other table is untouched
    assert not Goal.objects.filter(plan=plan, table=GoalTable.COLLABORATION).exists()


@pytest.fixture
def two_goals(plan):
    first = GoalFactory(plan=plan, position=0, text="Eerste doel")
    second = GoalFactory(plan=plan, position=1, text="Tweede doel")
    a1 = ActionFactory(goal=first, position=0, description="A1")
    a2 = ActionFactory(goal=first, position=1, description="A2")
    b1 = ActionFactory(goal=second, position=0, description="B1")
    return first, second, a1, a2, b1


def test_order_numbers_swap_goals_and_actions(world, client, leader, plan, two_goals):
    first, second, a1, a2, b1 = two_goals
    fields = open_form(client, plan, "eigen-regie")
    assert fields["goals-0-text"] == ["Eerste doel"]
    assert fields["goals-0-ORDER"] == ["1"] and fields["goals-1-ORDER"] == ["2"]
    data = fill(
        fields,
        **{
            "goals-0-ORDER": "2",
            "goals-1-ORDER": "1",
            "goals-0-actions-0-ORDER": "2",
            "goals-0-actions-1-ORDER": "1",
        },
    )
    response = post_form(client, plan, "eigen-regie", data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.position, first.position) == (0, 1)
    assert list(first.actions.order_by("position")) == [a2, a1]
    assert list(second.actions.all()) == [b1]
    # the plan page follows the new order
    text = page(client.get(plan.get_absolute_url()))
    assert text.index("Tweede doel") < text.index("Eerste doel")
    # whole words: a random CSRF token on the page may contain "A1"
    assert re.search(r"\bA2\b", text).start() < re.search(r"\bA1\b", text).start()


def test_delete_removes_a_goal_with_its_actions(world, client, leader, plan, two_goals):
    first, second, a1, a2, b1 = two_goals
    fields = open_form(client, plan, "eigen-regie")
    response = post_form(client, plan, "eigen-regie", fill(fields, **{"goals-0-DELETE": "on"}))
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=first.pk).exists()
    assert not Action.objects.filter(pk__in=[a1.pk, a2.pk]).exists()
    second.refresh_from_db()
    assert second.position == 0
    assert list(second.actions.all()) == [b1]


def test_delete_removes_one_action(world, client, leader, plan, two_goals):
    first, second, a1, a2, b1 = two_goals
    fields = open_form(client, plan, "eigen-regie")
    data = fill(fields, **{"goals-0-actions-0-DELETE": "on"})
    response = post_form(client, plan, "eigen-regie", data)
    assert response.status_code == 302
    assert list(first.actions.all()) == [a2]
    a2.refresh_from_db()
    assert a2.position == 0


def test_a_deleted_goal_may_hold_invalid_input(world, client, leader, plan, two_goals):
    first, second, *_rest = two_goals
    fields = open_form(client, plan, "eigen-regie")
    data = fill(
        fields,
        **{
            "goals-0-DELETE": "on",
            "goals-0-text": "",
            "goals-0-actions-0-due_on": "2099-01-01",
        },
    )
    response = post_form(client, plan, "eigen-regie", data)
    assert response.status_code == 302
    assert list(Goal.objects.filter(plan=plan)) == [second]


# --- Header -------------------------------------------------------------------------------------


@pytest.fixture
def wijken(world):
    return (
        NeighbourhoodFactory(location=world.gouda.location, name="Korte Akkeren"),
        NeighbourhoodFactory(location=world.zutphen.location, name="De Hoven"),
    )


@pytest.mark.parametrize(
    ("name", "foreign", "error"),
    [
        ("neighbourhoods", lambda w, wijken: wijken[1].pk, "{pk} is geen beschikbare keuze."),
        (
            "recovery_organisations",
            lambda w, wijken: w.zutphen.recovery_org.pk,
            "{pk} is geen beschikbare keuze.",
        ),
        (
            "neighbourhood_teams",
            lambda w, wijken: w.zutphen.team_org.pk,
            "{pk} is geen beschikbare keuze.",
        ),
        (
            "project_leader",
            lambda w, wijken: w.zutphen.leader.person.pk,
            "Deze keuze is niet beschikbaar.",
        ),
    ],
)
def test_header_choices_of_zutphen_are_invalid(
    world, client, leader, plan, wijken, name, foreign, error
):
    fields = open_form(client, plan, "kop")
    before = db_state(plan)
    pk = foreign(world, wijken)
    data = fill(
        fields,
        neighbourhoods=[wijken[0].pk],
        recovery_organisations=[world.gouda.recovery_org.pk],
        project_leader=world.gouda.leader.person.pk,
    )
    if name == "project_leader":
        data[name] = [str(pk)]
    else:
        data[name] = [*data.get(name, []), str(pk)]

    response = post_form(client, plan, "kop", data)

    assert response.status_code == 200
    text = page(response)
    assert "Selecteer een geldige keuze." in text
    assert error.format(pk=pk) in text
    assert NOT_SAVED in messages_of(response)
    assert db_state(plan) == before
    # what was chosen in Gouda is still ticked
    again = form_fields(response)
    if name != "neighbourhoods":
        assert again["neighbourhoods"] == [str(wijken[0].pk)]
    if name != "recovery_organisations":
        assert again["recovery_organisations"] == [str(world.gouda.recovery_org.pk)]


def test_header_choices_of_gouda_are_saved(world, client, leader, plan, wijken):
    fields = open_form(client, plan, "kop")
    data = fill(
        fields,
        neighbourhoods=[wijken[0].pk],
        recovery_organisations=[world.gouda.recovery_org.pk],
        neighbourhood_teams=[world.gouda.team_org.pk],
        project_leader=world.gouda.leader.person.pk,
    )
    response = post_form(client, plan, "kop", data)
    assert response.status_code == 302
    state = db_state(plan)
    assert state["relations"] == {
        "neighbourhoods": [wijken[0].pk],
        "recovery_organisations": [world.gouda.recovery_org.pk],
        "neighbourhood_teams": [world.gouda.team_org.pk],
    }
    assert state["fields"]["project_leader_id"] == world.gouda.leader.person.pk


# --- A new plan ---------------------------------------------------------------------------------


def create_url(world) -> str:
    return reverse("plans:plan_create", args=[world.gouda.location.pk])


def test_new_plan_ending_before_it_starts_is_refused(world, client, leader):
    response = client.get(create_url(world))
    assert response.status_code == 200
    data = fill(form_fields(response), starts_on="2027-01-01", ends_on="2026-12-31")
    response = client.post(create_url(world), data)
    assert response.status_code == 200
    text = page(response)
    assert "Het einde van de periode ligt vóór het begin." in text
    assert 'value="2027-01-01"' in text and 'value="2026-12-31"' in text
    assert not PlanOfApproach.objects.exists()


def test_new_plan_with_the_start_date_of_an_existing_plan_is_refused(world, client, leader, plan):
    before = db_state(plan)
    data = {"starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    response = client.post(create_url(world), data)
    assert response.status_code == 200
    text = page(response)
    assert "Er is al een plan dat op deze datum begint." in text
    assert 'value="2026-01-01"' in text and 'value="2026-12-31"' in text
    assert list(PlanOfApproach.objects.all()) == [plan]
    assert db_state(plan) == before


def test_the_same_start_date_at_another_location_is_fine(world, client, leader):
    PlanFactory(location=world.zutphen.location, starts_on=datetime.date(2026, 1, 1))
    data = {"starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    response = client.post(create_url(world), data)
    assert response.status_code == 302
    plan = PlanOfApproach.objects.get(location=world.gouda.location)
    assert response.url == plan.get_absolute_url()
    assert plan.status == PlanStatus.DRAFT


@pytest.mark.parametrize(
    "data",
    [
        {"starts_on": "", "ends_on": ""},
        {"starts_on": "31-31-2026", "ends_on": "2026-12-31"},
        {"starts_on": "2026-01-01", "ends_on": "niet"},
        {"starts_on": "99999-01-01", "ends_on": "2026-12-31"},
    ],
)
def test_new_plan_with_bad_dates_gives_a_form_error(world, client, leader, data):
    response = client.post(create_url(world), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not PlanOfApproach.objects.exists()


@pytest.mark.parametrize("name", HEADER_RELATIONS)
def test_a_header_id_beyond_64_bits_is_a_form_error(world, client, leader, plan, wijken, name):
    fields = open_form(client, plan, "kop")
    before = db_state(plan)
    response = post_form(client, plan, "kop", fill(fields, **{name: [HUGE_ID]}))
    assert response.status_code == 200
    assert HUGE_ID_ERROR in page(response)
    assert NOT_SAVED in messages_of(response)
    assert db_state(plan) == before


def test_a_project_leader_id_beyond_64_bits_is_a_form_error(world, client, leader, plan):
    fields = open_form(client, plan, "kop")
    before = db_state(plan)
    data = fill(fields, project_leader=HUGE_ID)
    response = post_form(client, plan, "kop", data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze. Deze keuze is niet beschikbaar." in page(response)
    assert db_state(plan) == before


# --- Filters of the action list -------------------------------------------------------------------


def test_bad_filters_on_the_action_list_never_crash_nor_leak(world, client, leader, plan):
    own = ActionFactory(goal=GoalFactory(plan=plan), description="Actie in Gouda")
    foreign_plan = PlanFactory(location=world.zutphen.location)
    ActionFactory(goal=GoalFactory(plan=foreign_plan), description="Actie in Zutphen")
    url = reverse("plans:action_list", args=[plan.pk])
    for query in (
        "?status=xyz",
        f"?owner={HUGE_ID}",
        "?owner=abc",
        f"?owner={world.zutphen.leader.person.pk}",
        "?table=nope&owner=-1&overdue=ja",
        "?status=%00&table=%3Cscript%3E",
    ):
        response = client.get(url + query)
        assert response.status_code == 200, query
        text = page(response)
        assert "Actie in Zutphen" not in text, query
        assert "<script>" not in text.split("<main", 1)[-1], query
        assert response.context["filter"].errors, query
        assert [action.pk for action in response.context["actions"]] in ([own.pk], []), query
    # another location's plan is not found at all
    foreign_url = reverse("plans:action_list", args=[foreign_plan.pk])
    assert client.get(foreign_url).status_code == 404
