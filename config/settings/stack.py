"""`make stack`: the production settings on one machine, served over plain HTTP on loopback.

Everything else is production: PostgreSQL, Redis for the cache, sessions and the Celery
queue, a worker and beat, two-factor log-in required for the roles that see residents' data.
What differs is only what TLS needs (no HTTPS redirect, no Secure or __Host- cookies, no HSTS),
and demo data may be loaded.
"""

from .production import *  # noqa: F403

SETTINGS_NAME = "stack"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
DEMO_DATA_ALLOWED = True
