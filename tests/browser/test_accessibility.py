"""axe-core on every page: zero violations, Dutch `lang`, and a skip link to the content.

axe is injected with `page.evaluate` (a DevTools call), which our Content-Security-Policy does
not block, so the check runs against the real headers without `bypass_csp`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve
from playwright.sync_api import Page, expect

import activities.urls
import casework.urls
import dashboard.urls
import embedding.urls
import plans.urls
import teams.urls
import trainings.urls
from activities.models import Activity, GroupMeeting, IntervisionGroup
from casework.constants import ConsentPurpose
from casework.models import Resident
from embedding.models import Condition
from plans.models import PlanOfApproach
from teams.models import Location, Organisation, Person, User
from teams.views import errors
from tests.browser.conftest import DESKTOP, PHONE, login, open_user_menu
from trainings.constants import CurriculumKind
from trainings.models import Curriculum, Session, TrainingRun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()


def gouda() -> int:
    return Location.objects.get(name="Gouda").pk


def person(username: str) -> int:
    return Person.objects.get(user__username=username).pk


def plan(city: str) -> str:
    """The path of a demo plan: Gouda concept, Zutphen ingediend, Utrecht vastgesteld,
    Amsterdam-Zuid in uitvoering (plans/demo.py)."""
    return f"/plannen/{PlanOfApproach.objects.get(location__name=city).pk}/"


def run(city: str, kind: str = CurriculumKind.TRAINING) -> str:
    """The path of a demo run (trainings/demo.py): Gouda's training has half-days 1 and 2 held
    and 3 next week; Utrecht's half-day 2 is today, not started; Amsterdam-Zuid's is finished."""
    return f"/trainingen/{TrainingRun.objects.get(location__name=city, kind=kind).pk}/"


def session(city: str, number: int, suffix: str = "") -> str:
    """The path of a half-day of a city's demo training, with `suffix` (e.g. 'programma/')."""
    pk = Session.objects.get(
        run__location__name=city, run__kind=CurriculumKind.TRAINING, number=number
    ).pk
    return f"/trainingen/sessies/{pk}/{suffix}"


def arnhem() -> int:
    return Location.objects.get(name="Arnhem").pk


def case(suffix: str = "", name: str = "Henk") -> str:
    """The path of a demo file in Arnhem (casework/demo.py), found among the files that
    `werker-arnhem` sees: Henk is in a tandem of werker-arnhem and ed-arnhem, with contacts."""
    user = User.objects.get(username="werker-arnhem")
    [resident] = [r for r in Resident.objects.visible_to(user) if r.name == name]
    return f"/bewoners/{resident.pk}/{suffix}"


def henk() -> Resident:
    return Resident.objects.get(pk=int(case().split("/")[2]))


def consent(purpose: str) -> str:
    """The path that withdraws one of Henk's consents (to record, or to share with Vitale
    Verbindingen)."""
    pk = henk().consents.get(purpose=purpose, withdrawn_on__isnull=True).pk
    return case(f"toestemming/{pk}/intrekken/")


def trajectory(suffix: str = "") -> str:
    """The path of Henk's tandem, with `suffix` (e.g. 'contact/')."""
    return case(f"trajecten/{henk().trajectories.get().pk}/{suffix}")


def condition(city: str, code: str, suffix: str = "") -> str:
    """The path of a demo condition of the embedding monitor (embedding/demo.py): Gouda just
    started (its reviews overdue), Zutphen far along."""
    return f"/borging/{Condition.objects.get(location__name=city, code=code).pk}/{suffix}"


def borging(city: str, suffix: str = "") -> str:
    return f"/locaties/{Location.objects.get(name=city).pk}/borging/{suffix}"


def invitation_link() -> str:
    """A fresh invitation to Gouda and the path of its link (as the mail would hold it)."""
    import secrets

    from teams.constants import Role as TeamRole
    from teams.invitations import token_hash, valid_until
    from teams.models import Invitation

    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        location_id=gouda(),
        email=f"genodigde-{token[:8]}@voorbeeld.invalid",
        given_name="Noor",
        family_name="Genodigde",
        role=TeamRole.EXPERT,
        token_hash=token_hash(token),
        expires_at=valid_until(),
    )
    return f"/uitnodiging/{token}/"


def calendar_links_of(username: str) -> str:
    """The calendar-links page, with a link of this user to a run of Gouda."""
    from teams import calendar_links
    from teams.constants import CalendarFeed

    found = TrainingRun.objects.filter(location_id=gouda()).first()
    calendar_links.link_for(
        User.objects.get(username=username), CalendarFeed.RUN, found.pk, found.title
    )
    return "/account/agenda/"


def invite_without_address(page: Page) -> None:
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def not_applicable_without_reason(page: Page) -> None:
    """The condition form refused: 'niet van toepassing' without a reason."""
    page.get_by_label("Status").select_option("nvt")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def activity(title: str, suffix: str = "") -> str:
    """The path of a demo activity (activities/demo.py), e.g. Gouda's recovery group."""
    return f"/activiteiten/{Activity.objects.get(title=title).pk}/{suffix}"


