"""Hostile input on every casework form and POST endpoint, generated with Hypothesis and posted
through the views as the users who may use them (and some who may not).

Random Unicode, null bytes, 5000-character strings, invalid and extreme dates (year 1, 9999,
30 February, the future), missing and duplicated fields, ids of another location's residents,
people and organisations and ids beyond 64 bits. For every example:
- never a 500 (the test client raises the view's exception; the status is an expected one);
- every row of the casework models passes `full_clean()` and the rules the forms and services
  add on top (dates not in the future, partners of the location, lengths of encrypted text);
- a refused request (not a redirect) changes nothing at all;
- Zutphen's casework data never changes;
- HTML and script typed into a note, a request, a name or the urgent-situations agreement
  appear escaped on the case page.
Each example runs in a savepoint that is rolled back (as in tests/trainings).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from casework import services
from casework.constants import (
    ENDED_STATUSES,
    AuditAction,
    CollaborationForm,
    ConsentForm,
    ConsentPurpose,
    ContactKind,
    Outcome,
    ReferralSource,
    SupportKind,
    TrajectoryStatus,
)
from casework.forms import PHONE
from casework.models import (
    AnonymousTally,
    BreakGlassAccess,
    CaseAuditEvent,
    Consent,
    Contact,
    Resident,
    Trajectory,
    UrgentAgreement,
)
from teams.constants import Role
from teams.models import Neighbourhood, Organisation, Person
from tests.casework.factories import ContactFactory, casework_world, register, today
from tests.rollback import rolled_back
from tests.teams.factories import NeighbourhoodFactory
from tests.teams.test_hostile_input import HOSTILE, TEXT, hostile_post, ids, post_data

pytestmark = pytest.mark.django_db

MODELS = (
    Resident,
    Consent,
    Trajectory,
    Contact,
    AnonymousTally,
    CaseAuditEvent,
    BreakGlassAccess,
    UrgentAgreement,
)
HUGE = [2**63, 2**70, 10**30]
# What a user may type that a page shows: each must come back escaped.
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    '<b onmouseover="steal()">vet</b>',
    '"><img src=x onerror=alert(1)>',
    "<a href='javascript:alert(1)'>klik</a>",
    "</textarea><script>x()</script>",
    "&lt;al ontsnapt&gt; <i>schuin</i>",
]
HTML = st.sampled_from(HTML_PAYLOADS)
# Text that looks like our own ciphertext marker, or is one.
CIPHER_LIKE = st.sampled_from(["fernet:", "fernet:abc", "fernet:gAAAAABk-niet-echt", " fernet:x"])
NOTE = st.one_of(TEXT, HTML, CIPHER_LIKE)


def typed(max_size: int, min_size: int = 0) -> st.SearchStrategy:
    """What a user may plausibly type in a free-text field."""
    return st.one_of(st.text(min_size=min_size, max_size=max_size), HTML, CIPHER_LIKE)


def days_ago(n: int) -> str:
    return (today() - datetime.timedelta(days=n)).isoformat()


RECENT = st.integers(0, 50).map(days_ago)
FUTURE = st.integers(1, 3000).map(lambda n: (today() + datetime.timedelta(days=n)).isoformat())
DATES = st.one_of(
    RECENT,
    FUTURE,
    st.dates().map(str),  # year 1 to 9999
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "0000-00-00",
            "31-12-9999",
            "30-02-2024",
            "2024-02-29T10:00",
            "1-1-1",
            "-2024-01-01",
            "99999-01-01",
        ]
    ),
    TEXT,
)


def mostly(good: Any, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Three times in four `good` (a value or a strategy), else something from `bad`."""
    good = good if isinstance(good, st.SearchStrategy) else st.just(good)
    return st.sampled_from([True, True, True, False]).flatmap(lambda ok: good if ok else bad)


