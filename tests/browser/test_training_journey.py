"""The training in the room and around it, clicked through in Chromium.

- A trainer on a phone finds today's half-day on the home page, starts it, ticks blocks and
  attendance, loses the connection for one tap (and, once, the answer to a tap that did reach
  the server) and retries; after a reload everything is still there and nothing was recorded
  twice (demo contract: `trainer-utrecht` has a half-day TODAY in Utrecht, not started).
- The tick-off with the keyboard only: focus comes back to the row that was swapped.
- A projectleider on a desktop adapts a half-day's programme; the live total warns when it runs
  over 240 minutes, and the national curriculum is never touched.
- A trainer cannot open a session of another city's run.

Screenshots of the phone and the desktop journey go to `screenshots/training-*.png` in the
project root (ignored by git).
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, Route, expect

from tests.browser.conftest import DESKTOP, journey_screenshot, login
from trainings.constants import AttendanceStatus, BlockStatus, CurriculumKind
from trainings.models import Attendance, CurriculumBlock, RunBlock, Session, Tick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_812 = {"width": 375, "height": 812}
NOTE = "De zaal was pas om tien uur open; komt terug in dagdeel 3."
FAILURE = "Niet opgeslagen: geen verbinding."


def screenshot(page: Page, name: str) -> None:
    journey_screenshot(page, "training", name)


def todays_session() -> Session:
    """Utrecht's training half-day of today (trainings/demo.py)."""
    return Session.objects.get(
        run__location__name="Utrecht",
        run__kind=CurriculumKind.TRAINING,
        date=timezone.localdate(),
    )


def block_row(page: Page, block: RunBlock) -> Locator:
    return page.locator(f"li#blok-{block.pk}")


def participant_row(page: Page, participant_pk: int) -> Locator:
    return page.locator(f"li#deelnemer-{participant_pk}")


def button(row: Locator, name: str) -> Locator:
    return row.get_by_role("button", name=name, exact=True)


def tap(row: Locator, name: str) -> None:
    """One tap, and wait until the swapped row shows it as the current state."""
    button(row, name).click()
    expect(button(row, name)).to_have_attribute("aria-pressed", "true")
    expect(row).not_to_have_attribute("aria-busy", "true")


