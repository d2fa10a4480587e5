"""The plan of approach from concept to approved and changed, clicked through in Chromium.

The acceptance journey of the plans issue, in one test because every step needs the state the
previous one left: the projectleider completes Gouda's demo concept (text sections and a goal
table, rows added without JavaScript) and submits it; the coordinator approves it on a phone;
the projectleider changes an action and sees what changed since approval, downloads the PDF,
and cannot open another city's plan; a social worker reads the plan without edit buttons.

Screenshots of the desktop and phone steps go to `screenshots/plan-*.png` in the project root
(ignored by git).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    journey_screenshot,
    login,
    open_navbar,
    open_user_menu,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_GOAL = "Wijkteam en ervaringsdeskundigen leren elkaars werk van dichtbij kennen."
NEW_ACTIONS = [
    (
        "Een ervaringsdeskundige loopt elke maand een dag mee met het wijkteam.",
        "Chris Hersteldroom",
    ),
    ("Het wijkteam bezoekt twee keer per jaar de inloop van KernKracht.", "Bente Wijkteamer"),
]
CHANGED_ACTION = "Ervaringsdeskundigen voeren met 25 bewoners een gesprek over hun hersteldroom."


def screenshot(page: Page, name: str) -> None:
    journey_screenshot(page, "plan", name)


def open_main_menu(page: Page) -> Locator:
    """The main navigation, opened first on a phone (collapsed navbar)."""
    open_navbar(page)
    return page.get_by_role("navigation", name="Hoofdmenu")


def logout(page: Page) -> None:
    open_user_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/account/login/$"))


def open_gouda_plan(page: Page) -> None:
    open_main_menu(page).get_by_role("link", name="Plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plannen van aanpak")
    page.locator("main").get_by_role("link", name="Gouda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak Gouda")


def status_badge(page: Page) -> Locator:
    return page.locator("main .plan-status")


def progress_rows(page: Page) -> Locator:
    return page.locator("section[aria-labelledby=voortgang] li")


def edit_section(page: Page, title: str) -> None:
    # The name is "Bewerken: <title>" (the title is visually hidden; Playwright adds a space).
    page.get_by_role("link", name=re.compile(rf"^Bewerken ?: {re.escape(title)}$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^\d\. {title}$"))


def save_section(page: Page, title: str) -> None:
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".alert-success")).to_have_text(f"{title} is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak Gouda")


def fill_text_section(page: Page) -> None:
    """Every empty answer gets a value, every box is ticked, an empty choice gets a person."""
    form = page.locator("main form")
    for field in form.locator("textarea, input:not([type=hidden]), select").all():
        kind = field.evaluate("el => el.type")
        if kind == "checkbox":
            field.check()
        elif kind == "select-one":
            if not field.input_value():
                field.select_option(index=1)
        elif not field.input_value():
            field.fill("12" if kind == "number" else "Ingevuld in de test: afspraken volgen.")


def fill_action(action: Locator, description: str, owner: str | None, due: datetime.date) -> None:
    """Fill what an action still misses; `owner` None: the first person of the list."""
    text = action.get_by_label("Wat gaan we doen")
    if not text.input_value():
        text.fill(description)
    people = action.get_by_label("Wie (mensen)")
    organisations = action.get_by_label("Wie (organisaties)")
    chosen = "el => el.selectedOptions.length"
    if not people.evaluate(chosen) and not organisations.evaluate(chosen):
        if owner:
            people.select_option(label=owner)
        else:
            people.select_option(index=0)
    timing = [
        action.get_by_label(label) for label in ("Vanaf", "Klaar op", "Wanneer (toelichting)")
    ]
    if not any(field.input_value() for field in timing):
        action.get_by_label("Klaar op").fill(due.isoformat())


def fill_goal_table(page: Page, due: datetime.date) -> None:
    """Add goal rows up to a fourth one (no JavaScript: each button posts the form back), give
    the fourth goal two actions, and complete every row."""
    goals = page.locator("fieldset.goal-row")
    while goals.count() < 4:
        count = goals.count()
        page.get_by_role("button", name="Doel toevoegen").click()
        expect(goals).to_have_count(count + 1)
    fourth = goals.nth(3)
    expect(fourth.locator("legend").first).to_have_text("Doel 4")
    fourth.get_by_role("textbox", name=re.compile("^Doel")).fill(NEW_GOAL)
    expect(fourth.locator("fieldset.action-row")).to_have_count(1)
    page.get_by_role("button", name="Actie toevoegen bij doel 4").click()
    # The form came back with one more action row, and what was typed is still there.
    fourth = page.locator("fieldset.goal-row").nth(3)
    expect(fourth.locator("fieldset.action-row")).to_have_count(2)
    expect(fourth.get_by_role("textbox", name=re.compile("^Doel"))).to_have_value(NEW_GOAL)
    for action, (description, owner) in zip(
        fourth.locator("fieldset.action-row").all(), NEW_ACTIONS, strict=True
    ):
        fill_action(action, description, owner, due)

    # The other rows: the new empty goals get a text, every action what it still misses.
    for number, goal in enumerate(goals.all()[:3], start=1):
        text = goal.get_by_role("textbox", name=re.compile("^Doel"))
        if not text.input_value():
            text.fill(f"Doel {number} uit de test: samen sterker in de wijk.")
        for action in goal.locator("fieldset.action-row").all():
            fill_action(action, f"Actie bij doel {number} uit de test.", None, due)


def test_plan_from_concept_to_approved_and_changed(demo, page: Page, live_server):
    plan = PlanOfApproach.objects.get(location__name="Gouda")
    assert plan.status == PlanStatus.DRAFT
    # A due date inside the plan's period (the demo's period follows today).
    due = min(max(timezone.localdate(), plan.starts_on) + datetime.timedelta(days=60), plan.ends_on)

    # --- The projectleider completes the concept. -------------------------------------------
    login(page, live_server, "leider-gouda")
    open_gouda_plan(page)
    expect(status_badge(page)).to_have_text("Concept")
    rows = progress_rows(page)
    expect(rows).to_have_count(6)
    incomplete = [
        re.sub(r"^\d\. ", "", row.get_by_role("link").inner_text())
        for row in rows.all()
        if row.locator("span").inner_text() != "compleet"
    ]
    # The demo leaves a goal table and a text section to finish.
    assert "Ontwikkeling lokale samenwerking" in incomplete
    assert "Training en teamworkshop" in incomplete

    for title in incomplete:
        edit_section(page, title)
        if page.get_by_role("button", name="Doel toevoegen").count():
            fill_goal_table(page, due)
        else:
            fill_text_section(page)
        save_section(page, title)

    expect(rows.locator("span")).to_have_text(["compleet"] * 6)
    expect(page.get_by_text("Nog nodig:")).to_have_count(0)
    screenshot(page, "1-compleet")
    table = page.locator("#deel-samenwerking table")
    expect(table).to_contain_text(NEW_GOAL)
    for description, owner in NEW_ACTIONS:
        expect(table.get_by_role("row").filter(has_text=description)).to_contain_text(owner)
    new_goal = Goal.objects.get(plan=plan, table=GoalTable.COLLABORATION, text=NEW_GOAL)
    assert Goal.objects.filter(plan=plan, table=GoalTable.COLLABORATION).count() == 4
    assert [
        (action.description, [str(person) for person in action.owner_people.all()], action.due_on)
        for action in new_goal.actions.order_by("position")
    ] == [(description, [owner], due) for description, owner in NEW_ACTIONS]

    page.get_by_role("region", name="Volgende stap").get_by_role(
        "link", name="Plan indienen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan indienen")
    page.get_by_role("button", name="Plan indienen").click()
    expect(page.locator(".alert-success")).to_have_text("Gelukt: Plan indienen.")
    expect(status_badge(page)).to_have_text("Ingediend")
    expect(page.get_by_role("link", name=re.compile("^Bewerken"))).to_have_count(0)
    logout(page)

    # --- The coordinator approves it, on a phone. --------------------------------------------
    page.set_viewport_size(PHONE)
    login(page, live_server, "coordinator")
    open_gouda_plan(page)
    expect(status_badge(page)).to_have_text("Ingediend")
    page.get_by_role("link", name="Vaststellen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan vaststellen")
    remark = "Vastgesteld in het overleg van de stuurgroep."
    page.get_by_label("Opmerking").fill(remark)
    screenshot(page, "2-vaststellen")
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.locator(".alert-success")).to_have_text("Gelukt: Plan vaststellen.")
    expect(status_badge(page)).to_have_text("Vastgesteld")
    expect(page.get_by_role("region", name="Verloop")).to_contain_text(remark)
    screenshot(page, "3-vastgesteld")
    page.set_viewport_size(DESKTOP)
    logout(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED

    # --- The projectleider changes an action; the change is visible. -------------------------
    login(page, live_server, "leider-gouda")
    open_gouda_plan(page)
    expect(page.get_by_role("region", name="Volgende stap")).to_contain_text(
        "Geen wijzigingen sinds de vaststelling."
    )
    title = "Ondersteuning eigen regie en participatie"
    edit_section(page, title)
    action = page.locator("fieldset.goal-row").first.locator("fieldset.action-row").first
    description = action.get_by_label("Wat gaan we doen")
    before = description.input_value()
    assert before and before != CHANGED_ACTION
    description.fill(CHANGED_ACTION)
    action.get_by_label("Status").select_option(label="Bezig")
    save_section(page, title)
    changed = Action.objects.get(description=CHANGED_ACTION)
    assert changed.status == ActionStatus.IN_PROGRESS

    link = page.get_by_role("link", name=re.compile("sinds de vaststelling$"))
    expect(link).to_have_text(
        "1 wijziging in het plan en 1 actie met een nieuwe status sinds de vaststelling"
    )
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er veranderd?")
    since = page.get_by_role("region", name="Sinds de vaststelling")
    text_row = since.get_by_role("row").filter(has=page.locator("del", has_text=before))
    expect(text_row.locator("ins")).to_have_text(CHANGED_ACTION)
    status_row = since.get_by_role("row").filter(
        has=page.get_by_role("cell", name="status", exact=True)
    )
    expect(status_row).to_contain_text(CHANGED_ACTION)
    expect(status_row.locator("del")).to_have_text("Gepland")
    expect(status_row.locator("ins")).to_have_text("Bezig")
    screenshot(page, "4-wijzigingen")

    # --- The PDF. ---------------------------------------------------------------------------
    page.locator("main").get_by_role("link", name=str(plan), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak Gouda")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == f"plan-van-aanpak-gouda-{plan.starts_on:%Y}.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5_000

    # --- Another city's plan is not there for her. -------------------------------------------
    zutphen = PlanOfApproach.objects.get(location__name="Zutphen")
    response = page.goto(f"{live_server.url}{zutphen.get_absolute_url()}")
    assert response.status == 404
    expect(page).to_have_title(re.compile("^Pagina niet gevonden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("main")).not_to_contain_text("Zutphen")
    logout(page)

    # --- A social worker of Gouda reads the plan but cannot edit it. -------------------------
    login(page, live_server, "werker-gouda")
    open_gouda_plan(page)
    expect(status_badge(page)).to_have_text("Vastgesteld")
    expect(page.locator("#deel-eigen-regie")).to_contain_text(CHANGED_ACTION)
    expect(page.get_by_role("link", name=re.compile("^Bewerken"))).to_have_count(0)
    expect(page.get_by_role("region", name="Volgende stap").get_by_role("link")).to_have_text(
        ["1 wijziging in het plan en 1 actie met een nieuwe status sinds de vaststelling"]
    )


def test_enter_in_a_goal_table_field_saves_the_table(live_server, page: Page, demo):
    """Enter submits with the form's first button: that must be 'Opslaan', not 'Actie toevoegen'."""
    plan = PlanOfApproach.objects.get(location__name="Gouda")
    login(page, live_server, "leider-gouda")
    page.goto(f"{live_server.url}/plannen/{plan.pk}/bewerken/eigen-regie/")
    goal = page.get_by_label("Doel").first
    goal.fill("Bewoners kiezen zelf een activiteit in de wijk.")
    goal.press("Tab")
    page.locator("input[name$='-timing_note']").first.press("Enter")
    expect(
        page.get_by_text("Ondersteuning eigen regie en participatie is opgeslagen.")
    ).to_be_visible()
    first_goal = Goal.objects.filter(plan=plan, table=GoalTable.SELF_DIRECTION).first()
    assert first_goal.text == "Bewoners kiezen zelf een activiteit in de wijk."


