"""Helpers for the embedding tests: Gouda and Zutphen adopt the national checklist."""

from __future__ import annotations

from embedding import services
from embedding.models import Condition


def embedding_world(world):
    """Both sites adopt the checklist. Sets world.condition (Gouda's 'shared vision', typed),
    world.derived (Gouda's 'intervision', derived) and world.zutphen_condition."""
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
