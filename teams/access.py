"""The access policy: who may see and change what. The one place for these rules.

A user's *scope* follows from the active memberships of the person linked to the account:
- beheerder (superuser): everything;
- coördinator: every location;
- everyone else: the locations where they hold an active membership.
QuerySets apply the scope with `visible_to(user)` (so an object outside it is a 404); the
`can_*` functions below decide what a user may do with an object inside it (else a 403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from teams.constants import CASEWORK_ROLES, TWO_FACTOR_ROLES, Role

if TYPE_CHECKING:
    from teams.models import Location, Person

_CACHE_ATTR = "_wijkkracht_scope"


@dataclass(frozen=True)
class Scope:
    """What one user may reach, computed once per request."""

    user_id: int | None = None
    person_id: int | None = None
    is_admin: bool = False
    is_coordinator: bool = False
    roles_by_location: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def sees_all_locations(self) -> bool:
        return self.is_admin or self.is_coordinator

    @property
    def location_ids(self) -> frozenset[int]:
        return frozenset(self.roles_by_location)

    @property
    def roles(self) -> frozenset[str]:
        found = {role for roles in self.roles_by_location.values() for role in roles}
        if self.is_coordinator:
            found.add(Role.COORDINATOR)
        return frozenset(found)

    @property
    def privacy_location_ids(self) -> list[int]:
        """Where the user is privacy officer (their audit trails), in a fixed order."""
        return sorted(
            location_id
            for location_id, roles in self.roles_by_location.items()
            if Role.PRIVACY_OFFICER in roles
        )

    def roles_at(self, location_id: int) -> frozenset[str]:
        return self.roles_by_location.get(location_id, frozenset())

    def has_role(self, role: str, location_id: int | None = None) -> bool:
        if role == Role.COORDINATOR:
            return self.is_coordinator
        if location_id is None:
            return role in self.roles
        return role in self.roles_at(location_id)

    def can_see_location(self, location_id: int) -> bool:
        return self.sees_all_locations or location_id in self.roles_by_location

    def location_filter(self, lookup: str = "location_id") -> Q:
        """A Q that keeps rows whose `lookup` is one of the user's locations."""
        if self.sees_all_locations:
            return Q()
        return Q(**{f"{lookup}__in": sorted(self.location_ids)})


ANONYMOUS_SCOPE = Scope()


def active_membership_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def scope_for(user: Any) -> Scope:
    """The user's scope: kept on the user object for the rest of the request and in the
    shared cache between requests (teams/scope_cache.py); else one query."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from teams import scope_cache

    scope, version = scope_cache.read(user.pk)
    if scope is None or scope.is_admin != bool(user.is_superuser):
        scope = _compute_scope(user)
        scope_cache.store(user.pk, version, scope)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def _compute_scope(user: Any) -> Scope:
    from teams.models import Membership, Person

    rows = list(
        Membership.objects.filter(active_membership_q(), person__user=user).values_list(
            "person_id", "location_id", "role"
        )
    )
    if rows:
        person_id = rows[0][0]
    else:
        person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    is_coordinator = any(role == Role.COORDINATOR for _, _, role in rows)
    roles: dict[int, set[str]] = {}
    for _, location_id, role in rows:
        if location_id is not None:
            roles.setdefault(location_id, set()).add(role)
    scope = Scope(
        user_id=user.pk,
        person_id=person_id,
        is_admin=bool(user.is_superuser),
        is_coordinator=is_coordinator,
        roles_by_location={loc: frozenset(r) for loc, r in roles.items()},
    )
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope, e.g. after a user's memberships changed in the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def requires_two_factor(user: Any) -> bool:
    """Administrators and whoever sees residents' data must use two-factor log-in (when
    settings.TWO_FACTOR_REQUIRED is on); for the others it is a choice."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(scope_for(user).roles & TWO_FACTOR_ROLES)


# --- What a user may do inside their scope ---------------------------------------------------


def can_manage_location(user: Any, location: Location) -> bool:
    """Edit a location's people, profiles and project team: its projectleider, or a beheerder."""
    scope = scope_for(user)
    return scope.is_admin or scope.has_role(Role.PROJECT_LEADER, location.pk)


