"""Tandem casework behind consent, clicked through in Chromium on a phone and on a desktop.

- `werker-arnhem` (Kees Wijkpad, Wijkteams Arnhem) registers a resident with consent to record,
  records her consent to share with the recovery organisation (Vitale Verbindingen), starts a
  tandem with `ed-arnhem` (Lotte Veerkracht, Vitale Verbindingen) and writes two contacts.
  Lotte finds the file on her home page and adds a contact; both see who wrote what. Kees then
  records that the resident withdrew the consent to share: at once Lotte's list no longer shows
  the file and its address answers with the Dutch 404.
- Withdrawing the consent to record erases the file: the name and notes are gone from the
  tables (read raw, not through the models), the anonymous tallies remain.

On the phone every page must fit 375 px (no horizontal scrolling) and the main action buttons
must be tap targets of at least 44 px. Screenshots go to `screenshots/casework-*.png` in the
project root (ignored by git).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Locator, Page, expect

from casework.constants import (
    AuditAction,
    CollaborationForm,
    ConsentForm,
    ConsentPurpose,
    ContactKind,
    ReferralSource,
    SupportKind,
    TallySource,
)
from casework.encryption import decrypt
from casework.models import AnonymousTally, CaseAuditEvent, Consent, Contact, Resident, Trajectory
from teams.models import Location, Person, User
from tests.browser.conftest import (
    DESKTOP,
    journey_screenshot,
    login,
    on_phone,
    open_navbar,
    open_user_menu,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_812 = {"width": 375, "height": 812}
VIEWPORTS = {"telefoon": PHONE_812, "desktop": DESKTOP}
TAP = 44  # px: the smallest tap target on a phone (WCAG 2.5.5)

NAME = "Wilma"
PHONE_NUMBER = "06-12345678"
REQUEST = "Ik wil weer naar buiten, maar alleen durf ik het niet."
GOALS = "Twee keer per week een wandeling, en weer naar het buurthuis."
NOTES = [
    "Kennismaking aan de keukentafel. Wilma wil graag wandelen.",
    "Samen een rondje door het park gelopen.",
    "Samen naar de koffieochtend in het buurthuis.",
]
NEXT_STEPS = ["Volgende week een wandeling.", "Koffieochtend in het buurthuis.", ""]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport_name(request) -> str:
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, viewport_name):
    """Every journey runs twice: 375x812 (phone) and 1280x900 (desktop)."""
    return {**browser_context_args, "viewport": VIEWPORTS[viewport_name]}


# --- Helpers ---------------------------------------------------------------------------------


def screenshot(page: Page, name: str) -> None:
    journey_screenshot(page, "casework", name)


def assert_fits(page: Page) -> None:
    """On a phone nothing sticks out to the right: no horizontal scrolling."""
    if not on_phone(page):
        return
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= PHONE_812["width"], f"{page.url}: {widths}"


def assert_tap_target(target: Locator) -> None:
    """A button or link tapped in the journey is at least 44 px high on a phone."""
    if not on_phone(target.page):
        return
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box is not None
    assert box["height"] >= TAP - 0.5, f"{target}: {box['height']:.1f} px high"


def tap(target: Locator) -> None:
    assert_tap_target(target)
    target.click()


def tick(page: Page, label: str) -> None:
    """Tick a box or choose a radio button; on a phone its label is the tap target."""
    assert_tap_target(page.locator("main label.form-check-label").filter(has_text=label))
    page.get_by_label(label).check()


def check_page(page: Page, shot: str | None = None) -> None:
    assert_fits(page)
    if shot:
        screenshot(page, shot)


def open_menu(page: Page) -> None:
    """On a phone the navbar is collapsed: open it first."""
    open_navbar(page)


def go_to_case_list(page: Page) -> None:
    open_menu(page)
    page.locator("#hoofdmenu").get_by_role("link", name="Bewoners", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewoners")


def log_out(page: Page) -> None:
    open_user_menu(page)
    page.locator("#hoofdmenu").get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/account/login/$"))


def submit(page: Page, name: str) -> None:
    tap(page.locator("main form").get_by_role("button", name=name, exact=True))


def success(page: Page) -> Locator:
    return page.locator("main .messages .alert-success")


def home_panel(page: Page) -> Locator:
    return page.locator("main section[aria-labelledby=mijn-bewoners]")


def case_files(page: Page) -> Locator:
    """The table of files on the case list."""
    return page.locator("section[aria-labelledby=dossiers-kop] table")


def trajectory_card(page: Page, trajectory: Trajectory) -> Locator:
    return page.locator(f"article#traject-{trajectory.pk}")


def iso(day: datetime.date) -> str:
    return day.isoformat()


def dutch_date(day: datetime.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def add_contact(
    page: Page, trajectory: Trajectory, *, day: datetime.date, kind: str, note: str, next_step: str
) -> None:
    card = trajectory_card(page, trajectory)
    tap(card.get_by_role("link", name="Contact toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Contact met {NAME}")
    assert_fits(page)
    page.get_by_label("Datum").fill(iso(day))
    page.get_by_label("Soort contact").select_option(label=str(ContactKind(kind).label))
    tick(page, "Ervaringsdeskundige was erbij")
    tick(page, "Sociaal werker was erbij")
    page.get_by_label("Korte notitie").fill(note)
    if next_step:
        page.get_by_label("Volgende stap").fill(next_step)
    submit(page, "Opslaan")
    expect(success(page)).to_have_text("Het contact is opgeslagen.")
    expect(page).to_have_url(re.compile(rf"/bewoners/\d+/#traject-{trajectory.pk}$"))


def contact_entry(page: Page, trajectory: Trajectory, note: str) -> Locator:
    return trajectory_card(page, trajectory).locator("div.border-start").filter(has_text=note)


def withdraw_link(page: Page, consent: str) -> Locator:
    """The consent's "Intrekken" button in the register; its name ends with the consent (a
    visually hidden text, which Chromium names "Intrekken : ...")."""
    name = re.compile(rf"^Intrekken ?: {re.escape(consent)}$")
    return page.locator("#toestemmingen").get_by_role("link", name=name)


def reads(resident_id: int, username: str) -> int:
    return CaseAuditEvent.objects.filter(
        resident_id=resident_id,
        actor__username=username,
        action=AuditAction.READ,
        subject="dossier",
    ).count()


# --- a. The tandem: register, consent, trajectory, contacts; withdrawal of sharing ----------


def test_tandem_casework_and_withdrawn_sharing_consent(demo, page: Page, live_server):
    today = timezone.localdate()
    week_ago = today - datetime.timedelta(days=7)
    arnhem = Location.objects.get(name="Arnhem")
    kees = Person.objects.get(user__username="werker-arnhem")
    lotte = Person.objects.get(user__username="ed-arnhem")
    assert (kees.full_name, lotte.full_name) == ("Kees Wijkpad", "Lotte Veerkracht")
    residents_before = set(Resident.objects.values_list("pk", flat=True))

    # -- werker-arnhem: from the log-in page on, only clicks.
    login(page, live_server, "werker-arnhem")
    expect(page).to_have_url(f"{live_server.url}/")
    panel = home_panel(page)
    expect(panel.get_by_role("heading", level=2)).to_have_text("Uw bewoners")
    check_page(page, "01-start-werker")
    go_to_case_list(page)
    check_page(page, "02-bewoners")
    tap(page.get_by_role("link", name="Bewoner aanmelden in Arnhem"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewoner aanmelden in Arnhem")

    # The form, as a worker fills it in after the kitchen-table talk of a week ago.
    page.get_by_label("Naam of roepnaam").fill(NAME)
    page.get_by_label("Telefoonnummer").fill(PHONE_NUMBER)
    page.get_by_label("Wijk").select_option(label="Malburgen")
    tick(page, str(SupportKind.LISTENING.label))
    tick(page, str(SupportKind.CONTACTS.label))
    tick(page, str(ConsentForm.SPOKEN.label))
    page.get_by_label("Datum van de toestemming").fill(iso(week_ago))
    page.get_by_label("Opnieuw bespreken op").fill(iso(week_ago + datetime.timedelta(days=182)))
    tick(page, "De bewoner weet wat wij opschrijven en waarom")
    check_page(page, "03-aanmelden")
    submit(page, "Aanmelden")
    expect(success(page)).to_have_text(
        "De bewoner is aangemeld, met toestemming om gegevens vast te leggen."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    [resident_pk] = set(Resident.objects.values_list("pk", flat=True)) - residents_before
    case_url = f"{live_server.url}/bewoners/{resident_pk}/"
    expect(page).to_have_url(case_url)
    urgent = page.locator("aside.alert-warning")
    expect(urgent).to_contain_text("Crisisdienst: 0900-1450")
    assert_tap_target(urgent.get_by_role("link", name="0900-1450"))
    assert_fits(page)

    # Consent to share with the recovery organisation.
    tap(page.get_by_role("link", name="Toestemming toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toestemming toevoegen voor {NAME}")
    page.get_by_label("Waarvoor geeft de bewoner toestemming?").select_option(
        label=str(ConsentPurpose.SHARE_RECOVERY.label)
    )
    page.get_by_label("Met welke organisatie?").select_option(label="Vitale Verbindingen")
    tick(page, str(ConsentForm.WRITTEN.label))
    page.get_by_label("Datum van de toestemming").fill(iso(week_ago))
    check_page(page, "04-toestemming")
    submit(page, "Opslaan")
    expect(success(page)).to_have_text("De toestemming is vastgelegd.")
    expect(page).to_have_url(f"{case_url}#toestemmingen")
    consents = page.locator("#toestemmingen table tbody tr")
    expect(consents).to_have_count(2)
    sharing_row = consents.filter(has_text=str(ConsentPurpose.SHARE_RECOVERY.label))
    expect(sharing_row).to_contain_text("Vitale Verbindingen")
    expect(sharing_row).to_contain_text(kees.full_name)

    # A tandem with Lotte, chosen from the experts of Arnhem.
    tap(page.get_by_role("link", name="Traject starten"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Traject starten met {NAME}")
    tick(page, str(CollaborationForm.TANDEM.label))
    tick(page, lotte.full_name)
    expect(page.get_by_role("combobox", name="Sociaal werker")).to_have_value(str(kees.pk))
    page.get_by_label("Aangemeld via").select_option(label=str(ReferralSource.WIJKTEAM.label))
    page.get_by_label("De vraag in de woorden van de bewoner").fill(REQUEST)
    page.get_by_label("De doelen van de bewoner zelf").fill(GOALS)
    page.get_by_label("Gestart op").fill(iso(week_ago))
    check_page(page, "05-traject")
    submit(page, "Traject starten")
    expect(success(page)).to_have_text("Het traject is gestart.")
    trajectory = Trajectory.objects.get(resident_id=resident_pk)
    expect(page).to_have_url(f"{case_url}#traject-{trajectory.pk}")
    card = trajectory_card(page, trajectory)
    expect(card.get_by_role("heading", level=3)).to_have_text(str(CollaborationForm.TANDEM.label))
    expect(card.locator("dl")).to_contain_text(lotte.full_name)
    expect(card.locator("dl")).to_contain_text(kees.full_name)

    # Two contacts: the kitchen-table talk of a week ago and a walk two days ago.
    add_contact(
        page,
        trajectory,
        day=week_ago,
        kind=ContactKind.KITCHEN_TABLE,
        note=NOTES[0],
        next_step=NEXT_STEPS[0],
    )
    add_contact(
        page,
        trajectory,
        day=today - datetime.timedelta(days=2),
        kind=ContactKind.WALK,
        note=NOTES[1],
        next_step=NEXT_STEPS[1],
    )
    card = trajectory_card(page, trajectory)
    for note in NOTES[:2]:
        expect(contact_entry(page, trajectory, note)).to_contain_text(
            f"Geschreven door {kees.full_name}"
        )
    check_page(page, "06-dossier-werker")
    log_out(page)

    # -- ed-arnhem: the file is on her home page; she opens it and adds a contact.
    login(page, live_server, "ed-arnhem")
    panel = home_panel(page)
    link = panel.get_by_role("link", name=NAME, exact=True)
    check_page(page, "07-start-ed")
    tap(link)
    expect(page).to_have_url(case_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    for note in NOTES[:2]:
        expect(contact_entry(page, trajectory, note)).to_contain_text(
            f"Geschreven door {kees.full_name}"
        )
    add_contact(
        page,
        trajectory,
        day=today,
        kind=ContactKind.WALK,
        note=NOTES[2],
        next_step=NEXT_STEPS[2],
    )
    expect(contact_entry(page, trajectory, NOTES[2])).to_contain_text(
        f"Geschreven door {lotte.full_name}"
    )
    expect(trajectory_card(page, trajectory).locator("div.border-start")).to_have_count(3)
    check_page(page, "08-dossier-ed")
    log_out(page)

    # In the database: three contacts, each with its author; every read of the file logged.
    contacts = Contact.objects.filter(trajectory=trajectory).order_by("date", "created_at")
    assert [(c.note, c.author_id) for c in contacts] == [
        (NOTES[0], kees.pk),
        (NOTES[1], kees.pk),
        (NOTES[2], lotte.pk),
    ]
    assert [c.next_step for c in contacts] == NEXT_STEPS
    assert {c.kind for c in contacts} == {ContactKind.KITCHEN_TABLE, ContactKind.WALK}
    assert all(c.with_expert and c.with_social_worker for c in contacts)
    resident = Resident.objects.get(pk=resident_pk)
    assert (resident.name, resident.phone, resident.location_id) == (NAME, PHONE_NUMBER, arnhem.pk)
    assert resident.neighbourhood.name == "Malburgen"
    assert resident.support_kinds == [SupportKind.LISTENING, SupportKind.CONTACTS]
    assert (resident.registered_by_id, resident.recorded_by_organisation.name) == (
        kees.pk,
        "Wijkteams Arnhem",
    )
    assert (trajectory.form, trajectory.expert_id, trajectory.social_worker_id) == (
        CollaborationForm.TANDEM,
        lotte.pk,
        kees.pk,
    )
    assert (trajectory.request, trajectory.goals, trajectory.started_on) == (
        REQUEST,
        GOALS,
        week_ago,
    )
    record, sharing = (
        Consent.objects.get(resident_id=resident_pk, purpose=ConsentPurpose.RECORD),
        Consent.objects.get(resident_id=resident_pk, purpose=ConsentPurpose.SHARE_RECOVERY),
    )
    assert (record.given_as, record.given_on, record.recorded_by.username) == (
        ConsentForm.SPOKEN,
        week_ago,
        "werker-arnhem",
    )
    assert (sharing.recipient_organisation.name, sharing.given_as, sharing.withdrawn_on) == (
        "Vitale Verbindingen",
        ConsentForm.WRITTEN,
        None,
    )
    # Kees saw the file after each of his five saves; Lotte once before and once after hers.
    assert reads(resident_pk, "werker-arnhem") == 5
    assert reads(resident_pk, "ed-arnhem") == 2
    events = CaseAuditEvent.objects.filter(resident_id=resident_pk)
    created = events.filter(action=AuditAction.CREATE)
    assert sorted(created.values_list("subject", "actor__username")) == [
        ("bewoner", "werker-arnhem"),
        ("contact", "ed-arnhem"),
        ("contact", "werker-arnhem"),
        ("contact", "werker-arnhem"),
        ("traject", "werker-arnhem"),
    ]
    assert set(events.values_list("location_id", flat=True)) == {arnhem.pk}
    assert not events.filter(reason__icontains=NAME).exists()

    # -- werker-arnhem: the resident withdraws the consent to share with Vitale Verbindingen.
    login(page, live_server, "werker-arnhem")
    tap(home_panel(page).get_by_role("link", name=NAME, exact=True))
    expect(page).to_have_url(case_url)
    tap(withdraw_link(page, f"{ConsentPurpose.SHARE_RECOVERY.label} (Vitale Verbindingen)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    expect(page.locator("main")).to_contain_text("kunnen het dossier meteen niet meer openen")
    expect(page.get_by_label("Ingetrokken op")).to_have_value(iso(today))
    check_page(page, "09-intrekken-delen")
    submit(page, "Intrekken")
    expect(success(page)).to_have_text("De toestemming is ingetrokken. Dit geldt meteen.")
    expect(page).to_have_url(f"{case_url}#toestemmingen")
    expect(
        page.locator("#toestemmingen tbody tr").filter(
            has_text=str(ConsentPurpose.SHARE_RECOVERY.label)
        )
    ).to_contain_text(dutch_date(today))
    sharing.refresh_from_db()
    assert (sharing.withdrawn_on, sharing.withdrawn_recorded_by.username) == (
        today,
        "werker-arnhem",
    )
    assert events.filter(
        action=AuditAction.CONSENT,
        subject=f"toestemming ingetrokken: {ConsentPurpose.SHARE_RECOVERY}",
        actor__username="werker-arnhem",
    ).exists()
    log_out(page)

    # -- ed-arnhem: the file is gone at once, from the home page, the list and its address.
    login(page, live_server, "ed-arnhem")
    expect(home_panel(page).get_by_role("heading", level=2)).to_be_visible()
    expect(home_panel(page).get_by_role("link", name=NAME, exact=True)).to_have_count(0)
    go_to_case_list(page)
    expect(case_files(page).locator("tbody tr").first).to_be_visible()
    expect(case_files(page).get_by_role("link", name=NAME, exact=True)).to_have_count(0)
    check_page(page, "10-bewoners-ed-na-intrekken")
    ed_reads = reads(resident_pk, "ed-arnhem")
    response = page.goto(case_url)  # the one direct jump: the address of the file
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("main")).not_to_contain_text(NAME)
    check_page(page, "11-niet-gevonden")
    assert reads(resident_pk, "ed-arnhem") == ed_reads  # nothing was shown, nothing logged
    assert Contact.objects.filter(trajectory=trajectory).count() == 3  # the file itself stays
    assert not Resident.objects.visible_to(User.objects.get(username="ed-arnhem")).filter(
        pk=resident_pk
    )
    assert Resident.objects.visible_to(User.objects.get(username="werker-arnhem")).filter(
        pk=resident_pk
    )


# --- b. Withdrawing the consent to record erases the file ------------------------------------


def raw_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def stored_text_anywhere(needles: list[str]) -> list[str]:
    """Every table.column whose stored text contains one of `needles` (raw SQL, no models)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and any(needle in value for needle in needles):
                        found.append(f"{table}.{column}")
    return sorted(set(found))


