"""Klang settings. Every deployment-specific value comes from an environment variable.

The defaults give the embedded demo: SQLite in WAL mode, debug off, mail printed to the console.
Production sets at least KLANG_SECRET_KEY, DATABASE_URL and KLANG_ALLOWED_HOSTS (see README).
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
import fontpkg_sarabun

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The test suite (pytest) gets plain static storage, non-secure cookies for http://127.0.0.1
# and a fast password hasher; everything else is as in production.
TESTING = env_bool("KLANG_TESTING", False) or "pytest" in sys.modules
DEBUG = env_bool("KLANG_DEBUG", False)
SECRET_KEY = os.environ.get("KLANG_SECRET_KEY", "")
if not SECRET_KEY:
    # The embedded demo and the tests may run without a configured key; a deployment may not
    # (`check --deploy` flags the short, insecure value).
    SECRET_KEY = "django-insecure-klang-demo-key-set-KLANG_SECRET_KEY-in-production"

ALLOWED_HOSTS = env_list("KLANG_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KLANG_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "areas",
    "orgs",
    "forums",
    "needs",
    "proposals",
    "committee",
    "planning",
    "monitoring",
    "notifications",
    "agreements",
    "audit",
    "evidence",
    "indicators",
    "budget",
    "funding",
    "api",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of the login views (django-axes' documented order).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "klang.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.klang",
                "notifications.context_processors.unread_notifications",
            ],
            "builtins": ["portal.templatetags.klang"],
        },
    },
]

WSGI_APPLICATION = "klang.wsgi.application"

# Database: SQLite (WAL) by default so the demo needs nothing installed; PostgreSQL in production
# and in CI, via DATABASE_URL=postgres://user@host:5432/name.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("KLANG_SQLITE_PATH", str(BASE_DIR / "var" / "klang.sqlite3")),
            # Reuse a connection for a minute instead of reopening the file (and re-running
            # the PRAGMAs) on every request.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades
                # failing under concurrent writers.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 at Django's parameters costs ~0.1 s a hash; the suite creates hundreds of users.
    # accounts/tests checks that a deployment hashes with Argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling (django-axes): five failures for one e-mail from one address lock that pair
# out for 15 minutes. Attempts are stored in the database, so every app process sees them.
AXES_FAILURE_LIMIT = int(os.environ.get("KLANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KLANG_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# E-mail addresses log in without regard to case; the throttle counts them the same way.
AXES_USERNAME_CALLABLE = "accounts.throttling.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("KLANG_PROXY_COUNT", "0")) or None

# Internationalisation: Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "klang_language"
LANGUAGE_COOKIE_SECURE = env_bool("KLANG_SECURE_COOKIES", not (DEBUG or TESTING))
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    # Sarabun (SIL Open Font License) from the PyPI package fontpkg-sarabun: no CDN at run time.
    ("fonts", Path(fontpkg_sarabun.__file__).parent / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and a fresh checkout serve static files straight from the apps.
WHITENOISE_USE_FINDERS = TESTING or DEBUG
WHITENOISE_AUTOREFRESH = TESTING or DEBUG
MEDIA_ROOT = Path(os.environ.get("KLANG_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"

# Mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("KLANG_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("KLANG_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KLANG_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KLANG_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KLANG_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("KLANG_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("KLANG_DEFAULT_FROM_EMAIL", "Klang <no-reply@klang.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions and cookies: secure unless running in debug on plain HTTP.
SECURE_COOKIES = env_bool("KLANG_SECURE_COOKIES", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("KLANG_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("KLANG_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("KLANG_BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Background work (notification delivery, digests). In-process by default, so the embedded
# demo needs no worker; KLANG_TASKS=database queues tasks in the database for
# `manage.py db_worker` processes (PostgreSQL in production).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("KLANG_TASKS", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# One cache shared by every app process (cached statistics, budget summaries, list totals and
# import progress must agree across gunicorn workers): Redis when KLANG_CACHE_URL names one
# (redis://host:6379/0, for several machines), else files under var/cache (one machine).
# Tests use memory, emptied before each test.
_CACHE_URL = os.environ.get("KLANG_CACHE_URL", "")
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 5000}}}
elif _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": _CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": os.environ.get("KLANG_CACHE_DIR",
                                                     str(BASE_DIR / "var" / "cache")),
                          "OPTIONS": {"MAX_ENTRIES": 20000}}}

# The site's public address, for links in e-mails and LINE messages.
KLANG_SITE_URL = os.environ.get("KLANG_SITE_URL", "http://127.0.0.1:8000")

# LINE Messaging API (notifications); off unless a channel access token is configured.
LINE_CHANNEL_ACCESS_TOKEN = os.environ.get("KLANG_LINE_CHANNEL_ACCESS_TOKEN", "")
LINE_API_HOST = os.environ.get("KLANG_LINE_API_HOST", "https://api.line.me")

# Uploads: forums' photos and documents, evidence files, progress photos.
KLANG_UPLOAD_MAX_BYTES = int(os.environ.get("KLANG_UPLOAD_MAX_MB", "10")) * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Household evidence (PDPA): keys that encrypt names, ID numbers, phones, addresses and GPS
# positions at rest, "id:base64key,id:base64key", the first one encrypting (see evidence/crypto.py;
# make one with `manage.py evidence_key`). Empty: a key derived from the secret key (demo only).
EVIDENCE_KEYS = os.environ.get("KLANG_EVIDENCE_KEYS", "")
# No published statistic cell counts fewer households than this (DESIGN.md §6).
EVIDENCE_SUPPRESSION_THRESHOLD = int(os.environ.get("KLANG_SUPPRESSION_THRESHOLD", "5"))
# Household imports larger than the upload limit are accepted up to this size (streamed).
EVIDENCE_IMPORT_MAX_BYTES = int(os.environ.get("KLANG_IMPORT_MAX_MB", "1024")) * 1024 * 1024

# The demo marker: shown on every page when the database holds demo data.
KLANG_DEMO_BANNER = env_bool("KLANG_DEMO", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KLANG_LOG_LEVEL", "WARNING")},
}