@st.composite
def hostile(draw, valid: dict[str, st.SearchStrategy], bad: dict | None = None) -> dict:
    """Half the time a plausible post (its free text may still be long, HTML or look like
    ciphertext), else `hostile_post` (fields replaced by junk or left out). Either may send a
    field twice: a plausible post with a second plausible value, a hostile one with junk."""
    plausible = draw(st.booleans(), label="plausible")
    post = draw(st.fixed_dictionaries(valid) if plausible else hostile_post(valid, bad))
    present = sorted(name for name, value in post.items() if value is not None)
    twice = draw(st.sets(st.sampled_from(present), max_size=2)) if present else set()
    for name in sorted(twice):
        value = post[name]
        if isinstance(value, list):  # a multiple choice: one of its values twice
            if value:
                post[name] = [*value, draw(st.sampled_from(value), label=f"{name} twice")]
            continue
        second = valid[name] if plausible else st.one_of(TEXT, DATES)
        post[name] = [value, draw(second, label=f"{name} twice")]
    return post


# --- the world ---------------------------------------------------------------------------------


class Setup:
    """Gouda's file (casework_world, backdated 60 days), a second Gouda file, Zutphen's file
    with a contact, a tally and an agreement; ids of everything, both locations."""

    def __init__(self, world):
        casework_world(world)
        self.world = world
        Trajectory.objects.filter(pk=world.trajectory.pk).update(started_on=days_ago(60))
        Consent.objects.filter(resident=world.resident).update(given_on=days_ago(60))
        world.trajectory.refresh_from_db()
        self.resident, self.trajectory = world.resident, world.trajectory
        self.second, self.second_trajectory = register(world.gouda, name="Kees")
        self.other, self.other_trajectory = register(world.zutphen, name="Piet")
        ContactFactory(trajectory=self.other_trajectory, date=today())
        NeighbourhoodFactory(location=world.gouda.location, name="Korte Akkeren")
        NeighbourhoodFactory(location=world.zutphen.location, name="De Hoven")
        services.tally_anonymous_contact(
            location=world.zutphen.location, date=today(), kind="groep"
        )
        services.urgent_agreement_save(
            location=world.zutphen.location, text="Bel 112.", actor=world.zutphen.leader
        )
        self.people = list(Person.objects.values_list("pk", flat=True))
        self.organisations = list(Organisation.objects.values_list("pk", flat=True))
        self.neighbourhoods = list(Neighbourhood.objects.values_list("pk", flat=True))
        self.residents = list(Resident.objects.values_list("pk", flat=True))
        self.consents = list(Consent.objects.values_list("pk", flat=True))
        self.trajectories = list(Trajectory.objects.values_list("pk", flat=True))
        self.gouda_trajectories = set(
            Trajectory.objects.filter(resident__location=world.gouda.location).values_list(
                "resident_id", "pk"
            )
        )
        self.zutphen_before = zutphen_state(world)
        assert_every_row_valid()

    def trajectory_targets(self) -> st.SearchStrategy:
        """(resident, trajectory) in the address: mostly Gouda's file and its trajectory."""
        return mostly(
            (self.resident.pk, self.trajectory.pk),
            st.tuples(st.sampled_from(self.residents), self.path_ids(self.trajectories)),
        )

    def path_ids(self, known: list[int]) -> st.SearchStrategy:
        """An id in the address: a known one (either location) or one that does not exist."""
        return st.one_of(st.sampled_from(known), st.sampled_from(HUGE), st.integers(0, 2**80))


@pytest.fixture
def setup(world):
    return Setup(world)


def zutphen_state(world) -> list:
    location = world.zutphen.location
    return [
        list(Resident.objects.filter(location=location).order_by("pk").values()),
        list(Consent.objects.filter(resident__location=location).order_by("pk").values()),
        list(Trajectory.objects.filter(resident__location=location).order_by("pk").values()),
        list(
            Contact.objects.filter(trajectory__resident__location=location).order_by("pk").values()
        ),
        list(AnonymousTally.objects.filter(location=location).order_by("pk").values()),
        list(UrgentAgreement.objects.filter(location=location).values()),
        list(CaseAuditEvent.objects.filter(location=location).order_by("pk").values()),
        list(BreakGlassAccess.objects.filter(resident__location=location).values()),
    ]