def focused_row_id(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const row = el && el.closest("[data-tick-row]");
            return {tag: el ? el.tagName : null, row: row ? row.id : null,
                    text: el ? el.textContent.trim() : null};
        }"""
    )


# --- a. The trainer in the room, on a phone ---------------------------------------------------


def test_trainer_ticks_off_todays_half_day_on_a_phone(demo, page: Page, live_server):
    page.set_viewport_size(PHONE_812)
    session = todays_session()
    assert session.started_at is None
    blocks = list(session.blocks.order_by("position", "pk"))
    participants = list(session.run.participants.order_by("person__family_name"))
    assert len(blocks) >= 6 and len(participants) >= 5
    ticks_before = Tick.objects.filter(session=session).count()
    assert ticks_before == 0

    # From the log-in page on, only clicks: home page -> today's panel -> the room.
    login(page, live_server, "trainer-utrecht")
    expect(page).to_have_url(f"{live_server.url}/")
    panel = page.locator("main section[aria-labelledby=mijn-dagdelen]")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Uw trainingen")
    today = panel.locator("li.card").filter(has=page.locator(".badge", has_text="Vandaag"))
    expect(today).to_have_count(1)
    expect(today).to_contain_text("Utrecht")
    expect(today).to_contain_text("dagdeel 2")
    screenshot(page, "1-start")
    today.get_by_role("link", name=re.compile(r"^Naar het dagdeel")).click()
    expect(page).to_have_url(f"{live_server.url}/trainingen/sessies/{session.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Dagdeel {session.number}: {session.title}"
    )
    clock = page.locator("#sessieklok")
    expect(clock).to_contain_text("De klok loopt nog niet.")

    # Start the half-day: the clock runs.
    page.get_by_role("button", name="Start het dagdeel").click()
    expect(page.get_by_role("button", name="Dagdeel afronden")).to_be_visible()
    expect(clock).to_contain_text("Verstreken:")
    session.refresh_from_db()
    assert session.started_at is not None

    # Three blocks given; the clock (swapped out of band) counts them.
    for block in blocks[:3]:
        tap(block_row(page, block), "Gegeven")
    expect(clock).to_contain_text(f"3 van {len(blocks)} blokken afgevinkt.")

    # The fourth skipped, with a note typed first.
    skipped = block_row(page, blocks[3])
    skipped.locator("summary", has_text="Notitie toevoegen").click()
    skipped.get_by_label("Notitie (kort, zonder namen van bewoners)").fill(NOTE)
    tap(skipped, "Overgeslagen")
    expect(skipped.locator(".tick-note")).to_have_text(f"Notitie: {NOTE}")
    expect(skipped.locator(".tick-state .badge")).to_have_text("Overgeslagen")

    # Four participants present.
    for participant in participants[:4]:
        row = participant_row(page, participant.pk)
        tap(row, "Aanwezig")
        expect(row.locator(".badge")).to_have_text("Aanwezig")
    screenshot(page, "2-afgevinkt")

    # The connection drops for one tap: shown as failed, nothing sent, nothing saved.
    lost = block_row(page, blocks[4])
    page.context.set_offline(True)
    button(lost, "Gegeven").click()
    failure = lost.get_by_role("alert").filter(has_text=FAILURE)
    expect(failure).to_be_visible()
    expect(button(lost, "Gegeven")).to_have_attribute("aria-pressed", "false")
    expect(lost).to_have_class(re.compile(r"\btick-failed\b"))
    screenshot(page, "3-geen-verbinding")
    assert RunBlock.objects.get(pk=blocks[4].pk).status == BlockStatus.OPEN
    token = lost.locator("input[name=token]").input_value()

    # Back online: "Opnieuw proberen" sends the same tap with the same token.
    page.context.set_offline(False)
    lost.get_by_role("button", name="Opnieuw proberen").click()
    expect(button(lost, "Gegeven")).to_have_attribute("aria-pressed", "true")
    expect(lost.get_by_text(FAILURE)).to_be_hidden()
    expect(lost).not_to_have_class(re.compile(r"\btick-failed\b"))
    assert Tick.objects.get(block_id=blocks[4].pk).token.hex == token.replace("-", "")

    # The answer is lost after the server saved the tap: the retry must not record it again.
    fifth = participants[4]
    excused = participant_row(page, fifth.pk)
    tick_url = re.compile(rf"/trainingen/sessies/{session.pk}/deelnemers/{fifth.pk}/$")

    def lose_answer(route: Route) -> None:
        route.fetch()  # the server records the tap ...
        route.abort("connectionreset")  # ... but the phone never hears back

    page.route(tick_url, lose_answer)
    button(excused, "Afgemeld").click()
    expect(excused.get_by_role("alert").filter(has_text=FAILURE)).to_be_visible()
    assert Attendance.objects.get(session=session, participant=fifth).status == (
        AttendanceStatus.EXCUSED
    )
    page.unroute(tick_url)
    excused.get_by_role("button", name="Opnieuw proberen").click()
    expect(button(excused, "Afgemeld")).to_have_attribute("aria-pressed", "true")
    expect(excused.get_by_text(FAILURE)).to_be_hidden()

    # A reload shows everything as it was saved.
    page.reload()
    for block in blocks[:3] + [blocks[4]]:
        expect(button(block_row(page, block), "Gegeven")).to_have_attribute("aria-pressed", "true")
    skipped = block_row(page, blocks[3])
    expect(button(skipped, "Overgeslagen")).to_have_attribute("aria-pressed", "true")
    expect(button(skipped, "Gegeven")).to_have_attribute("aria-pressed", "false")
    expect(skipped.locator(".tick-note")).to_have_text(f"Notitie: {NOTE}")
    expect(skipped.get_by_label("Notitie (kort, zonder namen van bewoners)")).to_have_value(NOTE)
    for block in blocks[5:]:
        row = block_row(page, block)
        for name in ("Gegeven", "Anders", "Overgeslagen"):
            expect(button(row, name)).to_have_attribute("aria-pressed", "false")
    for participant in participants[:4]:
        row = participant_row(page, participant.pk)
        expect(button(row, "Aanwezig")).to_have_attribute("aria-pressed", "true")
    expect(button(participant_row(page, fifth.pk), "Afgemeld")).to_have_attribute(
        "aria-pressed", "true"
    )
    for participant in participants[5:]:
        expect(participant_row(page, participant.pk).locator(".badge")).to_have_text(
            "Nog niet aangevinkt"
        )
    expect(page.locator("#sessieklok")).to_contain_text(f"5 van {len(blocks)} blokken afgevinkt.")
    screenshot(page, "4-na-herladen")

    # In the database: every tap once, however often it was sent.
    ticked = blocks[:5]
    taps = len(ticked) + 5  # five blocks, five participants
    ticks = Tick.objects.filter(session=session)
    assert ticks.count() == taps
    assert ticks.values("token").distinct().count() == taps
    for block in ticked:
        saved = RunBlock.objects.get(pk=block.pk)
        assert saved.ticks.count() == 1
        assert saved.version == 1
        assert saved.ticked_by.username == "trainer-utrecht"
    statuses = dict(RunBlock.objects.filter(session=session).values_list("pk", "status"))
    assert statuses == {
        **{block.pk: BlockStatus.DELIVERED for block in blocks[:3] + [blocks[4]]},
        blocks[3].pk: BlockStatus.SKIPPED,
        **{block.pk: BlockStatus.OPEN for block in blocks[5:]},
    }
    assert RunBlock.objects.get(pk=blocks[3].pk).note == NOTE
    attendances = Attendance.objects.filter(session=session)
    assert attendances.count() == 5
    assert sorted(attendances.values_list("participant_id", "status", "version")) == sorted(
        [(p.pk, AttendanceStatus.PRESENT, 1) for p in participants[:4]]
        + [(fifth.pk, AttendanceStatus.EXCUSED, 1)]
    )
    for attendance in attendances:
        assert attendance.ticks.count() == 1


# --- b. The keyboard only -----------------------------------------------------------------------


def tab_to(page: Page, target: Locator, limit: int = 60) -> int:
    """Press Tab until `target` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"not reached with {limit} times Tab")