def tab_to(page: Page, target: Locator, limit: int = 400) -> None:
    """Press Tab until `target` has the focus, as a keyboard user moves through a page."""
    handle = target.element_handle()
    for _ in range(limit):
        if page.evaluate("el => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_the_goal_table_with_the_keyboard_alone(live_server, page: Page, demo):
    """Log in, open Gouda's plan, add a goal with an action and save: only Tab, typing, arrow
    keys and Enter (no clicks), on a desktop where keyboard users mostly work."""
    plan = PlanOfApproach.objects.get(location__name="Gouda")
    before = Goal.objects.filter(plan=plan, table=GoalTable.SELF_DIRECTION).count()
    page.goto(f"{live_server.url}/account/login/")
    tab_to(page, page.locator("#id_username"))
    page.keyboard.type("leider-gouda")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    tab_to(
        page, page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Plannen")
    )
    page.keyboard.press("Enter")
    tab_to(page, page.locator("main").get_by_role("link", name="Gouda", exact=True))
    page.keyboard.press("Enter")
    title = "Ondersteuning eigen regie en participatie"
    tab_to(page, page.get_by_role("link", name=re.compile(rf"^Bewerken ?: {title}$")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^\d\. {title}$"))
    goals = page.locator("fieldset.goal-row")
    count = goals.count()
    tab_to(page, page.get_by_role("button", name="Doel toevoegen"))
    page.keyboard.press("Enter")
    expect(goals).to_have_count(count + 1)
    new = goals.last
    tab_to(page, new.get_by_role("textbox", name=re.compile("^Doel")))
    page.keyboard.type(NEW_GOAL)
    action = new.locator("fieldset.action-row").first
    tab_to(page, action.get_by_label("Wat gaan we doen"))
    page.keyboard.type(NEW_ACTIONS[0][0])
    tab_to(page, action.get_by_label("Wie (mensen)"))
    page.keyboard.press("ArrowDown")  # a list box: the arrow selects the first person
    assert action.get_by_label("Wie (mensen)").evaluate("el => el.selectedOptions.length") == 1
    tab_to(page, action.get_by_label("Wanneer (toelichting)"))
    page.keyboard.type("Na de zomer")
    tab_to(page, page.get_by_role("button", name="Opslaan", exact=True))
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_have_text(f"{title} is opgeslagen.")
    goals_now = Goal.objects.filter(plan=plan, table=GoalTable.SELF_DIRECTION)
    assert goals_now.count() == before + 1
    added = goals_now.get(text=NEW_GOAL)
    assert list(added.actions.values_list("description", "timing_note")) == [
        (NEW_ACTIONS[0][0], "Na de zomer")
    ]