def everything() -> list:
    """Every row, but the read events: a form shown again with its errors shows the file, and
    that read is logged (test_read_events.py)."""
    return [
        list(
            model.objects.exclude(action=AuditAction.READ).order_by("pk").values()
            if model is CaseAuditEvent
            else model.objects.order_by("pk").values()
        )
        for model in MODELS
    ]


# --- the rules every row keeps ------------------------------------------------------------------


def works_at(person_id: int, location: Any, role: str) -> bool:
    return Person.objects.working_at(location, role).filter(pk=person_id).exists()


def short_text(value: str, max_length: int, *, required: bool = False) -> None:
    """Encrypted text: full_clean() does not check its length (a TextField), the forms do."""
    assert len(value) <= max_length, len(value)
    assert "\x00" not in value
    if required:
        assert value.strip(), repr(value)


def assert_row_valid(obj: Any) -> None:
    obj.full_clean()
    now = today()
    if isinstance(obj, Resident):
        short_text(obj.name, 100, required=True)
        assert obj.phone == "" or PHONE.match(obj.phone), obj.phone
        short_text(obj.email, 254)
        assert set(obj.support_kinds) <= set(SupportKind.values)
        assert len(set(obj.support_kinds)) == len(obj.support_kinds), obj.support_kinds
        assert obj.neighbourhood is None or obj.neighbourhood.location_id == obj.location_id
        assert obj.location.organisations.filter(pk=obj.recorded_by_organisation_id).exists()
        record = obj.consents.active().filter(purpose=ConsentPurpose.RECORD)
        assert record.count() == 1, "a file without (or with two) consents to record"
    elif isinstance(obj, Consent):
        assert obj.given_on <= now
        assert obj.withdrawn_on is None or obj.given_on <= obj.withdrawn_on <= now
        assert obj.review_on is None or obj.review_on >= obj.given_on
        short_text(obj.third_party, 200)
        if obj.purpose in services.RECIPIENT_KINDS:
            partners = obj.resident.location.organisations
            assert partners.filter(pk=obj.recipient_organisation_id).exists()
        else:
            assert obj.recipient_organisation_id is None
        if obj.purpose == ConsentPurpose.SHARE_THIRD:
            assert obj.third_party.strip()
        elif obj.withdrawn_on is None:
            twins = Consent.objects.active().filter(
                resident=obj.resident_id,
                purpose=obj.purpose,
                recipient_organisation=obj.recipient_organisation_id,
            )
            assert twins.count() == 1, "the same consent twice"
    elif isinstance(obj, Trajectory):
        location = obj.resident.location
        assert works_at(obj.expert_id, location, Role.EXPERT)
        assert works_at(obj.social_worker_id, location, Role.SOCIAL_WORKER)
        assert obj.started_on <= now
        short_text(obj.request, 2000, required=True)
        short_text(obj.goals, 2000)
        short_text(obj.outcome_note, 2000)
        if obj.status in ENDED_STATUSES:
            assert obj.ended_on is not None and obj.started_on <= obj.ended_on <= now
        else:
            assert obj.ended_on is None
    elif isinstance(obj, Contact):
        assert obj.trajectory.started_on <= obj.date <= now
        assert obj.author_id in obj.trajectory.partner_ids
        assert obj.with_expert or obj.with_social_worker
        short_text(obj.note, 2000)
        short_text(obj.next_step, 500)
    elif isinstance(obj, AnonymousTally):
        assert obj.month.day == 1 and obj.month <= now
    elif isinstance(obj, UrgentAgreement):
        assert obj.text == obj.text.strip() and obj.text and len(obj.text) <= 4000
        assert obj.crisis_phone == "" or PHONE.match(obj.crisis_phone)
    elif isinstance(obj, BreakGlassAccess):
        assert 10 <= len(obj.reason.strip()) <= 500


def assert_every_row_valid() -> None:
    for model in MODELS:
        for obj in model.objects.all():
            assert_row_valid(obj)


