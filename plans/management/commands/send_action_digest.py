"""E-mail every projectleider the open actions of their plans that are overdue or due soon.

Meant for cron, e.g. every Monday morning:

    python manage.py send_action_digest --days 14

One e-mail per person, however many locations they lead: overdue actions first, then the ones
due within --days. Only plans that are being carried out count (vastgesteld, in uitvoering):
a concept or submitted plan is not yet agreed on, an evaluated plan is closed.
A fixed number of queries, whatever the number of actions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.models import Action, PlanOfApproach
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Membership, Person

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


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
        if not mine:
            continue
        if person.user is not None and not person.user.is_active:
            notes.append(f"Overgeslagen: {person} (account is uitgeschakeld).")
            continue
        email = recipient_of(person)
        if not email:
            notes.append(f"Overgeslagen: {person} heeft geen e-mailadres.")
            continue
        digest = Digest(person, email)
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


def message_for(digest: Digest, *, days: int, today: datetime.date) -> EmailMultiAlternatives:
    context = {"digest": digest, "person": digest.person, "days": days, "today": today}
    message = EmailMultiAlternatives(
        subject=subject_of(digest, days),
        body=render_to_string("plans/email/action_digest.txt", context),
        to=[digest.email],
    )
    message.attach_alternative(
        render_to_string("plans/email/action_digest.html", context), "text/html"
    )
    return message


class Command(BaseCommand):
    help = (
        "Stuurt elke projectleider één e-mail met de open acties die te laat zijn of binnenkort "
        "klaar moeten zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help="Acties die binnen dit aantal dagen klaar moeten zijn (standaard 14).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Laat zien wat verstuurd zou worden, zonder iets te versturen.",
        )

    def handle(self, *args, **options):
        days, dry_run = options["days"], options["dry_run"]
        if days < 0:
            raise CommandError("--days moet 0 of meer zijn.")
        today = timezone.localdate()
        site_url = getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL
        digests, notes = collect(today=today, days=days, site_url=site_url)
        for note in notes:
            self.stdout.write(self.style.WARNING(note))

        messages = [message_for(digest, days=days, today=today) for digest in digests]
        if dry_run:
            for digest, message in zip(digests, messages, strict=True):
                self._describe(digest, message)
            self.stdout.write(
                f"Proefdraai: 0 e-mails verstuurd ({_emails(len(messages))} klaargezet)."
            )
            return
        sent = 0
        if messages:
            with get_connection() as connection:
                sent = connection.send_messages(messages) or 0
        self.stdout.write(self.style.SUCCESS(f"{_emails(sent)} verstuurd."))

    def _describe(self, digest: Digest, message: EmailMultiAlternatives) -> None:
        self.stdout.write(f"Aan {digest.person} <{digest.email}>: {message.subject}")
        for label, items in (("te laat", digest.overdue), ("binnenkort", digest.due_soon)):
            for item in items:
                self.stdout.write(
                    f"  - [{label}] {item.plan.location}: {item.action.description[:70]} "
                    f"(klaar op {item.action.due_on:%d-%m-%Y})"
                )


def _emails(count: int) -> str:
    return f"{count} e-mail" if count == 1 else f"{count} e-mails"
