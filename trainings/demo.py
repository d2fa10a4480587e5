"""Demo data of trainings. For now: make sure the national curriculum is there.

The curriculum is loaded by data migration 0002; a flushed database (browser tests flush after
each test) loses it, so seed_demo puts it back with that migration's own code. Training and
workshop runs per city come with the rest of the trainings issue.
"""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

CURRICULUM_MIGRATION = "trainings.migrations.0002_national_curriculum"


def seed(stdout=None) -> None:
    from trainings.models import Curriculum

    if Curriculum.objects.exists():
        return
    migration = import_module(CURRICULUM_MIGRATION)
    migration.create_curricula(apps, SimpleNamespace(connection=connection))