def past_meeting(title: str) -> str:
    meeting = Activity.objects.get(title=title).meetings.filter(status="gepland").first()
    return f"/activiteiten/bijeenkomsten/{meeting.pk}/"


def intervision(city: str, suffix: str = "") -> str:
    """The path of a city's demo intervision group (trainer-<city> facilitates it)."""
    return f"/intervisie/{IntervisionGroup.objects.get(location__name=city).pk}/{suffix}"


def group_meeting(city: str) -> str:
    pk = GroupMeeting.objects.filter(group__location__name=city).order_by("-date").first().pk
    return f"/intervisie/bijeenkomsten/{pk}/"


def count_minus_three(page: Page) -> None:
    """A headcount of -3: the row says why it was not saved (htmx answers 422)."""
    row = page.locator("li[id^=bijeenkomst-]:has(form)").first
    row.locator("input[name=first_time]").fill("-3")
    row.get_by_role("button", name="Telling opslaan").click()
    expect(page.get_by_text("kan het aantal niet kleiner zijn dan 0").first).to_be_visible()


@dataclass
class Screen:
    user: str | None  # log in as; None: anonymous
    path: Callable[[], str]
    status: int = 200
    then: Callable[[Page], None] | None = None  # what to do on the page before axe runs


def submit_wrong_password(page: Page) -> None:
    page.get_by_label("Gebruikersnaam").fill("leider-gouda")
    page.get_by_label("Wachtwoord").fill("fout")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()


def _current_code(username: str, *, confirmed: bool) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=confirmed)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, 1):06d}"


def confirm_two_factor(page: Page) -> None:
    """Finish the set-up with the app's code: the page with the backup codes (after the
    second's wait that django-otp imposes after the wrong code of the screen before)."""
    page.wait_for_timeout(1100)
    page.get_by_role("textbox", name="Code").fill(_current_code("leider-zutphen", confirmed=False))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Uw back-upcodes")).to_be_visible()


def log_in_again_with_two_factor(page: Page) -> None:
    """A fresh log-in of a user with two-factor log-in on: the code page."""
    base = page.url.split("/account/")[0]
    page.context.clear_cookies()
    page.goto(f"{base}/account/login/")
    page.fill("#id_username", "leider-zutphen")
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()