def invitable_roles(user: Any, location: Location) -> list[str]:
    """The roles `user` may invite someone to at `location` (teams/invitations.py): whoever
    manages the location invites team roles; a privacy officer is appointed by a beheerder."""
    if not can_manage_location(user, location):
        return []
    roles = [Role.PROJECT_LEADER, Role.TRAINER, Role.SOCIAL_WORKER, Role.EXPERT]
    if scope_for(user).is_admin:
        roles.append(Role.PRIVACY_OFFICER)
    return roles


def can_manage_location_of(user: Any, obj: Any) -> bool:
    """Edit something that belongs to a location (a plan, a run): as `can_manage_location`."""
    return can_manage_location(user, obj.location)


def can_review(user: Any, obj: Any = None) -> bool:
    """Approve or send back what locations submit (plans): coordinators and beheerders."""
    scope = scope_for(user)
    return scope.is_admin or scope.is_coordinator


def can_manage_person(user: Any, person: Person) -> bool:
    """Edit a person's directory entry: a projectleider of one of the person's locations."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(
        scope.has_role(Role.PROJECT_LEADER, membership.location_id)
        for membership in person.memberships.all()
        if membership.location_id is not None
    )


def can_edit_profile(user: Any, person: Person) -> bool:
    """Edit an expert or social-worker profile: the person themselves, or who manages them."""
    scope = scope_for(user)
    return scope.person_id == person.pk or can_manage_person(user, person)


def can_see_lockouts(user: Any, obj: Any = None) -> bool:
    """See accounts locked after failed log-ins and lift a lock: coordinators and beheerders."""
    scope = scope_for(user)
    return scope.is_admin or scope.is_coordinator


# --- Trainings (by duck typing: teams imports no other app) ----------------------------------


def is_run_trainer(user: Any, run: Any) -> bool:
    """One of the run's two trainers (who may come from another location)."""
    person_id = scope_for(user).person_id
    return person_id is not None and person_id in run.trainer_ids


def can_manage_run(user: Any, run: Any) -> bool:
    """Adapt a run, plan its sessions and choose its participants: the location's
    projectleider, the run's trainers, or a beheerder."""
    return can_manage_location(user, run.location) or is_run_trainer(user, run)


def can_manage_session(user: Any, session: Any) -> bool:
    return can_manage_run(user, session.run)


def is_participant(user: Any, session: Any) -> bool:
    """Takes part in the session's run (and so may evaluate it themselves)."""
    person_id = scope_for(user).person_id
    return person_id is not None and session.run.participants.filter(person_id=person_id).exists()


def can_tick_run(user: Any, run: Any) -> bool:
    """Tick off blocks and attendance, run the clock, record homework and evaluations:
    who manages the run, and the location's trainers."""
    return can_manage_run(user, run) or scope_for(user).has_role(Role.TRAINER, run.location_id)


def can_tick_session(user: Any, session: Any) -> bool:
    return can_tick_run(user, session.run)


def can_see_run_people(user: Any, run: Any) -> bool:
    """See attendance, homework and evaluations per participant: who may tick, and
    coordinators (read only). Participants see only their own (`can_see_participation`)."""
    return scope_for(user).is_coordinator or can_tick_run(user, run)


def can_see_session_people(user: Any, session: Any) -> bool:
    return can_see_run_people(user, session.run)


def can_see_participation(user: Any, participant: Any) -> bool:
    """One participant's attendance, evaluations and certificate: themselves, or who sees
    the run's people."""
    if scope_for(user).person_id == participant.person_id:
        return True
    return can_see_run_people(user, participant.run)


# --- Casework (which files a user sees is decided in casework/querysets.py) -----------------


def does_casework_at(user: Any, location: Any) -> bool:
    """Register residents and count anonymous contacts: the location's social workers and
    experts-by-experience."""
    scope = scope_for(user)
    return any(scope.has_role(role, location.pk) for role in CASEWORK_ROLES)


def is_case_partner(user: Any, resident: Any) -> bool:
    """Registered the resident, or is a partner in one of their trajectories. Add contacts,
    record consents and start trajectories (the file must be visible to them as well)."""
    person_id = scope_for(user).person_id
    if person_id is None:
        return False
    if resident.registered_by_id == person_id:
        return True
    return resident.trajectories.filter(
        Q(expert_id=person_id) | Q(social_worker_id=person_id)
    ).exists()