def arnhem_tallies(source: str) -> dict[str, int]:
    totals = AnonymousTally.objects.filter(location__name="Arnhem", source=source).aggregate(
        contacts=Sum("contacts"), trajectories=Sum("trajectories")
    )
    return {name: value or 0 for name, value in totals.items()}


def test_withdrawn_consent_to_record_erases_the_name(demo, page: Page, live_server):
    """Henk (demo: a tandem of werker-arnhem and ed-arnhem, three contacts) withdraws his
    consent to record: the file is erased, the counts without a name survive."""
    kees = User.objects.get(username="werker-arnhem")
    [henk] = [r for r in Resident.objects.visible_to(kees) if r.name == "Henk"]
    arnhem = henk.location
    contacts = Contact.objects.filter(trajectory__resident=henk)
    notes = [contact.note for contact in contacts]
    assert len(notes) == 3 and all(notes)
    trajectory_ids = list(henk.trajectories.values_list("pk", flat=True))
    consent_ids = list(henk.consents.values_list("pk", flat=True))

    # Before: the row is there, with the name encrypted (never in plain text).
    [(stored_name, stored_phone)] = raw_rows(
        "SELECT name, phone FROM casework_resident WHERE id = %s", [henk.pk]
    )
    assert stored_name.startswith("fernet:") and decrypt(stored_name) == "Henk"
    stored_notes = [
        value
        for (value,) in raw_rows(
            "SELECT note FROM casework_contact WHERE id IN (%s, %s, %s)",
            list(contacts.values_list("pk", flat=True)),
        )
    ]
    assert all(value.startswith("fernet:") for value in stored_notes)
    ciphertexts = [stored_name, *stored_notes] + ([stored_phone] if stored_phone else [])
    assert stored_text_anywhere(ciphertexts) == ["casework_contact.note", "casework_resident.name"]
    erased_before = arnhem_tallies(TallySource.ERASED)
    no_consent_before = arnhem_tallies(TallySource.NO_CONSENT)
    assert no_consent_before["contacts"] >= 3

    # werker-arnhem records the withdrawal: from the log-in page, only clicks.
    login(page, live_server, "werker-arnhem")
    go_to_case_list(page)
    tap(case_files(page).get_by_role("link", name="Henk", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Henk")
    tap(withdraw_link(page, str(ConsentPurpose.RECORD.label)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    expect(page.get_by_role("note")).to_contain_text("Het hele dossier wordt gewist.")
    # Without ticking "Ik begrijp ...": refused, nothing erased.
    submit(page, "Intrekken en dossier wissen")
    expect(page.locator(".invalid-feedback")).to_contain_text(
        "Vink aan dat u begrijpt dat het dossier wordt gewist."
    )
    assert Resident.objects.filter(pk=henk.pk).exists()
    tick(page, "Ik begrijp dat het hele dossier van deze bewoner nu wordt gewist.")
    check_page(page, "12-intrekken-vastleggen")
    submit(page, "Intrekken en dossier wissen")
    expect(success(page)).to_have_text(
        "De toestemming om gegevens vast te leggen is ingetrokken. Het dossier is gewist. "
        "Alleen tellingen zonder naam blijven over."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewoners")
    expect(case_files(page).get_by_role("link", name="Henk", exact=True)).to_have_count(0)
    check_page(page, "13-na-wissen")

    # The tables, read raw: no row of Henk, his name and notes nowhere, not even encrypted.
    assert raw_rows("SELECT id FROM casework_resident WHERE id = %s", [henk.pk]) == []
    assert raw_rows("SELECT id FROM casework_consent WHERE resident_id = %s", [henk.pk]) == []
    assert raw_rows("SELECT id FROM casework_trajectory WHERE resident_id = %s", [henk.pk]) == []
    placeholders = ", ".join(["%s"] * len(trajectory_ids))
    assert (
        raw_rows(
            f"SELECT id FROM casework_contact WHERE trajectory_id IN ({placeholders})",  # noqa: S608
            trajectory_ids,
        )
        == []
    )
    assert not Consent.objects.filter(pk__in=consent_ids).exists()
    assert stored_text_anywhere(ciphertexts) == []

    # The anonymous tallies remain: the old ones untouched, Henk's contacts and trajectory
    # added as counts without a name.
    assert arnhem_tallies(TallySource.NO_CONSENT) == no_consent_before
    assert arnhem_tallies(TallySource.ERASED) == {
        "contacts": erased_before["contacts"] + 3,
        "trajectories": erased_before["trajectories"] + 1,
    }
    # The audit trail says what happened, by whom, without personal data.
    erase = CaseAuditEvent.objects.get(resident_id=henk.pk, action=AuditAction.ERASE)
    assert (erase.actor, erase.location_id, erase.subject) == (kees, arnhem.pk, "dossier")
    assert erase.reason == "Toestemming om vast te leggen ingetrokken."
    assert CaseAuditEvent.objects.filter(
        resident_id=henk.pk,
        action=AuditAction.CONSENT,
        subject=f"toestemming ingetrokken: {ConsentPurpose.RECORD}",
    ).exists()
    for event in CaseAuditEvent.objects.filter(resident_id=henk.pk):
        assert "Henk" not in f"{event.subject} {event.reason} {event.fields}"