def submit_wrong_code(page: Page) -> None:
    page.get_by_role("textbox", name="Code").fill("000000")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def submit_empty_form(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def add_goal_row(page: Page) -> None:
    """A goal table after 'Doel toevoegen': a new, empty goal with an empty action."""
    goals = page.locator("fieldset.goal-row")
    count = goals.count()
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(goals).to_have_count(count + 1)


def save_goal_without_text(page: Page) -> None:
    page.locator("fieldset.goal-row").first.get_by_role("textbox").first.fill("")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def submit_step(page: Page) -> None:
    """Take the workflow step on its confirm page (Gouda's concept: refused, not complete)."""
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()


def same_trainer_twice(page: Page) -> None:
    """The run's form refused: the local trainer chosen as national trainer too."""
    local = page.get_by_label("Lokale trainer").input_value()
    page.get_by_label("Landelijke trainer").select_option(local)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def programme_over_time(page: Page) -> None:
    """The live total's warning: one block made long enough to run over the half-day."""
    page.locator("[data-block-minutes]").first.fill("300")
    expect(page.locator("[data-programme-warning]")).to_be_visible()


def save_programme_with_errors(page: Page) -> None:
    page.locator("[data-block-minutes]").first.fill("0")
    page.get_by_role("button", name="Programma opslaan").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def submit_break_glass_without_reason(page: Page) -> None:
    page.get_by_role("button", name="Dossier openen met noodtoegang").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def submit_erase_unconfirmed(page: Page) -> None:
    """The erase form without a reason or the tick: refused, nothing erased."""
    page.get_by_role("button", name="Dossier voorgoed wissen").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def tap_without_connection(page: Page) -> None:
    """A tap in the room while offline: the row says it was not saved, with a retry button."""
    row = page.locator("li[id^=blok-]").first
    page.context.set_offline(True)
    try:
        row.get_by_role("button", name="Gegeven", exact=True).click()
        expect(row.get_by_text("Niet opgeslagen: geen verbinding.")).to_be_visible()
    finally:
        page.context.set_offline(False)


SCREENS = {
    "inloggen": Screen(None, lambda: "/account/login/"),
    "inloggen-fout": Screen(None, lambda: "/account/login/", then=submit_wrong_password),
    "wachtwoord-vergeten": Screen(None, lambda: "/account/password_reset/"),
    "start-projectleider": Screen("leider-gouda", lambda: "/"),
    "start-gebruikersmenu": Screen("leider-gouda", lambda: "/", then=open_user_menu),
    "start-coordinator": Screen("coordinator", lambda: "/"),
    "locaties": Screen("coordinator", lambda: "/locaties/"),
    "blokkades": Screen("coordinator", lambda: "/account/blokkades/"),
    # Invitations and calendar links (issue 18). Without a link opened in this session the
    # page of the link is the "does not work" page (404); then a real link leads to the form.
    "uitnodigingen": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/uitnodigingen/"),
    "uitnodiging-fout": Screen(
        "leider-gouda", lambda: f"/locaties/{gouda()}/uitnodigingen/", then=invite_without_address
    ),
    "uitnodiging-zonder-link": Screen(None, lambda: "/uitnodiging/aannemen/", status=404),
    "uitnodiging-aannemen": Screen(None, invitation_link),
    "agenda-links": Screen("werker-gouda", lambda: calendar_links_of("werker-gouda")),
    "locatie": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/"),
    "organisatie": Screen(
        "leider-gouda", lambda: f"/organisaties/{Organisation.objects.get(name='KernKracht').pk}/"
    ),
    "persoon": Screen("leider-gouda", lambda: f"/personen/{person('ed-gouda')}/"),
    "persoon-bewerken": Screen("leider-gouda", lambda: f"/personen/{person('ed-gouda')}/bewerken/"),
    "profiel-ervaringsdeskundige": Screen(
        "leider-gouda", lambda: f"/personen/{person('ed-gouda')}/ervaringsdeskundige/"
    ),
    "profiel-sociaal-werker": Screen(
        "leider-gouda", lambda: f"/personen/{person('werker-gouda')}/sociaal-werker/"
    ),
    "projectteam-bewerken": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/projectteam/"),
    "persoon-toevoegen": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/personen/nieuw/"),
    "persoon-toevoegen-fouten": Screen(
        "leider-gouda", lambda: f"/locaties/{gouda()}/personen/nieuw/", then=submit_empty_form
    ),
    "pool": Screen("leider-gouda", lambda: "/pool/"),
    "pool-gefilterd": Screen("coordinator", lambda: "/pool/?availability=beschikbaar"),
    "wachtwoord-wijzigen": Screen("leider-gouda", lambda: "/account/password_change/"),
    # Two-factor log-in, in this order: status, set-up (and a wrong code), the backup codes
    # after a right code, then a new log-in asks for the code (and a wrong one).
    "tweestaps": Screen("leider-zutphen", lambda: "/account/tweestaps/"),
    "tweestaps-instellen-fout": Screen(
        "leider-zutphen", lambda: "/account/tweestaps/instellen/", then=submit_wrong_code
    ),
    "tweestaps-back-upcodes": Screen(
        "leider-zutphen", lambda: "/account/tweestaps/instellen/", then=confirm_two_factor
    ),
    "tweestaps-code": Screen(
        "leider-zutphen", lambda: "/account/tweestaps/", then=log_in_again_with_two_factor
    ),
    "tweestaps-code-fout": Screen(
        "leider-zutphen", lambda: "/account/tweestaps/code/?next=/", then=submit_wrong_code
    ),
    "niet-gevonden": Screen(
        "leider-gouda",
        lambda: f"/locaties/{Location.objects.get(name='Zutphen').pk}/",
        status=404,
    ),
    "geen-toegang": Screen("werker-gouda", lambda: f"/locaties/{gouda()}/projectteam/", status=403),
    # The national curriculum (trainings/urls.py).
    "curriculum": Screen("werker-gouda", lambda: "/trainingen/curricula/"),
    "curriculum-training": Screen(
        "werker-gouda",
        lambda: f"/trainingen/curricula/{Curriculum.objects.get(kind='training').pk}/",
    ),
    # The plan of approach (plans/urls.py).
    "plannen": Screen("coordinator", lambda: "/plannen/"),
    "plan-nieuw": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/plannen/nieuw/"),
    "plan-concept": Screen("leider-gouda", lambda: plan("Gouda")),
    "plan-ingediend": Screen("coordinator", lambda: plan("Zutphen")),
    "plan-vastgesteld": Screen("coordinator", lambda: plan("Utrecht")),
    "plan-alleen-lezen": Screen("werker-gouda", lambda: plan("Gouda")),
    "plan-deel-kop": Screen("leider-gouda", lambda: plan("Gouda") + "bewerken/kop/"),
    "plan-deel-tekst": Screen("leider-gouda", lambda: plan("Gouda") + "bewerken/training/"),
    "plan-doelentabel": Screen(
        "leider-gouda", lambda: plan("Gouda") + "bewerken/samenwerking/", then=add_goal_row
    ),
    "plan-doelentabel-fouten": Screen(
        "leider-gouda", lambda: plan("Gouda") + "bewerken/eigen-regie/", then=save_goal_without_text
    ),
    "plan-indienen": Screen("leider-gouda", lambda: plan("Gouda") + "stap/indienen/"),
    "plan-indienen-fout": Screen(
        "leider-gouda", lambda: plan("Gouda") + "stap/indienen/", then=submit_step
    ),
    "plan-vaststellen": Screen("coordinator", lambda: plan("Zutphen") + "stap/vaststellen/"),
    "plan-wijzigingen": Screen("coordinator", lambda: plan("Utrecht") + "wijzigingen/"),
    "plan-acties": Screen("leider-gouda", lambda: plan("Gouda") + "acties/"),
    "plan-acties-gefilterd": Screen(
        "coordinator", lambda: plan("Amsterdam-Zuid") + "acties/?status=bezig&overdue=on"
    ),
    "plan-afdrukken": Screen("coordinator", lambda: plan("Utrecht") + "afdrukken/"),
    # Runs, half-days and the tick-off in the room (trainings/urls.py).
    "trainingen": Screen("coordinator", lambda: "/trainingen/"),
    "trainingen-trainer": Screen("trainer-utrecht", lambda: "/trainingen/"),
    "training": Screen("leider-gouda", lambda: run("Gouda")),
    "training-afgerond": Screen("coordinator", lambda: run("Amsterdam-Zuid")),
    "training-deelnemer": Screen("werker-gouda", lambda: run("Gouda")),
    "training-nieuw": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/trainingen/nieuw/"),
    "training-bewerken": Screen("leider-gouda", lambda: run("Gouda") + "bewerken/"),
    "training-bewerken-fouten": Screen(
        "leider-gouda", lambda: run("Gouda") + "bewerken/", then=same_trainer_twice
    ),
    "training-deelnemers": Screen("leider-gouda", lambda: run("Gouda") + "deelnemers/"),
    "dagdeel-vandaag": Screen("trainer-utrecht", lambda: session("Utrecht", 2)),
    "dagdeel-geen-verbinding": Screen(
        "trainer-utrecht", lambda: session("Utrecht", 2), then=tap_without_connection
    ),
    "dagdeel-gehouden": Screen("leider-gouda", lambda: session("Gouda", 2)),
    "dagdeel-alleen-lezen": Screen("coordinator", lambda: session("Amsterdam-Zuid", 3)),
    "dagdeel-plannen": Screen("leider-gouda", lambda: session("Gouda", 3, "plannen/")),
    "dagdeel-programma": Screen("leider-gouda", lambda: session("Gouda", 1, "programma/")),
    "dagdeel-programma-te-lang": Screen(
        "leider-gouda", lambda: session("Gouda", 3, "programma/"), then=programme_over_time
    ),
    "dagdeel-programma-fouten": Screen(
        "leider-gouda", lambda: session("Gouda", 3, "programma/"), then=save_programme_with_errors
    ),
    "dagdeel-na-afloop": Screen("leider-gouda", lambda: session("Gouda", 2, "na-afloop/")),
    "dagdeel-na-afloop-laatste": Screen("leider-gouda", lambda: session("Gouda", 3, "na-afloop/")),
    "mijn-evaluatie": Screen("werker-gouda", lambda: session("Gouda", 1, "mijn-evaluatie/")),
    # Casework (casework/urls.py): files for werker-arnhem, counts only for leider-arnhem.
    "start-sociaal-werker": Screen("werker-arnhem", lambda: "/"),
    "bewoners": Screen("werker-arnhem", lambda: "/bewoners/"),
    "bewoners-cijfers": Screen("leider-arnhem", lambda: "/bewoners/"),
    "bewoner-aanmelden": Screen("werker-arnhem", lambda: f"/locaties/{arnhem()}/bewoners/nieuw/"),
    "bewoner-aanmelden-fouten": Screen(
        "werker-arnhem", lambda: f"/locaties/{arnhem()}/bewoners/nieuw/", then=submit_empty_form
    ),
    "anoniem-contact": Screen("werker-arnhem", lambda: f"/locaties/{arnhem()}/anoniem-contact/"),
    "anoniem-contact-fouten": Screen(
        "werker-arnhem", lambda: f"/locaties/{arnhem()}/anoniem-contact/", then=submit_empty_form
    ),
    "urgente-situaties": Screen(
        "leider-arnhem", lambda: f"/locaties/{arnhem()}/urgente-situaties/"
    ),
    "dossier": Screen("werker-arnhem", lambda: case()),
    "dossier-niet-gevonden": Screen("werker-gouda", lambda: case(), status=404),
    "toestemming-nieuw": Screen("werker-arnhem", lambda: case("toestemming/nieuw/")),
    "toestemming-nieuw-fouten": Screen(
        "werker-arnhem", lambda: case("toestemming/nieuw/"), then=submit_empty_form
    ),
    "toestemmingsbewijs": Screen("werker-arnhem", lambda: case("toestemming/bewijs/")),
    "toestemming-intrekken": Screen(
        "werker-arnhem", lambda: consent(ConsentPurpose.SHARE_RECOVERY)
    ),
    "toestemming-intrekken-vastleggen": Screen(
        "werker-arnhem", lambda: consent(ConsentPurpose.RECORD)
    ),
    "traject-nieuw": Screen("werker-arnhem", lambda: case("trajecten/nieuw/")),
    "traject-nieuw-fouten": Screen(
        "werker-arnhem", lambda: case("trajecten/nieuw/"), then=submit_empty_form
    ),
    "traject-bijwerken": Screen("werker-arnhem", lambda: trajectory()),
    "contact-nieuw": Screen("werker-arnhem", lambda: trajectory("contact/")),
    "contact-nieuw-fouten": Screen(
        "werker-arnhem", lambda: trajectory("contact/"), then=submit_empty_form
    ),
    "inzageoverzicht": Screen("werker-arnhem", lambda: case("inzage/")),
    "dossier-wissen": Screen("werker-arnhem", lambda: case("wissen/")),
    "dossier-wissen-fouten": Screen(
        "werker-arnhem", lambda: case("wissen/"), then=submit_erase_unconfirmed
    ),
    "noodtoegang": Screen("beheer", lambda: case("noodtoegang/")),
    "noodtoegang-fouten": Screen(
        "beheer", lambda: case("noodtoegang/"), then=submit_break_glass_without_reason
    ),
    "audittrail": Screen("privacy-arnhem", lambda: f"/locaties/{arnhem()}/audittrail/"),
    "audittrail-gefilterd": Screen(
        "privacy-arnhem", lambda: f"/locaties/{arnhem()}/audittrail/?action=inzien"
    ),
    # The dashboard (dashboard/urls.py): every location for the coordinator, one for a leader.
    "dashboard": Screen("coordinator", lambda: "/dashboard/"),
    "dashboard-gefilterd": Screen(
        "coordinator", lambda: "/dashboard/?q=Gouda&status=actief&months=6&sort=-goals"
    ),
    "dashboard-geen-locaties": Screen("coordinator", lambda: "/dashboard/?status=afgerond"),
    "dashboard-locatie": Screen("coordinator", lambda: f"/dashboard/locaties/{gouda()}/?months=6"),
    "dashboard-projectleider": Screen("leider-gouda", lambda: "/dashboard/"),
    "dashboard-locatie-projectleider": Screen(
        "leider-gouda", lambda: f"/dashboard/locaties/{gouda()}/"
    ),
    "dashboard-geen-toegang": Screen("werker-gouda", lambda: "/dashboard/", status=403),
    # The embedding monitor (embedding/urls.py) and its dashboard pages.
    "borging-checklist": Screen("werker-gouda", lambda: "/borging/checklist/"),
    "borging-locatie": Screen("leider-gouda", lambda: borging("Gouda")),
    "borging-locatie-ver": Screen("coordinator", lambda: borging("Zutphen")),
    "borging-geschiedenis": Screen(
        "leider-gouda", lambda: borging("Gouda", "geschiedenis/?datum=2026-09-01")
    ),
    "borging-eigen": Screen("leider-gouda", lambda: borging("Gouda", "nieuw/")),
    "borging-eigen-fouten": Screen(
        "leider-gouda", lambda: borging("Gouda", "nieuw/"), then=submit_empty_form
    ),
    "borging-ronde": Screen("leider-gouda", lambda: borging("Gouda", "ronde/")),
    "borging-voorwaarde": Screen("leider-gouda", lambda: condition("Gouda", "steun-management")),
    "borging-voorwaarde-afgeleid": Screen(
        "coordinator", lambda: condition("Zutphen", "intervisie")
    ),
    "borging-bewerken": Screen(
        "leider-gouda", lambda: condition("Gouda", "vergoeding", "bewerken/")
    ),
    "borging-bewerken-fouten": Screen(
        "leider-gouda",
        lambda: condition("Gouda", "vergoeding", "bewerken/"),
        then=not_applicable_without_reason,
    ),
    "dashboard-borging": Screen("coordinator", lambda: "/dashboard/borging/"),
    "dashboard-borging-locatie": Screen(
        "leider-gouda", lambda: f"/dashboard/borging/locaties/{gouda()}/"
    ),
    # Group activities and intervision (activities/urls.py) and their dashboard page.
    "activiteiten-locatie": Screen("leider-gouda", lambda: f"/locaties/{gouda()}/activiteiten/"),
    "activiteiten-nieuw": Screen(
        "leider-gouda", lambda: f"/locaties/{gouda()}/activiteiten/nieuw/"
    ),
    "activiteiten-nieuw-fouten": Screen(
        "leider-gouda", lambda: f"/locaties/{gouda()}/activiteiten/nieuw/", then=submit_empty_form
    ),
    "activiteiten-activiteit": Screen(
        "werker-gouda", lambda: activity("Herstelgroep Korte Akkeren")
    ),
    "activiteiten-telling-fout": Screen(
        "werker-gouda", lambda: activity("Herstelgroep Korte Akkeren"), then=count_minus_three
    ),
    "activiteiten-bewerken": Screen(
        "werker-gouda", lambda: activity("Herstelgroep Korte Akkeren", "bewerken/")
    ),
    "activiteiten-bijeenkomst": Screen(
        "werker-gouda", lambda: past_meeting("Herstelgroep Korte Akkeren")
    ),
    "activiteiten-bewoner": Screen("werker-arnhem", lambda: case("activiteiten/")),
    "activiteiten-intervisie-mijn": Screen("ed-zutphen", lambda: "/intervisie/"),
    "activiteiten-intervisie-groep": Screen("ed-zutphen", lambda: intervision("Zutphen")),
    "activiteiten-intervisie-nieuw": Screen(
        "ed-zutphen",
        lambda: f"/locaties/{Location.objects.get(name='Zutphen').pk}/intervisie/nieuw/",
    ),
    "activiteiten-intervisie-bewerken": Screen(
        "trainer-zutphen", lambda: intervision("Zutphen", "bewerken/")
    ),
    "activiteiten-intervisie-bijeenkomst-nieuw": Screen(
        "trainer-zutphen", lambda: intervision("Zutphen", "bijeenkomst/nieuw/")
    ),
    "activiteiten-intervisie-bijeenkomst": Screen(
        "trainer-zutphen", lambda: group_meeting("Zutphen")
    ),
    "activiteiten-intervisie-overzicht": Screen("coordinator", lambda: "/intervisie/overzicht/"),
    "dashboard-activiteiten": Screen("coordinator", lambda: "/dashboard/activiteiten/"),
}
EMBEDDING_SCREENS = [name for name in SCREENS if "borging" in name]
ACTIVITY_SCREENS = [name for name in SCREENS if "activiteiten" in name]


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"        {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    skip = page.locator("body > a.skip-link").first
    expect(skip).to_have_attribute("href", "#inhoud")
    expect(skip).to_have_text("Naar de inhoud")
    expect(page.locator("main#inhoud")).to_have_count(1)
    violations = AXE.run(page).response["violations"]
    if violations:
        raise AssertionError(axe_report(violations))


def check_screens(
    page: Page, live_server, names: list[str], also: Callable[[Page], None] | None = None
) -> None:
    """Visit every screen and run axe on it (after `screen.then` and `also`); one failure at the
    end names every page with a problem, so a single run shows all of them."""
    failures = []
    for name in names:
        screen = SCREENS[name]
        response = page.goto(live_server.url + screen.path())
        for action in (screen.then, also):
            if action:
                action(page)
        try:
            assert response.status == screen.status, f"HTTP {response.status}"
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"--- {name} ({page.url})\n{error}")
    if failures:
        pytest.fail("\n".join(failures))


