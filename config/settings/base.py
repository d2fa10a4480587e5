"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config import runtime

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
        "casework.panels.privacy_duties",
        "trainings.panels.my_sessions",
        "plans.panels.open_actions",
        "embedding.panels.overdue_reviews",
        "activities.panels.my_activities",
        "teams.panels.lockouts",
    ],
    "location": [
        "plans.panels.location_plans",
        "trainings.panels.upcoming_sessions",
        "embedding.panels.location_embedding",
        "activities.panels.location_activities",
    ],
    # A resident's file (casework), with the resident.
    "resident": ["activities.panels.resident_activities"],
}

# What other apps keep about a resident, for the resident's copy of their file (casework/avg.py):
# callables (resident) -> {"key", "title", "empty", "rows": [[(label, text), ...], ...]}.
CASEWORK_FILE_EXTRAS = ["activities.selectors.visits_for_file"]

# What other apps add to each expert on the pool page: callables (person ids) -> {person id:
# (label, [texts])}, so that teams imports none of them.
POOL_EXTRAS = ["activities.selectors.pool_leads"]

# Embedding (borging): conditions whose status follows from other data. Name -> a function
# (location) -> embedding.derivations.Derived. Add one here; no other code needs to change.
EMBEDDING_DERIVATIONS = {
    "experts_intervision": "embedding.derivations.experts_have_intervision",
    "team_workshop": "embedding.derivations.team_workshop_held",
    "training": "embedding.derivations.training_held",
    "project_team": "embedding.derivations.project_team_meets",
    "expert_pool": "embedding.derivations.expert_pool",
}
# Which experts of a location have no intervision: (location) -> queryset of Person: the
# experts in no running intervision or supervision group of the activities app.
EMBEDDING_EXPERTS_WITHOUT_INTERVISION = "activities.selectors.experts_without_intervision"
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
    "activity": {
        "model": "activities.Activity",
        "location": "location",
        "label": _("Groepsactiviteit"),
    },
    "intervision_group": {
        "model": "activities.IntervisionGroup",
        "location": "location",
        "label": _("Intervisie- of supervisiegroep"),
    },
}

# Where the site is reached: used for links in e-mails sent from commands (no request there).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# How long the link in an invitation works (teams/invitations.py).
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)
# Fernet keys for residents' contact details and notes (casework/encryption.py): the first one
# encrypts, all of them decrypt. Generate one with `manage.py generate_encryption_key`.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# Demo data (seed_demo) may only be loaded where this is on; production switches it off.
DEMO_DATA_ALLOWED = True
DEMO_PASSWORD = env("DEMO_PASSWORD", default="wijkkracht-demo")

# Our apps; dependencies point one way: outbox <- teams <- plans, trainings, casework <-
# activities (reads teams, casework) <- embedding (reads teams, plans, trainings, activities
# only through settings) <- dashboard.
LOCAL_APPS = [
    "outbox",
    "teams",
    "plans",
    "trainings",
    "casework",
    "activities",
    "embedding",
    "dashboard",
]

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
    "teams.sessions.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.language.LanguageCookieMiddleware",  # after auth: the account's language first
    "teams.middleware.LoginRequiredMiddleware",
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
        # Django's, with a Dutch error message (teams/validators.py).
        "NAME": "teams.validators.MinimumLengthValidator",
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
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every mail goes through the outbox (outbox/services.py): stored with what caused it, sent by
# a Celery task with retries through the backend that EMAIL_URL names.
OUTBOX_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=48)  # about a day of retries
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Wijkkracht <noreply@wijkkracht.invalid>")

SESSION_COOKIE_HTTPONLY = True
# Sessions: in the database, read through the shared cache, with the account id per row
# (teams/sessions.py). Idle time-out: a session ends after 30 minutes without a request; a
# request renews it, writing at most once a minute (SESSION_REFRESH_INTERVAL) instead of on
# every request. static/js/session-timeout.js warns two minutes before and offers to stay.
SESSION_ENGINE = "teams.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_INTERVAL = 60
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

# --- Runtime: the shared cache and the task queue (README, "Production") ---
# One Redis for the cache, the session cache and the Celery broker. Without REDIS_URL
# (`make run`, the tests) the cache is this process's memory and tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
CACHES = runtime.caches(REDIS_URL)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it is done, not when it starts: a worker killed mid-task leaves
# it in the queue for the next worker (every task is idempotent for that reason).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "wijkkracht"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = False  # no broker at start: stop with an error
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged task (its worker died) is handed out again after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # How often a worker looks for such tasks: every interval × throttle seconds (kombu).
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
# A request that queues a task while the broker is away waits about a second, not longer.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The action digest, daily at DIGEST_HOUR:DIGEST_MINUTE (crontab fields: "*" is every).
DIGEST_HOUR = env.str("DIGEST_HOUR", default="7")
DIGEST_MINUTE = env.str("DIGEST_MINUTE", default="0")
DIGEST_DAYS = env.int("DIGEST_DAYS", default=14)  # actions due within this many days
# Apps that add a section to the digest: callables (person, *, today) -> dict | None.
DIGEST_SECTIONS = ["embedding.digest.overdue_reviews"]
RETENTION_MONTHS = env.int("RETENTION_MONTHS", default=12)
AXES_LOG_RETENTION_DAYS = env.int("AXES_LOG_RETENTION_DAYS", default=90)
# The dashboard's rendered content per scope, until the next refresh (dashboard/page_cache.py).
DASHBOARD_PAGE_CACHE_SECONDS = env.int("DASHBOARD_PAGE_CACHE_SECONDS", default=600)
DASHBOARD_REFRESH_DELAY = env.int("DASHBOARD_REFRESH_DELAY", default=2)  # seconds: coalescing
DASHBOARD_REFRESH_PENDING_TTL = 600
SCOPE_CACHE_SECONDS = 60  # a user's access scope in the cache (teams/scope_cache.py)
CELERY_BEAT_SCHEDULE = {
    "action-digest": {
        "task": "plans.tasks.send_action_digest",
        "schedule": crontab(hour=DIGEST_HOUR, minute=DIGEST_MINUTE),
    },
    "dashboard-refresh-all": {
        "task": "dashboard.tasks.refresh_all",
        "schedule": crontab(hour=2, minute=0),
    },
    "embedding-derived": {
        "task": "embedding.tasks.sync_derived",
        "schedule": crontab(hour=1, minute=45),
    },
    "retention": {"task": "casework.tasks.apply_retention", "schedule": crontab(hour=2, minute=30)},
    "clear-sessions": {"task": "teams.tasks.clear_sessions", "schedule": crontab(minute=5)},
    "axes-clean-up": {"task": "teams.tasks.clean_axes", "schedule": crontab(hour=3, minute=15)},
    "outbox-sweep": {"task": "outbox.tasks.sweep", "schedule": 300.0},
    "worker-heartbeat": {"task": "teams.tasks.heartbeat", "schedule": 60.0},
}

# Login throttling (django-axes): lock a user name + address after repeated failures, and an
# account after more failures from any number of addresses (password spraying), each for the
# cool-off; tries during a lock do not extend it. teams/throttling.py gives the account its
# own limit and the lock-out page; a password reset or a coordinator lifts a lock at once.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "teams.throttling.AccountLimitHandler"
AXES_LOCKOUT_CALLABLE = "teams.throttling.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
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
