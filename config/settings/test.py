"""Settings for the test suite: fast hashing, in-memory e-mail, plain static files."""

from .base import *  # noqa: F403
from .base import env

SETTINGS_NAME = "test"
DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up makes EMAIL_BACKEND the in-memory one; the outbox tests switch it back
# to the outbox (tests/outbox/), which then delivers here too.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_PASSWORD = env("DEMO_PASSWORD", default="wijkkracht-demo")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A fixed key for tests.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["dGVzdHMtb25seS1rZXktZm9yLWZlcm5ldC10ZXN0cyE="]
)
# The scope cache is off by default here, so query counts stay what one request costs cold;
# tests/teams/test_scope_cache.py and the access matrix switch it on.
SCOPE_CACHE_SECONDS = 0