def test_tick_off_with_the_keyboard_only(demo, page: Page, live_server):
    session = todays_session()
    first, second = list(session.blocks.order_by("position", "pk"))[:2]
    login(page, live_server, "trainer-utrecht")
    page.goto(f"{live_server.url}/trainingen/sessies/{session.pk}/")

    # Skip link, then on into the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    row = block_row(page, first)
    tab_to(page, button(row, "Gegeven"))

    # Enter: saved, the row swapped, the focus back on the same button of that row.
    page.keyboard.press("Enter")
    expect(button(row, "Gegeven")).to_have_attribute("aria-pressed", "true")
    expect(button(row, "Gegeven")).to_be_focused()
    assert focused_row_id(page) == {"tag": "BUTTON", "row": f"blok-{first.pk}", "text": "Gegeven"}

    # Tab to "Anders" in the same row, Space: changed, focus stays in the row.
    page.keyboard.press("Tab")
    expect(button(row, "Anders")).to_be_focused()
    page.keyboard.press("Space")
    expect(button(row, "Anders")).to_have_attribute("aria-pressed", "true")
    expect(button(row, "Anders")).to_be_focused()

    # On to the next block with Tab, and Space.
    row2 = block_row(page, second)
    tab_to(page, button(row2, "Gegeven"), limit=10)
    page.keyboard.press("Space")
    expect(button(row2, "Gegeven")).to_have_attribute("aria-pressed", "true")
    expect(button(row2, "Gegeven")).to_be_focused()

    saved = dict(RunBlock.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "status"))
    assert saved == {first.pk: BlockStatus.CHANGED, second.pk: BlockStatus.DELIVERED}
    assert Tick.objects.filter(session=session).count() == 3


