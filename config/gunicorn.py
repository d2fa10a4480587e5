"""gunicorn settings of every app server: `gunicorn config.wsgi -c config/gunicorn.py`.

Values come from the environment so the Procfile, a systemd unit and the container share them:
GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default 2), GUNICORN_THREADS.
Before the workers start, the master checks that the cache and the Celery broker answer
(config/startup.py) and stops with a clear message when they do not.
"""

from __future__ import annotations

import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# No control socket: it lives at one path per user, so two app servers on one machine would
# share it (gunicorn 27's `gunicornc`); signals do the same.
control_socket_disable = True
# Restart a worker now and then, so a slow leak never grows large.
max_requests = 5000
max_requests_jitter = 500


def on_starting(server):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    from config.startup import service_problems

    problems = service_problems()
    if problems:
        for problem in problems:
            server.log.error("Cannot start: %s", problem)
        sys.exit(3)
