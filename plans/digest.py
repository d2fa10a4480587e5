"""The action digest: one e-mail per projectleider with the open actions of their plans that are
overdue or due soon, plus the sections other apps add (settings.DIGEST_SECTIONS).

Sent daily by Celery beat (`plans.tasks.send_action_digest`, at DIGEST_HOUR) and by hand with
`manage.py send_action_digest`. One e-mail per person per day, however many locations they lead
and however often it runs: each mail is queued in the outbox under the key
`action-digest:<person>:<date>`, and the outbox's unique key makes a second run (a second beat, a
second worker, a task redelivered after its worker was killed) queue nothing. Only plans that
are being carried out count (vastgesteld, in uitvoering): a concept or submitted plan is not yet
agreed on, an evaluated plan is closed. A fixed number of queries, whatever the number of
actions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.language import recipient_language
from outbox.services import mail_enqueue
from plans.models import Action, PlanOfApproach
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Membership, Person


@dataclass
class Item:
    action: Action
    days: int  # days overdue (overdue list) or days left (due-soon list)

    @property
    def plan(self) -> PlanOfApproach:
        return self.action.goal.plan

    @property
    def owners(self) -> str:
        names = [str(p) for p in self.action.owner_people.all()]
        names += [str(o) for o in self.action.owner_organisations.all()]
        return ", ".join(names)


@dataclass
class PlanLink:
    plan: PlanOfApproach
    plan_url: str
    actions_url: str


@dataclass
class Digest:
    person: Person
    email: str
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    plans: list[PlanLink] = field(default_factory=list)
    # Sections of other apps (settings.DIGEST_SECTIONS), see `extra_sections`.
    sections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.sections)


def extra_sections(person: Person, *, today: datetime.date) -> list[dict[str, Any]]:
    """What the apps in settings.DIGEST_SECTIONS add for this person: each a callable
    `(person, *, today) -> dict | None`: either its own "template", "text_template" and
    "context", or a "title", an optional "intro" and "items" (dicts with "text" and an
    optional "detail" and "url", absolute: the mail is read outside the site) that
    templates/plans/email/section.{html,txt} render."""
    found = []
    for path in getattr(settings, "DIGEST_SECTIONS", []):
        section = import_string(path)(person, today=today)
        if section:
            found.append(section)
    return found


def recipient_of(person: Person) -> str:
    """The person's own address, else their account's."""
    if person.email:
        return person.email
    user = person.user
    return user.email if user is not None and user.email else ""


def collect(*, today: datetime.date, days: int, site_url: str) -> tuple[list[Digest], list[str]]:
    """The digests to send, and notes about projectleiders that are skipped."""
    memberships = (
        Membership.objects.filter(
            active_membership_q(), role=Role.PROJECT_LEADER, location__isnull=False
        )
        .select_related("person", "person__user")
        .order_by("person__family_name", "person__given_name", "person_id")
    )
    leaders: dict[int, tuple[Person, set[int]]] = {}
    for membership in memberships:
        person, locations = leaders.setdefault(membership.person_id, (membership.person, set()))
        locations.add(membership.location_id)
    if not leaders:
        return [], []

    all_locations = set().union(*(locations for _person, locations in leaders.values()))
    actions = (
        (Action.objects.overdue(today) | Action.objects.due_within(days, today))
        .of_active_plans()
        .filter(goal__plan__location_id__in=all_locations)
        .for_list()
        .order_by("due_on", "goal__plan__location__name", "goal__table", "goal__position", "pk")
    )
    by_location: dict[int, list[Action]] = {}
    for action in actions:
        by_location.setdefault(action.goal.plan.location_id, []).append(action)

    base = site_url.rstrip("/")
    digests, notes = [], []
    for person, locations in leaders.values():
        mine = [a for location in sorted(locations) for a in by_location.get(location, [])]
        sections = extra_sections(person, today=today)
        if not mine and not sections:
            continue
        if person.user is not None and not person.user.is_active:
            notes.append(f"Overgeslagen: {person} (account is uitgeschakeld).")
            continue
        email = recipient_of(person)
        if not email:
            notes.append(f"Overgeslagen: {person} heeft geen e-mailadres.")
            continue
        digest = Digest(person, email, sections=sections)
        plans: dict[int, PlanOfApproach] = {}
        for action in sorted(mine, key=lambda a: (a.due_on, a.goal.plan.location.name, a.pk)):
            if action.due_on < today:
                digest.overdue.append(Item(action, (today - action.due_on).days))
            else:
                digest.due_soon.append(Item(action, (action.due_on - today).days))
            plans.setdefault(action.goal.plan_id, action.goal.plan)
        digest.plans = [
            PlanLink(
                plan,
                base + plan.get_absolute_url(),
                base + reverse("plans:action_list", args=[plan.pk]),
            )
            for plan in sorted(plans.values(), key=lambda p: (p.location.name, p.starts_on))
        ]
        digests.append(digest)
    return digests, notes


def subject_of(digest: Digest, days: int) -> str:
    if not (digest.overdue or digest.due_soon):
        return _("Wijkkracht: om na te kijken")
    parts = []
    if digest.overdue:
        parts.append(_("%(count)d te laat") % {"count": len(digest.overdue)})
    if digest.due_soon:
        soon = {"count": len(digest.due_soon), "days": days}
        parts.append(_("%(count)d binnen %(days)d dagen klaar") % soon)
    return ngettext(
        "Wijkkracht: actie om na te kijken (%(parts)s)",
        "Wijkkracht: acties om na te kijken (%(parts)s)",
        len(digest.overdue) + len(digest.due_soon),
    ) % {"parts": ", ".join(parts)}


def rendered_sections(digest: Digest) -> list[dict[str, str]]:
    """Each section as HTML and text: a section brings its own templates ("template",
    "text_template" and "context") or is rendered by plans/email/section.{html,txt}."""
    parts = []
    for section in digest.sections:
        if "template" in section:
            context = section.get("context", {})
            html = render_to_string(section["template"], context)
            text = render_to_string(section["text_template"], context)
        else:
            html = render_to_string("plans/email/section.html", {"section": section})
            text = render_to_string("plans/email/section.txt", {"section": section})
        parts.append({"html": html, "text": text})
    return parts


def message_for(digest: Digest, *, days: int, today: datetime.date) -> EmailMultiAlternatives:
    context = {
        "digest": digest,
        "person": digest.person,
        "days": days,
        "today": today,
        "sections": rendered_sections(digest),
    }
    message = EmailMultiAlternatives(
        subject=subject_of(digest, days),
        body=render_to_string("plans/email/action_digest.txt", context),
        to=[digest.email],
    )
    message.attach_alternative(
        render_to_string("plans/email/action_digest.html", context), "text/html"
    )
    return message


def language_of(person: Person) -> str:
    """The language the recipient reads the mail in (their account's preference)."""
    return recipient_language(person.user)


def digest_key(person: Person, today: datetime.date) -> str:
    return f"action-digest:{person.pk}:{today.isoformat()}"


@dataclass
class DigestRun:
    queued: int = 0
    already_sent: int = 0
    notes: list[str] = field(default_factory=list)


def send_digests(*, today: datetime.date, days: int) -> DigestRun:
    """Queue today's digest for every projectleider who has something in it, at most once per
    person per day (see the module docstring)."""
    digests, notes = collect(today=today, days=days, site_url=settings.SITE_URL)
    run = DigestRun(notes=notes)
    for digest in digests:
        with translation.override(language_of(digest.person)):
            message = message_for(digest, days=days, today=today)
        if mail_enqueue(message, dedupe_key=digest_key(digest.person, today)) is None:
            run.already_sent += 1
        else:
            run.queued += 1
    return run