def test_keyboard_focus_stays_in_the_row_after_terugzetten(demo, page: Page, live_server):
    session = todays_session()
    first = session.blocks.order_by("position", "pk").first()
    login(page, live_server, "trainer-utrecht")
    page.goto(f"{live_server.url}/trainingen/sessies/{session.pk}/")
    row = block_row(page, first)
    button(row, "Gegeven").focus()
    page.keyboard.press("Enter")
    expect(button(row, "Gegeven")).to_have_attribute("aria-pressed", "true")
    expect(button(row, "Gegeven")).to_be_focused()  # the swap has settled
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(button(row, "Terugzetten")).to_be_focused()
    page.keyboard.press("Enter")
    expect(button(row, "Gegeven")).to_have_attribute("aria-pressed", "false")
    assert RunBlock.objects.get(pk=first.pk).status == BlockStatus.OPEN
    expect(row.locator("button:focus")).to_have_count(1, timeout=2_000)


def test_enter_in_the_note_keeps_the_state_of_the_block(demo, page: Page, live_server):
    session = todays_session()
    block = session.blocks.order_by("position", "pk").first()
    login(page, live_server, "trainer-utrecht")
    page.goto(f"{live_server.url}/trainingen/sessies/{session.pk}/")
    row = block_row(page, block)
    row.locator("summary", has_text="Notitie toevoegen").click()
    note = row.get_by_label("Notitie (kort, zonder namen van bewoners)")
    note.fill(NOTE)
    tap(row, "Overgeslagen")

    # Later the trainer adds to the note and presses Enter: a new line, never a tap on
    # "Gegeven" (the note is a textarea, which Enter does not submit). "Notitie opslaan"
    # saves the note and keeps the state.
    note.fill(NOTE + " Volgende keer eerder beginnen.")
    note.press("Enter")
    assert RunBlock.objects.get(pk=block.pk).status == BlockStatus.SKIPPED
    row.get_by_role("button", name="Notitie opslaan").click()
    expect(row.locator(".tick-note")).to_have_text(
        f"Notitie: {NOTE} Volgende keer eerder beginnen."
    )
    saved = RunBlock.objects.get(pk=block.pk)
    assert saved.note.endswith("Volgende keer eerder beginnen.")
    assert saved.status == BlockStatus.SKIPPED, saved.status
    expect(button(row, "Overgeslagen")).to_have_attribute("aria-pressed", "true")


# --- c. Adapting the programme on a desktop ----------------------------------------------------


def test_another_choice_after_a_failed_tap_is_a_new_tap(demo, page: Page, live_server):
    """A failed "Afgemeld" followed, once online, by "Aanwezig" records "Aanwezig": only a
    retry of the same choice reuses the failed tap's token."""
    session = todays_session()
    participant = session.run.participants.order_by("pk").first()
    login(page, live_server, "trainer-utrecht")
    page.goto(f"{live_server.url}/trainingen/sessies/{session.pk}/")
    row = participant_row(page, participant.pk)
    page.context.set_offline(True)
    button(row, "Afgemeld").click()
    expect(row.get_by_role("alert").filter(has_text=FAILURE)).to_be_visible()
    page.context.set_offline(False)
    tap(row, "Aanwezig")
    expect(button(row, "Aanwezig")).to_have_attribute("aria-pressed", "true")
    assert Attendance.objects.get(session=session, participant=participant).status == "aanwezig"


def curriculum_snapshot() -> list[tuple]:
    return list(
        CurriculumBlock.objects.order_by("pk").values_list(
            "pk", "part_id", "position", "minutes", "title", "kind", "description"
        )
    )