USERS = [
    None,
    "leider-gouda",
    "coordinator",
    "werker-gouda",
    "trainer-utrecht",
    "werker-arnhem",
    "leider-arnhem",
    "privacy-arnhem",
    "beheer",
    "leider-zutphen",
]


# One test per user: a log-in and the demo data cost more than axe itself, so the pages of one
# user share them. The failure message lists every page with its violations.
@pytest.mark.parametrize("user", USERS, ids=[user or "anoniem" for user in USERS])
def test_pages_have_no_axe_violations(demo, page: Page, live_server, user):
    names = [name for name, screen in SCREENS.items() if screen.user == user]
    assert names
    if user:
        login(page, live_server, user)
    check_screens(page, live_server, names)


def test_every_page_of_the_site_is_checked(demo):
    """Guard: a new page in the URLs of teams, plans, trainings, casework or the dashboard needs
    a row in SCREENS."""
    checked = {resolve(urlsplit(screen.path()).path).view_name for screen in SCREENS.values()}
    expected = (
        {"home", "login", "password_reset", "password_change"}
        | {f"teams:{pattern.name}" for pattern in teams.urls.urlpatterns}
        | {f"plans:{pattern.name}" for pattern in plans.urls.urlpatterns}
        | {f"trainings:{pattern.name}" for pattern in trainings.urls.urlpatterns}
        | {f"casework:{pattern.name}" for pattern in casework.urls.urlpatterns}
        | {f"dashboard:{pattern.name}" for pattern in dashboard.urls.urlpatterns}
        | {f"embedding:{pattern.name}" for pattern in embedding.urls.urlpatterns}
        | {f"activities:{pattern.name}" for pattern in activities.urls.urlpatterns}
    )
    # Not HTML, so nothing for axe: the PDF downloads (test_plan_journey.py checks the plan's
    # file), the calendar feeds (.ics), and the POST-only endpoints of the room, which answer
    # with a row swapped into the half-day's page ("dagdeel-*" screens) or a redirect to it;
    # a resident's export as JSON or PDF (a download, tests/casework checks its contents);
    # the idle time-out's POST-only keep-alive (204, no body); the dashboard's CSV and XLSX
    # (downloads, test_dashboard_journey.py opens both).
    expected -= {
        "teams:keep_alive",
        "teams:two_factor_backup_codes",  # POST: the page of "tweestaps-back-upcodes"
        "teams:two_factor_disable",  # POST: back to the status page
        "teams:two_factor_replace",  # POST: on to the set-up page
        "teams:lockout_release",  # POST: back to the lock-out page ("blokkades")
        "teams:invitation_resend",  # POST: back to the invitations ("uitnodigingen")
        "teams:invitation_revoke",
        "teams:calendar_link_revoke",  # POST: back to the calendar links ("agenda-links")
        "plans:plan_pdf",
        "trainings:certificate",
        "trainings:run_calendar",
        "trainings:trainer_calendar",
        "trainings:block_tick",
        "trainings:attendance_tick",
        "trainings:session_clock",
        "casework:resident_export",
        "casework:resident_export_pdf",
        "dashboard:export_csv",
        "dashboard:export_xlsx",
        "dashboard:embedding_csv",  # downloads, tests/embedding/test_dashboard.py opens both
        "dashboard:embedding_xlsx",
        "embedding:adopt",  # POST only: back to the location's page ("borging-locatie")
        "embedding:condition_plan_action",  # POST only: back to "borging-voorwaarde"
        "activities:headcount",  # POST only: the row in "activiteiten-telling-fout"
        "activities:calendar",  # .ics, tests/activities/test_calendar_and_pdf.py
        "activities:programme_pdf",  # a PDF, tests/activities/test_calendar_and_pdf.py
        "dashboard:activities_csv",  # downloads, tests/activities/test_dashboard.py
        "dashboard:activities_xlsx",
    }
    assert not expected - checked, f"no axe check for: {sorted(expected - checked)}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefoon", "desktop"])
