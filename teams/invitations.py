"""Invitations: a project leader invites someone by e-mail to a role at their location.

The link in the mail carries a random token; only its SHA-256 is stored, so a database dump
holds no working link. A link works once, for INVITATION_VALID_DAYS, and no longer after a
resend (which makes a new token) or a revocation. Accepting
- with an account that exists for the address (the person is linked when the invitation is
  made): log in as that account and take the role; nothing else changes;
- otherwise: choose a user name and a password; the account is linked to the person with that
  address, or to a new person, and logged in; where the role requires two-factor log-in the
  set-up page comes next.
The mail goes through the outbox (the task queue), in the invitee's language: the account's
preference when there is one, else the language the inviter chose.
Each function runs in one transaction; django-auditlog records every change of an invitation.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.language import recipient_language
from teams.models import Invitation, Location, Organisation, Person, User
from teams.services import membership_add

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def valid_until(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


def account_for(email: str) -> User | None:
    """The one active account whose person (or, without one, whose account) has this address."""
    people = Person.objects.filter(email__iexact=email, user__isnull=False, user__is_active=True)
    users = {person.user for person in people.select_related("user")}
    users |= set(User.objects.filter(email__iexact=email, is_active=True, person__isnull=True))
    return users.pop() if len(users) == 1 else None


def person_without_account(email: str) -> Person | None:
    found = list(Person.objects.filter(email__iexact=email, user__isnull=True)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def invitation_send(
    *,
    location: Location,
    email: str,
    given_name: str,
    family_name: str,
    role: str,
    organisation: Organisation | None,
    language: str,
    invited_by: Any,
) -> Invitation:
    """Make an invitation and mail its link. An open invitation to the same address for this
    location is refused (resend that one instead)."""
    email = email.strip()
    if Invitation.objects.still_open().filter(location=location, email__iexact=email).exists():
        already = _("Dit adres heeft al een open uitnodiging voor deze locatie. Stuur die opnieuw.")
        raise ValidationError({"email": already})
    account = account_for(email)
    person = account.person if account and hasattr(account, "person") else None
    invitation = Invitation(
        location=location,
        email=email,
        given_name=given_name,
        family_name=family_name,
        role=role,
        organisation=organisation,
        language=recipient_language(account) if account and account.language else language,
        person=person or person_without_account(email),
        invited_by=invited_by,
        expires_at=valid_until(),
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_hash = token_hash(token)
    invitation.full_clean()
    invitation.save()
    _mail(invitation, token, existing_account=account is not None)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working), valid for the full period again."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.can_be_resent:
        raise ValidationError(_("Deze uitnodiging is al aangenomen of ingetrokken."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    invitation.token_hash = token_hash(token)
    invitation.expires_at = valid_until(now)
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at", "send_count"])
    _mail(invitation, token, existing_account=account_for(invitation.email) is not None)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("Deze uitnodiging is al aangenomen of ingetrokken."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation of this link, whatever its state (the page says why it no longer
    works), or None for a link that never existed."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("location", "organisation", "person__user")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _take_open(invitation: Invitation) -> Invitation:
    """The invitation, locked; refused unless it is still open (a link works once)."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze uitnodiging werkt niet meer."))
    return locked


def _give_role(invitation: Invitation, person: Person) -> None:
    """The person takes the invitation's role; the invitation is used up."""
    membership_add(
        person=person,
        location=invitation.location,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    invitation.person = person
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["person", "accepted_at"])


@transaction.atomic
def invitation_accept_with_account(*, invitation: Invitation, user: Any) -> Invitation:
    """The invitee has an account and is logged in as it: they take the role."""
    invitation = _take_open(invitation)
    person = getattr(user, "person", None)
    if person is None or invitation.person_id not in (None, person.pk):
        raise ValidationError(_("Deze uitnodiging is voor een ander account."))
    _give_role(invitation, person)
    return invitation


@transaction.atomic
def invitation_accept_new_account(*, invitation: Invitation, username: str, password: str) -> User:
    """The invitee has no account: make one with this password, link it to the person with the
    invitation's address (or a new person), and give the person the role."""
    invitation = _take_open(invitation)
    person = invitation.person
    if person is not None and person.user_id is not None:
        raise ValidationError(_("Er is al een account voor dit adres. Log daarmee in."))
    user = User(
        username=username,
        email=invitation.email,
        first_name=invitation.given_name,
        last_name=invitation.family_name,
        language=invitation.language if invitation.language != settings.LANGUAGE_CODE else "",
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    if person is None:
        person = Person(
            given_name=invitation.given_name,
            family_name=invitation.family_name,
            email=invitation.email,
        )
    person.user = user
    person.full_clean()
    person.save()
    _give_role(invitation, person)
    return user


def _mail(invitation: Invitation, token: str, *, existing_account: bool) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("teams:invitation_accept", args=[token])
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "link": link,
            "existing_account": existing_account,
            "valid_until": timezone.localtime(invitation.expires_at),
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        }
        subject = render_to_string("teams/email/invitation_subject.txt", context).strip()
        body = render_to_string("teams/email/invitation.txt", context)
    # EMAIL_BACKEND is the outbox: stored with the invitation, sent by a worker after commit.
    EmailMessage(subject=subject, body=body, to=[invitation.email]).send()