def test_projectleider_adapts_the_programme_on_a_desktop(demo, page: Page, live_server):
    page.set_viewport_size(DESKTOP)
    session = todays_session()
    run = session.run
    curriculum_before = curriculum_snapshot()
    block = session.blocks.get(title="Oefenopdracht en herstelprocessen")
    assert block.source is not None
    source_minutes = block.source.minutes
    total = sum(session.blocks.values_list("minutes", flat=True))
    assert total <= run.part_minutes == 240

    login(page, live_server, "leider-utrecht")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Training", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trainingen en workshops")
    page.locator("main").get_by_role("link", name=run.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(run.title)
    page.get_by_role("link", name=f"Dagdeel {session.number}: {session.title}").click()
    expect(page).to_have_url(f"{live_server.url}/trainingen/sessies/{session.pk}/")
    page.get_by_role("link", name="Programma aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Programma van dagdeel {session.number}: {session.title}"
    )

    total_out = page.locator("[data-programme-total]")
    warning = page.locator("[data-programme-warning]")
    expect(total_out).to_have_text(str(total))
    expect(warning).to_be_hidden()
    fieldset = page.locator("fieldset.programme-block").filter(
        has=page.locator("legend", has_text=f"{block.position}. {block.title}")
    )
    minutes = fieldset.get_by_label("Minuten")
    expect(minutes).to_have_value(str(block.minutes))

    # Shorter: the total follows while typing, no warning.
    minutes.fill(str(block.minutes - 5))
    expect(total_out).to_have_text(str(total - 5))
    expect(warning).to_be_hidden()
    # Longer than a half-day: the warning, still before anything is saved.
    longer = block.minutes + 20
    minutes.fill(str(longer))
    expect(total_out).to_have_text(str(total + 20))
    expect(warning).to_be_visible()
    expect(warning).to_have_text("Let op: dit is langer dan een dagdeel.")
    assert RunBlock.objects.get(pk=block.pk).minutes == block.minutes
    screenshot(page, "5-programma-te-lang")

    page.get_by_role("button", name="Programma opslaan").click()
    expect(page.locator(".alert-success")).to_have_text(
        "Het programma van dit dagdeel is opgeslagen."
    )
    expect(total_out).to_have_text(str(total + 20))
    expect(warning).to_be_visible()
    assert RunBlock.objects.get(pk=block.pk).minutes == longer

    # The national curriculum is as it was.
    assert curriculum_snapshot() == curriculum_before
    assert CurriculumBlock.objects.get(pk=block.source_id).minutes == source_minutes

    # The run page tells the half-day is too long now.
    page.get_by_role("link", name="Terug").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(run.title)
    session_item = page.locator("section[aria-labelledby=dagdelen-kop] li").filter(
        has_text=f"Dagdeel {session.number}:"
    )
    expect(session_item).to_contain_text(f"{total + 20} minuten (te lang)")
    screenshot(page, "6-training")


# --- d. Another city's session -----------------------------------------------------------------


def test_trainer_gets_404_for_a_session_of_another_city(demo, page: Page, live_server):
    """Gouda's workshop: trainer-utrecht has no part in it. (Gouda's *training* is different:
    trainer-utrecht is its national trainer in the demo data, so that one is open to them.)"""
    login(page, live_server, "trainer-utrecht")
    workshop = Session.objects.get(run__location__name="Gouda", run__kind=CurriculumKind.WORKSHOP)
    assert "trainer-utrecht" not in {
        getattr(trainer, "user", None) and trainer.user.username
        for trainer in (workshop.run.national_trainer, workshop.run.local_trainer)
    }
    for path in ("", "programma/", "na-afloop/"):
        response = page.goto(f"{live_server.url}/trainingen/sessies/{workshop.pk}/{path}")
        assert response.status == 404, path
        expect(page).to_have_title(re.compile("^Pagina niet gevonden"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
        expect(page.locator("main")).not_to_contain_text("Gouda")
        expect(page.locator("main")).not_to_contain_text(workshop.title)

    # A tap posted to it is refused the same way and records nothing.
    before = Tick.objects.count()
    block = workshop.blocks.first()
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{live_server.url}/trainingen/sessies/{workshop.pk}/blokken/{block.pk}/",
        form={"token": "5f0c2a0e-4f43-4c1b-9a36-3d8f5e2b7c11", "status": "gegeven"},
        headers={"X-CSRFToken": csrf, "Referer": live_server.url + "/", "HX-Request": "true"},
        fail_on_status_code=False,
    )
    assert answer.status == 404
    assert Tick.objects.count() == before
    assert RunBlock.objects.get(pk=block.pk).status == BlockStatus.OPEN