def check(client, setup, url, data, allowed=frozenset({200, 302, 403, 404}), method="post"):
    """Send the request in a rolled-back savepoint and check the world; returns the response
    (still inside the savepoint: `then` runs there too)."""
    before = everything()
    response = getattr(client, method)(url, post_data(data) if method == "post" else data)
    assert response.status_code in allowed, (response.status_code, data)
    assert_every_row_valid()
    if response.status_code != 302 and method == "post":
        assert everything() == before, "a refused request changed something"
    assert zutphen_state(setup.world) == setup.zutphen_before
    return response


def assert_escaped(html: str, *typed: Any) -> None:
    """Each HTML payload typed is on the page as text, never as markup. (A field posted
    twice: the form reads the last value.)"""
    for value in map(as_str, typed):
        if value in HTML_PAYLOADS:
            assert value not in html, value
            assert escape(value) in html, value


def case_page(client, resident_pk: int) -> str:
    """The case page after a write: it renders whatever was saved (extreme dates, long text),
    and so do the consent receipt and the JSON export."""
    pages = ("resident_detail", "consent_receipt", "resident_export")
    responses = [client.get(reverse(f"casework:{name}", args=[resident_pk])) for name in pages]
    assert [response.status_code for response in responses] == [200, 200, 200]
    return responses[0].content.decode()


def as_str(value: Any) -> Any:
    return value[-1] if isinstance(value, list) else value


# --- registering and counting -------------------------------------------------------------------


def test_resident_register(world, client, setup):
    client.force_login(world.gouda.worker)
    gouda_orgs = [world.gouda.recovery_org.pk, world.gouda.team_org.pk]

    @HOSTILE
    @given(
        location=mostly(world.gouda.location.pk, st.just(world.zutphen.location.pk)),
        data=hostile(
            {
                "name": typed(100, 1),
                "phone": st.sampled_from(["", "06-12345678", "+31 (0)6 1234 5678"]),
                "email": st.one_of(st.just(""), st.emails()),
                "neighbourhood": st.sampled_from(["", *map(str, setup.neighbourhoods)]),
                "support_kinds": st.lists(st.sampled_from(SupportKind.values), max_size=5),
                "organisation": st.sampled_from(list(map(str, gouda_orgs))),
                "consent_given_as": st.sampled_from(ConsentForm.values),
                "consent_given_on": RECENT,
                "consent_review_on": st.one_of(st.just(""), FUTURE),
                "consent_confirmed": st.just("on"),
            },
            {
                "name": NOTE,
                "phone": TEXT,
                "neighbourhood": ids(setup.neighbourhoods),
                "support_kinds": st.lists(st.one_of(TEXT, st.sampled_from(SupportKind.values))),
                "organisation": ids(setup.organisations),
                "consent_given_on": DATES,
                "consent_review_on": DATES,
            },
        ),
    )
    def run(location, data):
        url = reverse("casework:resident_create", args=[location])
        with rolled_back():
            response = check(client, setup, url, data)
            if location == world.zutphen.location.pk:
                assert response.status_code == 404
            if response.status_code == 302:
                assert_escaped(case_page(client, Resident.objects.latest("pk").pk), data["name"])

    run()


def test_tally(world, client, setup):
    @HOSTILE
    @given(
        user=st.sampled_from([world.gouda.worker, world.gouda.expert]),
        location=mostly(world.gouda.location.pk, st.just(world.zutphen.location.pk)),
        data=hostile(
            {
                "date": RECENT,
                "kind": st.sampled_from(ContactKind.values),
                "form": st.sampled_from(["", *CollaborationForm.values]),
            },
            {"date": DATES, "count": st.integers().map(str)},
        ),
    )
    def run(user, location, data):
        client.force_login(user)
        with rolled_back():
            response = check(client, setup, reverse("casework:tally_create", args=[location]), data)
            if response.status_code == 302:
                assert client.get(reverse("casework:case_list")).status_code == 200

    run()


# --- consents -----------------------------------------------------------------------------------