def test_embedding_pages_have_no_axe_violations(demo, page: Page, live_server, viewport):
    """The embedding monitor's pages, on a phone and a desktop, as their users see them."""
    page.set_viewport_size(viewport)
    for user in sorted({SCREENS[name].user for name in EMBEDDING_SCREENS}):
        page.context.clear_cookies()
        login(page, live_server, user)
        names = [name for name in EMBEDDING_SCREENS if SCREENS[name].user == user]
        check_screens(page, live_server, names)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefoon", "desktop"])
def test_activities_pages_have_no_axe_violations(demo, page: Page, live_server, viewport):
    """The group activities and intervision pages, on a phone and a desktop."""
    page.set_viewport_size(viewport)
    for user in sorted({SCREENS[name].user for name in ACTIVITY_SCREENS}):
        page.context.clear_cookies()
        login(page, live_server, user)
        names = [name for name in ACTIVITY_SCREENS if SCREENS[name].user == user]
        check_screens(page, live_server, names)


def test_phone_layout_with_open_menu_has_no_axe_violations(demo, page: Page, live_server):
    """Stacked tables and the opened navbar and user menu on a 375 px screen."""
    page.set_viewport_size(PHONE)
    login(page, live_server, "leider-gouda")
    names = ["start-projectleider", "locaties", "locatie", "pool"]
    check_screens(page, live_server, names, also=open_user_menu)


