"""Helpers for the embedding tests: Gouda and Zutphen adopt the national checklist."""

from __future__ import annotations

import importlib

from django.apps import apps as django_apps

from embedding import services
from embedding.models import Condition


def ensure_national_checklist() -> None:
    """The national checklist comes from a data migration; a transactional test that ran
    earlier in the same process flushed it, so load it again (the loader is idempotent)."""
    migration = importlib.import_module("embedding.migrations.0002_national_checklist")
    migration.load(django_apps, None)


def embedding_world(world):
    """Both sites adopt the checklist. Sets world.condition (Gouda's 'shared vision', typed),
    world.derived (Gouda's 'intervision', derived) and world.zutphen_condition."""
    ensure_national_checklist()
    for site in (world.gouda, world.zutphen):
        services.checklist_adopt(location=site.location, actor=site.leader)
    world.condition = Condition.objects.get(
        location=world.gouda.location, code="gezamenlijke-visie"
    )
    world.derived = Condition.objects.get(location=world.gouda.location, code="intervisie")
    world.zutphen_condition = Condition.objects.get(
        location=world.zutphen.location, code="gezamenlijke-visie"
    )
    return world