def test_consent_create(world, client, setup):
    client.force_login(world.gouda.worker)

    @HOSTILE
    @given(
        resident=mostly(
            st.sampled_from([setup.resident.pk, setup.second.pk]), st.just(setup.other.pk)
        ),
        data=hostile(
            {
                "purpose": st.sampled_from([p for p in ConsentPurpose.values if p != "vastleggen"]),
                "recipient_organisation": st.sampled_from(["", *map(str, setup.organisations)]),
                "third_party": typed(200),
                "given_as": st.sampled_from(ConsentForm.values),
                "given_on": RECENT,
                "review_on": st.one_of(st.just(""), FUTURE),
            },
            {
                "purpose": st.just(ConsentPurpose.RECORD),
                "recipient_organisation": ids(setup.organisations),
                "third_party": NOTE,
                "given_on": DATES,
                "review_on": DATES,
            },
        ),
    )
    def run(resident, data):
        url = reverse("casework:consent_create", args=[resident])
        with rolled_back():
            response = check(client, setup, url, data)
            if resident == setup.other.pk:
                assert response.status_code == 404
            if response.status_code == 302:
                html = case_page(client, resident)
                if as_str(data["purpose"]) == ConsentPurpose.SHARE_THIRD:
                    assert_escaped(html, data["third_party"])

    run()


def test_consent_withdraw(world, client, setup):
    @HOSTILE
    @given(
        user=st.sampled_from([world.gouda.worker, world.gouda.expert]),
        target=mostly(
            st.sampled_from(
                [(c.resident_id, c.pk) for c in Consent.objects.exclude(resident=setup.other)]
            ),
            st.tuples(st.sampled_from(setup.residents), setup.path_ids(setup.consents)),
        ),
        data=hostile(
            {
                "withdrawn_on": st.one_of(RECENT, st.just(days_ago(0))),
                "understood": st.sampled_from(["on", None]),
            },
            {"withdrawn_on": DATES, "understood": TEXT},
        ),
    )
    def run(user, target, data):
        client.force_login(user)
        resident, consent = target
        url = reverse("casework:consent_withdraw", args=[resident, consent])
        with rolled_back():
            response = check(client, setup, url, data)
            if resident == setup.other.pk or consent not in setup.consents:
                assert response.status_code == 404
            if response.status_code == 302:
                assert client.get(response["Location"]).status_code == 200

    run()


# --- trajectories and contacts ------------------------------------------------------------------


def test_trajectory_create(world, client, setup):
    client.force_login(world.gouda.worker)
    gouda, zutphen = world.gouda, world.zutphen

    @HOSTILE
    @given(
        resident=mostly(setup.resident.pk, st.just(setup.other.pk)),
        data=hostile(
            {
                "form": st.sampled_from(CollaborationForm.values),
                "expert": st.just(str(gouda.expert.person.pk)),
                "social_worker": st.just(str(gouda.worker.person.pk)),
                "referral_source": st.sampled_from(ReferralSource.values),
                "request": typed(2000, 1),
                "goals": typed(2000),
                "started_on": RECENT,
            },
            {
                "expert": st.sampled_from(
                    [str(p.person.pk) for p in (zutphen.expert, gouda.worker, gouda.leader)]
                )
                | ids(setup.people),
                "social_worker": ids(setup.people),
                "request": NOTE,
                "goals": NOTE,
                "started_on": DATES,
            },
        ),
    )
    def run(resident, data):
        url = reverse("casework:trajectory_create", args=[resident])
        with rolled_back():
            response = check(client, setup, url, data)
            if response.status_code == 302:
                assert_escaped(case_page(client, resident), data["request"], data["goals"])

    run()


def test_trajectory_edit(world, client, setup):
    @HOSTILE
    @given(
        user=st.sampled_from([world.gouda.worker, world.gouda.expert]),
        target=setup.trajectory_targets(),
        data=hostile(
            {
                "status": st.sampled_from(TrajectoryStatus.values),
                "ended_on": st.one_of(st.just(""), RECENT),
                "outcome": st.sampled_from(["", *Outcome.values]),
                "outcome_note": typed(2000),
                "goals": typed(2000),
            },
            {"ended_on": DATES, "outcome_note": NOTE, "goals": NOTE},
        ),
    )
    def run(user, target, data):
        client.force_login(user)
        resident, trajectory = target
        url = reverse("casework:trajectory_edit", args=[resident, trajectory])
        with rolled_back():
            response = check(client, setup, url, data)
            if target not in setup.gouda_trajectories:
                assert response.status_code == 404
            if response.status_code == 302:
                assert_escaped(case_page(client, resident), data["outcome_note"], data["goals"])

    run()


