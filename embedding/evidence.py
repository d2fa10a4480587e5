"""Evidence of a condition: a link to an object of another app, from settings.EMBEDDING_EVIDENCE.

Embedding imports none of those models: the settings name them, and the lead can add kinds
(an activity, an intervision group) without touching this code. A choice is "<key>:<pk>".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    location_lookup: str
    label: Any
    describe: str | None


def kinds() -> list[Kind]:
    found = []
    for key, entry in settings.EMBEDDING_EVIDENCE.items():
        found.append(
            Kind(
                key=key,
                model=apps.get_model(entry["model"]),
                location_lookup=entry["location"],
                label=entry["label"],
                describe=entry.get("describe"),
            )
        )
    return found


def kind_of(obj: Any) -> Kind | None:
    for kind in kinds():
        if isinstance(obj, kind.model):
            return kind
    return None


def objects_at(location: Any) -> list[tuple[Kind, list[Any]]]:
    """Every object that may serve as evidence at `location`: one query per kind."""
    return [
        (kind, list(kind.model._default_manager.filter(**{kind.location_lookup: location})))
        for kind in kinds()
    ]


def choices_at(location: Any) -> list:
    groups = [("", _("Geen koppeling"))]
    for kind, objects in objects_at(location):
        if objects:
            groups.append(
                (kind.label, [(f"{kind.key}:{obj.pk}", describe(obj)) for obj in objects])
            )
    return groups


def resolve(value: str, location: Any) -> Any:
    """The object of a choice, if it belongs to `location`; else None."""
    key, _sep, pk = (value or "").partition(":")
    for kind in kinds():
        if kind.key == key and pk.isdigit():
            lookup = {kind.location_lookup: location, "pk": int(pk)}
            return kind.model._default_manager.filter(**lookup).first()
    return None


def value_of(obj: Any) -> str:
    kind = kind_of(obj)
    return f"{kind.key}:{obj.pk}" if kind and obj is not None else ""


def content_type_of(obj: Any) -> ContentType:
    return ContentType.objects.get_for_model(obj)


def describe(obj: Any) -> str:
    kind = kind_of(obj)
    if kind and kind.describe:
        return import_string(kind.describe)(obj)
    text = str(obj)
    if hasattr(obj, "get_status_display"):
        text = f"{text} ({obj.get_status_display()})"
    return text


def url_of(obj: Any) -> str:
    if hasattr(obj, "evidence_url"):
        return obj.evidence_url()
    if obj.__class__.__name__ == "Action":
        try:
            return reverse("plans:action_list", args=[obj.goal.plan_id])
        except NoReverseMatch:
            return ""
    if obj.__class__.__name__ == "ProjectTeam":
        return reverse("teams:location_detail", args=[obj.location_id])
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else ""


def describe_action(action: Any) -> str:
    text = _("Actie: %(text)s (%(status)s)") % {
        "text": action.description[:80],
        "status": action.get_status_display(),
    }
    if action.due_on:
        text += " " + _("klaar op %(date)s") % {"date": action.due_on.strftime("%d-%m-%Y")}
    return text


def describe_project_team(team: Any) -> str:
    frequency = team.get_meeting_frequency_display() or _("niet vastgelegd")
    return _("Projectteam komt bijeen: %(frequency)s") % {"frequency": frequency}
