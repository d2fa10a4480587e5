"""Settings for `make run`: a developer's machine with an embedded SQLite database."""

from .base import *  # noqa: F403
from .base import env

SETTINGS_NAME = "local"
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-development-only-not-secret")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A fixed key for the local demo database only: never for real data.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["bG9jYWwtZGVtby1vbmx5LW5ldmVyLXJlYWwtZGF0YSE="]
)
# The demo log-ins work with a password alone. Two-factor log-in can still be switched on per
# user (user menu > "Inloggen in twee stappen"), or for the roles that need it in production
# with TWO_FACTOR_REQUIRED=true.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
