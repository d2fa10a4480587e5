"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SETTINGS_NAME = "base"
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Panels other apps add to pages of teams: callables (request, **kwargs) -> dict with a
# "template" key, or None. Configured here so that teams imports none of those apps.
PANELS = {
    "home": [
        "casework.panels.my_cases",
        "trainings.panels.my_sessions",
        "plans.panels.open_actions",
        "embedding.panels.overdue_reviews",
    ],
    "location": [
        "plans.panels.location_plans",
        "trainings.panels.upcoming_sessions",
        "embedding.panels.location_embedding",
    ],
}

# Embedding (borging): conditions whose status follows from other data. Name -> a function
# (location) -> embedding.derivations.Derived. Add one here; no other code needs to change.
EMBEDDING_DERIVATIONS = {
    "experts_intervision": "embedding.derivations.experts_have_intervision",
    "team_workshop": "embedding.derivations.team_workshop_held",
    "training": "embedding.derivations.training_held",
    "project_team": "embedding.derivations.project_team_meets",
    "expert_pool": "embedding.derivations.expert_pool",
}
# Which experts of a location have no intervision: (location) -> queryset of Person. Until the
# activities app is merged, read from the expert profile; then point it at
# "activities.selectors.experts_without_intervision".
EMBEDDING_EXPERTS_WITHOUT_INTERVISION = (
    "embedding.derivations.experts_without_intervision_from_profiles"
)
# What may serve as evidence of a condition: key -> the model, the lookup from it to its
# location, a label, and optionally a function (obj) -> str that describes it. Add e.g.
# "activity": {"model": "activities.Activity", "location": "location", "label": ...} when
# the activities app is merged; embedding imports none of these models.
EMBEDDING_EVIDENCE = {
    "plan_action": {
        "model": "plans.Action",
        "location": "goal__plan__location",
        "label": _("Actie in het plan van aanpak"),
        "describe": "embedding.evidence.describe_action",
    },
    "training_run": {
        "model": "trainings.TrainingRun",
        "location": "location",
        "label": _("Training of workshop"),
    },
    "project_team": {
        "model": "teams.ProjectTeam",
        "location": "location",
        "label": _("Overleg van het projectteam"),
        "describe": "embedding.evidence.describe_project_team",
    },
}

# Where the site is reached: used for links in e-mails sent from commands (no request there).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Fernet keys for residents' contact details and notes (casework/encryption.py): the first one
# encrypts, all of them decrypt. Generate one with `manage.py generate_encryption_key`.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# Demo data (seed_demo) may only be loaded where this is on; production switches it off.
DEMO_DATA_ALLOWED = True
DEMO_PASSWORD = env("DEMO_PASSWORD", default="wijkkracht-demo")

# Our apps; dependencies point one way: teams <- plans, trainings, casework <- embedding
# (reads teams, plans, trainings) <- dashboard.
LOCAL_APPS = ["teams", "plans", "trainings", "casework", "embedding", "dashboard"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.language.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "teams.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "teams.context_processors.access",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: without them a page served by gunicorn was ten times slower.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "teams.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor log-in (teams/two_factor.py): required for the roles that see residents' data and
# for administrators when on (production); optional for everyone when off (`make run`, tests).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Wijkkracht"
OTP_TOTP_THROTTLE_FACTOR = 1  # after a wrong code: wait 1, 2, 4, ... seconds
OTP_STATIC_THROTTLE_FACTOR = 1
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The interface is Dutch unless the user picks English with the switch at the foot of every
# page (a cookie). No LocaleMiddleware: it would follow the browser's Accept-Language, and a
# browser asking for English must not get a mix; config/language.py reads the cookie only.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Wijkkracht <noreply@wijkkracht.invalid>")

SESSION_COOKIE_HTTPONLY = True
# Idle time-out: a session ends after 30 minutes without a request (every request renews it);
# static/js/session-timeout.js warns two minutes before and offers to stay logged in.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page needs a camera, microphone, location or payment: switch them all off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Content-Security-Policy (django-csp 4): no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Login throttling (django-axes): lock a user name + address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Audit trail (django-auditlog): who changed or read personal data, and when.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