def test_plan_pages_on_a_phone_have_no_axe_violations(demo, page: Page, live_server):
    """The plan's stacked tables (list, changes, actions) and the plan page on 375 px."""
    page.set_viewport_size(PHONE)
    login(page, live_server, "coordinator")
    names = ["plannen", "plan-vastgesteld", "plan-wijzigingen", "plan-acties-gefilterd"]
    check_screens(page, live_server, names)


@pytest.mark.parametrize(
    ("user", "names"),
    [
        ("trainer-utrecht", ["trainingen-trainer", "dagdeel-vandaag", "dagdeel-geen-verbinding"]),
        ("leider-gouda", ["training", "dagdeel-gehouden", "dagdeel-programma-te-lang"]),
    ],
    ids=["trainer-utrecht", "leider-gouda"],
)
def test_training_pages_on_a_phone_have_no_axe_violations(
    demo, page: Page, live_server, user, names
):
    """In the room is made for a phone: the tick rows, the clock and a failed tap on 375 px."""
    page.set_viewport_size(PHONE)
    login(page, live_server, user)
    check_screens(page, live_server, names)


def casework_screens(user: str) -> list[str]:
    """The casework pages (and the home page with its casework panel) of one user."""
    return [
        name
        for name, screen in SCREENS.items()
        if screen.user == user
        and (
            name == "start-sociaal-werker"
            or resolve(urlsplit(screen.path()).path).namespace == "casework"
        )
    ]


