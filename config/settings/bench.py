"""Settings for the benchmark and the load test (`make bench`, `make load`).

Like production where it matters for speed (DEBUG off, cached templates, persistent database
connections), with fixed local keys: the bench database holds generated data only. The database
is `BENCH_DATABASE_URL` (set by `python -m bench`, never the developer's own database), and
`bench.urls` adds the bare view that every page is compared with.
"""

import warnings

from config import runtime

from .base import *  # noqa: F403
from .base import env

SETTINGS_NAME = "bench"
DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="bench-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
DATABASES = {"default": env.db("BENCH_DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # bench log-ins only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FIELD_ENCRYPTION_KEYS = ["YmVuY2gtb25seS1rZXktbmV2ZXItcmVhbC1kYXRhISE="]
# `make load` runs on the production stack: Redis (its own database, BENCH_REDIS_URL, which
# `make load` sets from ops/redis.sh) as cache, session cache and broker, with a Celery worker.
# `make bench` (in-process) leaves it unset: local memory, tasks in-process.
BENCH_REDIS_URL = env("BENCH_REDIS_URL", default="")
CACHES = runtime.caches(BENCH_REDIS_URL)
CELERY_BROKER_URL = BENCH_REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not BENCH_REDIS_URL
# No throttling of the load test's log-ins and no mail.
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Static files come from the app folders (WHITENOISE_USE_FINDERS); no collectstatic needed.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
