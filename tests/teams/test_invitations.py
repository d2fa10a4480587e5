"""Invitations (issue 18): a project leader invites someone by e-mail to a role at their
location; the link works once and expires; resend, revoke; an existing account is linked."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingMail
from teams import invitations
from teams.constants import InvitationStatus, Role
from teams.models import Invitation, Membership, Person, User
from teams.views.invitations import SESSION_KEY
from tests.teams.factories import PersonFactory

PASSWORD = "Zonnebloem-Kade-1987"
LINK = re.compile(r"https?://\S+/uitnodiging/([A-Za-z0-9_\-]+)/")


def list_url(world) -> str:
    return reverse("teams:invitation_list", args=[world.gouda.location.pk])


def invite(client, world, **overrides) -> object:
    data = {
        "given_name": "Sanne",
        "family_name": "de Wit",
        "email": "sanne@voorbeeld.invalid",
        "role": Role.EXPERT,
        "organisation": world.gouda.recovery_org.pk,
        "language": "nl",
        **overrides,
    }
    return client.post(list_url(world), data)


def token_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def account(username: str, password1: str, password2: str) -> dict[str, str]:
    return {"username": username, "password1": password1, "password2": password2}


def accept_url() -> str:
    return reverse("teams:invitation_accept_page")


def open_link(client, token):
    return client.get(reverse("teams:invitation_accept", args=[token]))


@pytest.fixture
def sent(world, client, mailoutbox):
    """Gouda's leader has invited Sanne (no account yet); the link's token."""
    client.force_login(world.gouda.leader)
    response = invite(client, world)
    assert response.status_code == 302
    client.logout()
    assert len(mailoutbox) == 1
    return token_in(mailoutbox[0])


# --- Sending -----------------------------------------------------------------------------------


def test_the_leader_invites_and_the_mail_has_a_single_link(world, client, mailoutbox):
    client.force_login(world.gouda.leader)
    response = invite(client, world)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.OPEN
    assert invitation.invited_by == world.gouda.leader
    message = mailoutbox[0]
    assert message.to == ["sanne@voorbeeld.invalid"]
    assert "Gouda" in message.subject
    token = token_in(message)
    assert token not in invitation.token_hash  # only the hash is stored
    assert invitation.token_hash == invitations.token_hash(token)
    page = client.get(list_url(world)).content.decode()
    assert "sanne@voorbeeld.invalid" in page
    assert "Open" in page


def test_the_mail_goes_through_the_outbox(world, client, settings):
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    client.force_login(world.gouda.leader)
    with TestCase.captureOnCommitCallbacks(execute=True):
        invite(client, world)
    queued = OutgoingMail.objects.get()
    assert queued.status == OutgoingMail.Status.SENT
    assert mail.outbox[0].to == ["sanne@voorbeeld.invalid"]


def test_the_mail_is_in_the_chosen_language(world, client, mailoutbox):
    client.force_login(world.gouda.leader)
    invite(client, world, language="en")
    message = mailoutbox[0]
    assert message.subject == "Invitation to Wijkkracht in Gouda"
    assert "The link works once" in message.body


def test_an_existing_account_gets_the_mail_in_its_own_language(world, client, mailoutbox):
    zutphen_expert = world.zutphen.expert
    zutphen_expert.language = "en"
    zutphen_expert.save()
    client.force_login(world.gouda.leader)
    invite(client, world, email=zutphen_expert.person.email, language="nl")
    invitation = Invitation.objects.get()
    assert invitation.person == zutphen_expert.person
    assert invitation.language == "en"
    assert "log in with your user name" in mailoutbox[0].body.lower()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": "geen-adres"}, "email", "Voer een geldig e-mailadres in."),
        ({"given_name": "   "}, "given_name", "Dit veld is verplicht."),
        ({"family_name": "de\x07Wit"}, "family_name", "tekens die niet zijn toegestaan"),
        ({"role": Role.COORDINATOR}, "role", "Selecteer een geldige keuze."),
        ({"role": Role.PRIVACY_OFFICER}, "role", "Selecteer een geldige keuze."),
        ({"language": "de"}, "language", "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_stays(
    world, client, mailoutbox, overrides, field, message
):
    client.force_login(world.gouda.leader)
    response = invite(client, world, **overrides)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'value="sanne@voorbeeld.invalid"' in response.content.decode() or field == "email"
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_only_a_beheerder_invites_a_privacy_officer(world, client, mailoutbox):
    client.force_login(world.admin)
    assert invite(client, world, role=Role.PRIVACY_OFFICER).status_code == 302
    assert Invitation.objects.get().role == Role.PRIVACY_OFFICER


def test_a_second_open_invitation_to_the_same_address_is_refused(world, client, mailoutbox):
    client.force_login(world.gouda.leader)
    invite(client, world)
    response = invite(client, world, email="SANNE@voorbeeld.invalid")
    assert response.status_code == 200
    assert "al een open uitnodiging" in response.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_list_shows_only_this_locations_invitations(world, client, mailoutbox):
    client.force_login(world.zutphen.leader)
    client.post(
        reverse("teams:invitation_list", args=[world.zutphen.location.pk]),
        {
            "given_name": "Piet",
            "family_name": "Zutphen",
            "email": "piet@voorbeeld.invalid",
            "role": Role.TRAINER,
            "language": "nl",
        },
        follow=True,  # the message with the address is shown here
    )
    client.force_login(world.gouda.leader)
    assert "piet@voorbeeld.invalid" not in client.get(list_url(world)).content.decode()


# --- Accepting with a new account ---------------------------------------------------------------


def test_accepting_makes_the_account_logs_in_and_lands_home(world, client, sent):
    response = open_link(client, sent)
    assert response.status_code == 302 and response["Location"] == accept_url()
    assert sent not in response["Location"]  # the token leaves the address bar
    page = client.get(accept_url())
    assert page.status_code == 200
    assert "Gouda" in page.content.decode()
    response = client.post(
        accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(username="sanne")
    assert user.check_password(PASSWORD)
    assert user.person.full_name == "Sanne de Wit"
    assert user.person.email == "sanne@voorbeeld.invalid"
    assert Membership.objects.get(person=user.person).role == Role.EXPERT
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    home = client.get(reverse("home"))
    assert home.status_code == 200 and home.wsgi_request.user == user
    assert SESSION_KEY not in client.session


def test_a_role_that_needs_two_factor_goes_to_the_set_up_at_once(world, client, settings, sent):
    settings.TWO_FACTOR_REQUIRED = True
    open_link(client, sent)
    response = client.post(
        accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response["Location"].startswith(reverse("teams:two_factor_setup"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("teams:two_factor_setup"))


def test_the_link_works_once(world, client, sent):
    open_link(client, sent)
    client.post(accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = open_link(client, sent)
    assert response.status_code == 410
    assert "al aangenomen" in response.content.decode()
    assert User.objects.filter(person__email="sanne@voorbeeld.invalid").count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (account("sanne", "kort", "kort"), "te kort"),
        (account("sanne", PASSWORD, PASSWORD + "x"), "niet overeen"),
        (account("Projectleider-Gouda", PASSWORD, PASSWORD), "bestaat al"),
        (account("san ne", PASSWORD, PASSWORD), "geldige gebruikersnaam"),
    ],
)
def test_a_bad_account_form_saves_nothing_and_keeps_the_user_name(
    world, client, sent, data, message
):
    open_link(client, sent)
    response = client.post(accept_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{data["username"]}"' in html
    assert not User.objects.filter(email="sanne@voorbeeld.invalid").exists()
    assert Invitation.objects.get().status == InvitationStatus.OPEN


def test_an_unknown_link_is_a_404_with_a_way_on(client, db):
    response = open_link(client, "niet-bestaand-token")
    assert response.status_code == 404
    assert "vraag uw projectleider" in response.content.decode()
    assert client.get(accept_url()).status_code == 404  # nothing in the session


def test_an_expired_link_says_so_and_a_resend_gives_a_new_one(world, client, mailoutbox, sent):
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = open_link(client, sent)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    client.force_login(world.gouda.leader)
    assert "Verlopen" in client.get(list_url(world)).content.decode()
    client.post(reverse("teams:invitation_resend", args=[invitation.pk]))
    client.logout()
    new = token_in(mailoutbox[-1])
    assert new != sent
    assert open_link(client, sent).status_code == 404  # the old link no longer works
    assert open_link(client, new).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.OPEN and invitation.send_count == 2


def test_a_revoked_link_no_longer_works(world, client, sent):
    invitation = Invitation.objects.get()
    client.force_login(world.gouda.leader)
    response = client.post(reverse("teams:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    client.logout()
    response = open_link(client, sent)
    assert response.status_code == 410 and "ingetrokken" in response.content.decode()
    client.force_login(world.gouda.leader)
    client.post(reverse("teams:invitation_resend", args=[invitation.pk]))
    assert Invitation.objects.get().send_count == 1  # a revoked one is not sent again


def test_revoking_after_the_link_was_opened_stops_the_form(world, client, sent):
    open_link(client, sent)
    Invitation.objects.update(revoked_at=timezone.now())
    response = client.post(
        accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 410
    assert not User.objects.filter(username="sanne").exists()


def test_a_person_in_the_directory_without_an_account_is_linked(world, client, mailoutbox):
    person = PersonFactory(
        email="sanne@voorbeeld.invalid", given_name="Sanne", family_name="de Wit"
    )
    client.force_login(world.gouda.leader)
    invite(client, world)
    client.logout()
    open_link(client, token_in(mailoutbox[0]))
    client.post(accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD})
    person.refresh_from_db()
    assert person.user.username == "sanne"
    assert Person.objects.filter(email="sanne@voorbeeld.invalid").count() == 1


# --- Accepting with the account that exists -----------------------------------------------------


@pytest.fixture
def sent_to_existing(world, client, mailoutbox):
    """Gouda's leader invites Zutphen's trainer (who has an account) as a trainer in Gouda."""
    trainer = world.zutphen.trainer
    client.force_login(world.gouda.leader)
    invite(client, world, email=trainer.person.email, role=Role.TRAINER)
    client.logout()
    return token_in(mailoutbox[0])


def test_an_existing_account_logs_in_and_takes_the_role(world, client, sent_to_existing):
    trainer = world.zutphen.trainer
    open_link(client, sent_to_existing)
    page = client.get(accept_url()).content.decode()
    assert "U heeft al een account" in page
    assert 'name="password1"' not in page  # no second account
    response = client.post(accept_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(trainer)
    assert "Rol aannemen" in client.get(accept_url()).content.decode()
    response = client.post(accept_url())
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert Membership.objects.filter(
        person=trainer.person, location=world.gouda.location, role=Role.TRAINER
    ).exists()
    assert User.objects.filter(email__iexact=trainer.person.email).count() <= 1
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED


def test_another_account_cannot_take_someone_elses_invitation(world, client, sent_to_existing):
    open_link(client, sent_to_existing)
    client.force_login(world.zutphen.expert)
    response = client.post(accept_url())
    assert response.status_code == 200
    assert "voor een ander account" in response.content.decode()
    assert not Membership.objects.filter(
        person=world.zutphen.expert.person, location=world.gouda.location
    ).exists()
    assert Invitation.objects.get().status == InvitationStatus.OPEN


def test_a_logged_in_user_cannot_make_a_new_account_with_someone_elses_link(world, client, sent):
    open_link(client, sent)
    client.force_login(world.zutphen.expert)
    response = client.post(
        accept_url(), {"username": "sanne", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "Log eerst uit" in response.content.decode()
    assert not User.objects.filter(username="sanne").exists()


# --- Who may act --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["sociaal_werker", "ervaringsdeskundige", "coordinator", "other"])
def test_others_cannot_resend_or_revoke(world, client, sent, who):
    invitation = Invitation.objects.get()
    client.force_login(world.user(who))
    for name in ("teams:invitation_resend", "teams:invitation_revoke"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code in (403, 404)
    assert Invitation.objects.get().status == InvitationStatus.OPEN
    assert Invitation.objects.get().send_count == 1


def test_the_list_page_runs_a_fixed_number_of_queries(world, client, mailoutbox):
    client.force_login(world.gouda.leader)
    invite(client, world)
    client.get(list_url(world))
    with CaptureQueriesContext(connection) as one:
        client.get(list_url(world))
    for number in range(5):
        invite(client, world, email=f"extra{number}@voorbeeld.invalid")
    with CaptureQueriesContext(connection) as six:
        client.get(list_url(world))
    assert len(six) == len(one), [query["sql"] for query in six.captured_queries]


def test_the_location_page_links_to_the_invitations_for_its_managers(world, client):
    detail = reverse("teams:location_detail", args=[world.gouda.location.pk])
    client.force_login(world.gouda.leader)
    assert list_url(world) in client.get(detail).content.decode()
    client.force_login(world.gouda.worker)
    assert list_url(world) not in client.get(detail).content.decode()
