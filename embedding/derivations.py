"""Conditions whose status follows from other data (named in settings.EMBEDDING_DERIVATIONS).

Each function takes a location and returns a `Derived`: the status and a short sentence that
says what it was derived from. The sentence is kept as a function that writes it in the active
language, so the condition stores it in every language we offer and each reader reads it in
theirs (a sentence rendered once would stay Dutch on an English page). They read teams and
trainings; a few queries each, whatever the size of the location. `derive(name, location)`
looks a function up by its name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from embedding.constants import Status
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Person


@dataclass(frozen=True)
class Derived:
    status: str
    sentence: Callable[[], str] | Any  # a function, or a lazy text

    @property
    def detail(self) -> str:
        """The sentence in the active language."""
        return str(self.sentence() if callable(self.sentence) else self.sentence)

    def in_every_language(self) -> dict[str, str]:
        texts = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                texts[code] = self.detail
        return texts


def source(label: Any) -> Callable:
    """Mark a derivation with what it reads, shown next to the condition."""

    def mark(function: Callable) -> Callable:
        function.source = label
        return function

    return mark


def registry() -> dict[str, str]:
    return dict(settings.EMBEDDING_DERIVATIONS)


def function_for(name: str) -> Callable | None:
    path = registry().get(name)
    return import_string(path) if path else None


def source_of(name: str) -> Any:
    function = function_for(name)
    return getattr(function, "source", "") if function else ""


def derive(name: str, location: Any) -> Derived | None:
    function = function_for(name)
    return function(location) if function else None


def _experts(location: Any):
    return Person.objects.working_at(location.pk, role=Role.EXPERT)


def _share(done: int, total: int) -> str:
    if total == 0:
        return Status.NOT_STARTED
    if done == total:
        return Status.IN_PLACE
    return Status.IN_PROGRESS if done else Status.NOT_STARTED


def experts_without_intervision_from_profiles(location: Any):
    """Experts of the location whose profile says they take no part in intervision or
    supervision (until the activities app records intervision groups)."""
    return (
        _experts(location)
        .exclude(expert_profile__takes_intervision=True)
        .exclude(expert_profile__takes_supervision=True)
    )


@source(gettext_lazy("de intervisie- en supervisiegroepen van de ervaringsdeskundigen"))
def experts_have_intervision(location: Any) -> Derived:
    """In place when every expert of the location has intervision (or supervision)."""
    total = _experts(location).count()
    found = import_string(settings.EMBEDDING_EXPERTS_WITHOUT_INTERVISION)(location)
    without = found.count() if isinstance(found, QuerySet) else len(found)  # or a list
    done = total - without
    if not total:
        return Derived(
            Status.NOT_STARTED, gettext_lazy("Deze locatie heeft nog geen ervaringsdeskundigen.")
        )

    def detail():
        return ngettext(
            "%(done)s van %(total)s ervaringsdeskundige heeft intervisie of supervisie.",
            "%(done)s van %(total)s ervaringsdeskundigen hebben intervisie of supervisie.",
            total,
        ) % {"done": done, "total": total}

    return Derived(_share(done, total), detail)


def _runs(location: Any, kind: str):
    from trainings.models import Session

    sessions = Session.objects.filter(run__location=location, run__kind=kind)
    return sessions.count(), sessions.filter(started_at__isnull=False).count()


@source(gettext_lazy("de teamworkshop in Training"))
def team_workshop_held(location: Any) -> Derived:
    """In place when the location's team workshop was held; in progress when it is planned."""
    from trainings.constants import CurriculumKind

    planned, held = _runs(location, CurriculumKind.WORKSHOP)
    if held:
        return Derived(Status.IN_PLACE, gettext_lazy("De teamworkshop is gegeven."))
    if planned:
        return Derived(
            Status.IN_PROGRESS, gettext_lazy("De teamworkshop is gepland, nog niet gegeven.")
        )
    return Derived(Status.NOT_STARTED, gettext_lazy("Er is nog geen teamworkshop gepland."))


@source(gettext_lazy("de training in Training (gegeven dagdelen)"))
def training_held(location: Any) -> Derived:
    """In place when every half-day of the location's training was held."""
    from trainings.constants import CurriculumKind

    planned, held = _runs(location, CurriculumKind.TRAINING)
    if not planned:
        return Derived(Status.NOT_STARTED, gettext_lazy("Er is nog geen training gepland."))

    def detail():
        return _("%(held)s van %(planned)s dagdelen gegeven.") % {"held": held, "planned": planned}

    return Derived(_share(held, planned), detail)


@source(gettext_lazy("het projectteam van de locatie (leden en hoe vaak het bijeenkomt)"))
def project_team_meets(location: Any) -> Derived:
    """In place when the project team has members and a set meeting frequency."""
    from teams.constants import MeetingFrequency
    from teams.models import ProjectTeam

    team = ProjectTeam.objects.filter(location=location).first()
    if team is None:
        return Derived(Status.NOT_STARTED, gettext_lazy("Er is nog geen projectteam."))
    members = team.members.count()
    regular = team.meeting_frequency not in ("", MeetingFrequency.AS_NEEDED)

    def detail():
        return _("%(members)s leden; overleg: %(frequency)s.") % {
            "members": members,
            "frequency": team.get_meeting_frequency_display() or _("niet vastgelegd"),
        }

    if members >= 2 and regular:
        return Derived(Status.IN_PLACE, detail)
    return Derived(Status.IN_PROGRESS if members else Status.NOT_STARTED, detail)


@source(gettext_lazy("de pool ervaringsdeskundigen (profielen in de pool)"))
def expert_pool(location: Any) -> Derived:
    """In place when at least two experts of the location are in the shared pool."""
    in_pool = (
        _experts(location)
        .filter(expert_profile__in_pool=True)
        .filter(active_membership_q("memberships__"))
        .distinct()
        .count()
    )

    def detail():
        return ngettext(
            "%(count)s ervaringsdeskundige in de pool.",
            "%(count)s ervaringsdeskundigen in de pool.",
            in_pool,
        ) % {"count": in_pool}

    if in_pool >= 2:
        return Derived(Status.IN_PLACE, detail)
    return Derived(Status.IN_PROGRESS if in_pool else Status.NOT_STARTED, detail)
