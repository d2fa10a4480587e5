"""The Celery application: the one place background and scheduled work runs.

Workers and beat start with `celery -A config worker` / `celery -A config beat` (see the
Procfile). Settings come from Django's settings with the `CELERY_` prefix
(config/settings/base.py); every app's `tasks.py` is found by autodiscovery. Without a broker
(`make run`, the test suite) tasks run eagerly, in the process that queues them.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("wijkkracht")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