def test_contact_create(world, client, setup):
    @HOSTILE
    @given(
        user=st.sampled_from([world.gouda.worker, world.gouda.expert]),
        target=setup.trajectory_targets(),
        data=hostile(
            {
                "date": RECENT,
                "kind": st.sampled_from(ContactKind.values),
                "with_expert": st.sampled_from(["on", None]),
                "with_social_worker": st.sampled_from(["on", None]),
                "note": typed(2000),
                "next_step": typed(500),
            },
            {"date": DATES, "note": NOTE, "next_step": NOTE, "kind": st.just("<script>")},
        ),
    )
    def run(user, target, data):
        client.force_login(user)
        resident, trajectory = target
        url = reverse("casework:contact_create", args=[resident, trajectory])
        with rolled_back():
            response = check(client, setup, url, data)
            if target not in setup.gouda_trajectories:
                assert response.status_code == 404
            if response.status_code == 302:
                assert_escaped(case_page(client, resident), data["note"], data["next_step"])

    run()


# --- the location's agreement on urgent situations ----------------------------------------------


def test_urgent_agreement(world, client, setup):
    @HOSTILE
    @given(
        location=mostly(world.gouda.location.pk, st.just(world.zutphen.location.pk)),
        data=hostile(
            {
                "text": typed(4000, 1),
                "crisis_phone": st.sampled_from(["", "0900-1450", "+31 88 123 45 67"]),
            },
            {"text": NOTE, "crisis_phone": st.one_of(TEXT, HTML)},
        ),
    )
    def run(location, data):
        client.force_login(world.gouda.leader)
        url = reverse("casework:urgent_agreement_edit", args=[location])
        with rolled_back():
            response = check(client, setup, url, data)
            if location == world.zutphen.location.pk:
                assert response.status_code == 404
            if response.status_code == 302:
                assert UrgentAgreement.objects.get(location=world.gouda.location)
                client.force_login(world.gouda.worker)
                assert_escaped(case_page(client, setup.resident.pk), as_str(data["text"]))

    run()


# --- the AVG duties: erasure, break-glass, the export's format ----------------------------------


def test_erase(world, client, setup):
    @HOSTILE
    @given(
        user=mostly(
            st.sampled_from([world.gouda.worker, world.gouda.expert]), st.just(world.gouda.leader)
        ),
        resident=mostly(
            st.sampled_from([setup.resident.pk, setup.second.pk]), setup.path_ids(setup.residents)
        ),
        data=hostile(
            {
                "reason": st.sampled_from(["verzoek", "klaar", "vergissing"]),
                "confirm": st.sampled_from(["on", None]),
            },
            {"reason": TEXT},
        ),
    )
    def run(user, resident, data):
        client.force_login(user)
        url = reverse("casework:resident_erase", args=[resident])
        with rolled_back():
            response = check(client, setup, url, data)
            if resident == setup.other.pk or user == world.gouda.leader:
                assert response.status_code == 404
            if response.status_code == 302:
                assert not Resident.objects.filter(pk=resident).exists()

    run()


def test_break_glass(world, client, setup):
    @HOSTILE
    @given(
        user=mostly(world.admin, st.sampled_from([world.gouda.leader, world.gouda.privacy])),
        resident=mostly(
            st.sampled_from([setup.resident.pk, setup.second.pk]),
            st.one_of(st.sampled_from(HUGE), st.integers(max(setup.residents) + 1, 2**80)),
        ),
        data=hostile({"reason": st.text(min_size=10, max_size=500)}, {"reason": NOTE}),
    )
    def run(user, resident, data):
        client.force_login(user)
        url = reverse("casework:break_glass", args=[resident])
        with rolled_back():
            response = check(client, setup, url, data)
            if user != world.admin:
                assert response.status_code == 404
            if response.status_code == 302:
                assert client.get(response["Location"]).status_code == 200

    run()


