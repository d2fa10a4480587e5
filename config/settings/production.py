"""Production settings: gunicorn behind a TLS proxy, PostgreSQL. Must pass `check --deploy`."""

from config import runtime

from .base import *  # noqa: F403
from .base import env

SETTINGS_NAME = "production"
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # required: no default in production
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")  # required too
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEMO_DATA_ALLOWED = False
# Several app servers share one Redis (cache, session cache, Celery broker): required.
REDIS_URL = runtime.validated_redis_url(env("REDIS_URL"))
CACHES = runtime.caches(REDIS_URL)
CELERY_BROKER_URL = runtime.validated_redis_url(
    env("CELERY_BROKER_URL", default=REDIS_URL), "CELERY_BROKER_URL"
)
CELERY_TASK_ALWAYS_EAGER = False
# Who sees residents' data, and every administrator, logs in with a second step (no override).
TWO_FACTOR_REQUIRED = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