CASEWORK_USERS = ["werker-arnhem", "leider-arnhem", "privacy-arnhem", "beheer", "werker-gouda"]


@pytest.mark.parametrize("user", CASEWORK_USERS)
def test_casework_pages_on_a_phone_have_no_axe_violations(demo, page: Page, live_server, user):
    """The case pages on 375 px: stacked tables, forms with their errors, the documents."""
    page.set_viewport_size(PHONE)
    names = casework_screens(user)
    assert names
    login(page, live_server, user)
    check_screens(page, live_server, names)


def error_page_html(status: int) -> str:
    """handler500's two answers (teams/views/errors.py), rendered as it renders them."""
    request = RequestFactory().get("/")
    if status == 503:
        return errors.database_unavailable(request).content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        return errors.server_error(request).content.decode()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefoon", "desktop"])
@pytest.mark.parametrize("status", [500, 503])
def test_server_error_pages_have_no_axe_violations(
    transactional_db, page: Page, live_server, status, viewport
):
    """The 500 and 503 pages cannot be reached by a URL: the browser gets them from a route on
    the live server's address, so their stylesheets come from the live server as usual."""
    page.set_viewport_size(viewport)
    url = f"{live_server.url}/foutpagina-{status}/"
    body = error_page_html(status)
    page.route(url, lambda route: route.fulfill(status=status, body=body, content_type="text/html"))
    response = page.goto(url)
    assert response.status == status
    expect(page.locator("nav.navbar")).to_have_css("background-color", "rgb(29, 92, 99)")
    assert_accessible(page)