def test_export_format(world, client, setup):
    @HOSTILE
    @given(
        user=mostly(
            st.sampled_from([world.gouda.worker, world.gouda.expert]), st.just(world.zutphen.worker)
        ),
        query=hostile(
            {"formaat": st.sampled_from(["json", "pdf"])},
            {"formaat": st.sampled_from(["JSON", "", " json", "pdf\x00", "json;pdf"])},
        ),
    )
    def run(user, query):
        client.force_login(user)
        url = reverse("casework:resident_export", args=[setup.resident.pk])
        with rolled_back():
            response = check(client, setup, url, post_data(query), {200, 302, 404}, "get")
            if user == world.zutphen.worker:
                assert response.status_code == 404
            elif response.status_code == 200:
                assert response["Content-Type"].startswith("application/json")

    run()


# --- pinned: inputs that once crashed or saved a bad row ----------------------------------------


@pytest.mark.parametrize(
    ("name", "field", "data"),
    [
        ("contact_create", "note", {"note": "fernet:abc"}),
        ("contact_create", "next_step", {"next_step": "fernet:gAAAAABk"}),
        ("consent_create", "third_party", {"third_party": " fernet:x"}),
        ("trajectory_create", "request", {"request": "fernet:"}),
        ("trajectory_edit", "outcome_note", {"outcome_note": "fernet:x"}),
    ],
)
def test_text_that_looks_like_our_ciphertext_is_refused_not_a_500(setup, client, name, field, data):
    """Was a 500: `full_clean()` took "fernet:…" for ciphertext and failed to decrypt it."""
    world = setup.world
    client.force_login(world.gouda.worker)
    base = {
        "contact_create": {"date": days_ago(1), "kind": "huisbezoek", "with_expert": "on"},
        "consent_create": {
            "purpose": ConsentPurpose.SHARE_THIRD,
            "given_as": "mondeling",
            "given_on": days_ago(1),
        },
        "trajectory_create": {
            "form": "tandem",
            "expert": world.gouda.expert.person.pk,
            "social_worker": world.gouda.worker.person.pk,
            "referral_source": "zelf",
            "started_on": days_ago(1),
        },
        "trajectory_edit": {"status": "loopt"},
    }[name]
    args = [setup.resident.pk]
    if name in ("contact_create", "trajectory_edit"):
        args.append(setup.trajectory.pk)
    before = everything()
    response = client.post(reverse(f"casework:{name}", args=args), {**base, **data})
    assert response.status_code == 200
    assert "Begin de tekst niet met" in response.context["form"].errors[field][0]
    assert everything() == before


def test_a_registration_with_the_ciphertext_marker_as_name_is_refused(setup, client):
    client.force_login(setup.world.gouda.worker)
    url = reverse("casework:resident_create", args=[setup.world.gouda.location.pk])
    data = {
        "name": "fernet:Anna",
        "consent_given_as": "mondeling",
        "consent_given_on": days_ago(0),
        "consent_confirmed": "on",
        "organisation": setup.world.gouda.team_org.pk,
    }
    count = Resident.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Resident.objects.count() == count
    response = client.post(url, {**data, "name": "Anna fernet:"})  # only the start matters
    assert response.status_code == 302


def test_a_kind_of_support_posted_twice_is_saved_once(setup, client):
    """Was saved twice (and shown twice on the case page)."""
    client.force_login(setup.world.gouda.worker)
    url = reverse("casework:resident_create", args=[setup.world.gouda.location.pk])
    response = client.post(
        url,
        {
            "name": "Anna",
            "support_kinds": ["praktisch", "luisterend_oor", "praktisch"],
            "consent_given_as": "mondeling",
            "consent_given_on": days_ago(0),
            "consent_confirmed": "on",
            "organisation": setup.world.gouda.team_org.pk,
        },
    )
    assert response.status_code == 302
    assert Resident.objects.latest("pk").support_kinds == ["praktisch", "luisterend_oor"]