def can_see_case_audit(user: Any, location: Any) -> bool:
    """The casework audit trail of a location: its privacy officer."""
    return scope_for(user).has_role(Role.PRIVACY_OFFICER, location.pk)


def can_manage_urgent_agreement(user: Any, location: Any) -> bool:
    return can_manage_location(user, location)


# --- Embedding (borging) -------------------------------------------------------------------


def can_manage_embedding(user: Any, location: Any) -> bool:
    """Change a location's conditions, review cycle and own items: its projectleider or a
    beheerder. Coordinators read every location; the other members read their own."""
    return can_manage_location(user, location)


def can_manage_condition(user: Any, condition: Any) -> bool:
    return can_manage_embedding(user, condition.location)


# --- Group activities and intervision (activities app, by duck typing) ----------------------


def can_manage_activities(user: Any, location: Any) -> bool:
    """Start and change a location's group activities: its projectleider and social workers,
    or a beheerder. Experts change the activities they lead (`can_edit_activity`)."""
    scope = scope_for(user)
    return (
        scope.is_admin
        or scope.has_role(Role.PROJECT_LEADER, location.pk)
        or scope.has_role(Role.SOCIAL_WORKER, location.pk)
    )


def leads_activity(user: Any, activity: Any) -> bool:
    person_id = scope_for(user).person_id
    return person_id is not None and activity.leaders.filter(pk=person_id).exists()


def can_edit_activity(user: Any, activity: Any) -> bool:
    """Change an activity, move or cancel its meetings, count visitors: who manages the
    location's activities, and the activity's own leaders."""
    return can_manage_activities(user, activity.location) or leads_activity(user, activity)


def can_edit_meeting(user: Any, meeting: Any) -> bool:
    return can_edit_activity(user, meeting.activity)


def can_link_visit(user: Any, resident: Any) -> bool:
    """Link a resident's case to a meeting: who may see the file (the queryset decided) and
    does casework at its location."""
    return does_casework_at(user, resident.location)


def can_start_group(user: Any, location: Any) -> bool:
    """Start an intervision or supervision group: the location's experts and projectleider
    (who must then be in it), or a beheerder. Social workers never."""
    scope = scope_for(user)
    return (
        scope.is_admin
        or scope.has_role(Role.EXPERT, location.pk)
        or scope.has_role(Role.PROJECT_LEADER, location.pk)
    )


def facilitates_group(user: Any, group: Any) -> bool:
    person_id = scope_for(user).person_id
    return person_id is not None and group.facilitators.filter(pk=person_id).exists()


def can_manage_group(user: Any, group: Any) -> bool:
    """Change a group and record its meetings (attendance, themes): its facilitators. Members
    read (`IntervisionGroup.objects.visible_to` already decided who sees it at all)."""
    return facilitates_group(user, group)


def can_manage_group_meeting(user: Any, meeting: Any) -> bool:
    return can_manage_group(user, meeting.group)


def can_see_intervision_overview(user: Any, obj: Any = None) -> bool:
    """Per city whether every expert has intervision, as counts: coordinators and
    beheerders."""
    scope = scope_for(user)
    return scope.is_admin or scope.is_coordinator


def can_view(user: Any, obj: Any) -> bool:
    """Inside the scope every member may look; `visible_to` already made the scope."""
    return user.is_authenticated


Rule = Callable[[Any, Any], bool]


def may_use_calendar_link(link: Any) -> bool:
    """A calendar link works for an active account; a personal feed (one's trainings, one's
    activities) only while it is still that account's person. What a run's or a location's feed
    shows, the feed's app checks with its `visible_to` for the link's user."""
    from teams.constants import CalendarFeed

    if not link.user.is_active:
        return False
    if link.feed in (CalendarFeed.TRAINER, CalendarFeed.MY_ACTIVITIES):
        return scope_for(link.user).person_id == link.object_id
    return True


def require(user: Any, rule: Rule, obj: Any) -> None:
    """Raise PermissionDenied (403) unless `rule(user, obj)` holds."""
    if not rule(user, obj):
        raise PermissionDenied


def get_visible_or_404(model: type, user: Any, **lookup: Any) -> Any:
    """The object if it lies in the user's scope, else Http404: never a leak."""
    return get_object_or_404(model._default_manager.visible_to(user), **lookup)