DASHBOARD_USERS = ["coordinator", "leider-gouda"]


@pytest.mark.parametrize("user", DASHBOARD_USERS)
def test_dashboard_pages_on_a_phone_have_no_axe_violations(demo, page: Page, live_server, user):
    """The dashboard on 375 px: the stacked table of locations, the filter, charts and tables."""
    page.set_viewport_size(PHONE)
    names = [
        name
        for name, screen in SCREENS.items()
        if screen.user == user and resolve(urlsplit(screen.path()).path).namespace == "dashboard"
    ]
    assert names
    login(page, live_server, user)
    check_screens(page, live_server, names)


def test_skip_link_is_first_and_moves_focus_to_the_content(demo, page: Page, live_server):
    login(page, live_server, "leider-gouda")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    main = page.locator("main#inhoud")
    expect(main).to_be_focused()
    # The content area itself gets no focus ring: it is a landmark, not a control.
    expect(main).to_have_css("box-shadow", "none")
    expect(main).to_have_css("outline-style", "none")


# WCAG 1.4.11 (non-text contrast, which axe does not check): the border that shows where a
# field is must stand out 3:1 against what is behind it. Bootstrap's default #dee2e6 is 1.3:1.
FIELD_BORDERS = """() => {
    const rgb = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
    const behind = (el) => {
        for (let node = el.parentElement; node; node = node.parentElement) {
            const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor);
            if (a > 0) return [r, g, b];
        }
        return [255, 255, 255];
    };
    const luminance = ([r, g, b]) => {
        const [R, G, B] = [r, g, b].map((c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const fields = [];
    for (const el of document.querySelectorAll(
        "main .form-check-input, main .form-control, main .form-select"
    )) {
        if (!el.getBoundingClientRect().width) continue;
        const l1 = luminance(rgb(getComputedStyle(el).borderTopColor));
        const l2 = luminance(behind(el));
        const tick = el.type === "checkbox" || el.type === "radio";
        fields.push({
            kind: tick ? el.type : el.tagName.toLowerCase(),
            field: el.outerHTML.slice(0, 80),
            ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
        });
    }
    return fields;
}"""


def test_form_field_borders_have_a_contrast_of_3_to_1(demo, page: Page, live_server):
    """Tick boxes, radio buttons, text fields and selects on the resident's sign-up form."""
    login(page, live_server, "werker-arnhem")
    page.goto(live_server.url + SCREENS["bewoner-aanmelden"].path())
    fields = page.evaluate(FIELD_BORDERS)
    assert {field["kind"] for field in fields} >= {"checkbox", "radio", "input", "select"}
    faint = [f"{f['field']}: {f['ratio']:.2f}:1" for f in fields if f["ratio"] < 3]
    assert not faint, "field borders under 3:1:\n" + "\n".join(faint)


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        element: el.outerHTML.slice(0, 80),
        isBody: el === document.body,
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
            && style.outlineColor !== "rgba(0, 0, 0, 0)",
    };
}"""


@pytest.mark.parametrize(
    "name", ["pool", "projectteam-bewerken", "dagdeel-gehouden", "dagdeel-programma"]
)
def test_keyboard_focus_is_visible_on_every_control(demo, page: Page, live_server, name):
    """WCAG 2.4.7: Bootstrap's own focus ring is faint (and missing on .btn-brand), so every
    control must show our outline when it is reached with Tab."""
    login(page, live_server, "leider-gouda")
    page.goto(live_server.url + SCREENS[name].path())
    invisible, seen = [], 0
    for _ in range(150):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["isBody"]:
            break
        seen += 1
        if not focus["outline"]:
            invisible.append(focus["element"])
    assert seen > 10
    assert not invisible, "no visible focus outline on:\n" + "\n".join(invisible)
