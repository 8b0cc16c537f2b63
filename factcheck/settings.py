"""Settings for factcheck, read from the environment.

One file for every environment. Development is `DJANGO_DEBUG=1` (what `make run` sets); anything else is
treated as production, where a missing secret or host list stops the start instead of falling back to a
default. Every variable read here is listed in `.env.example`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_count(name: str, default: int) -> int:
    """A count (of proxies in front, say): 0 or more; a negative one is refused."""
    value = env_int(name, default)
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be 0 or more, got {value}")
    return value


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off (see .env.example); refusing to start with a default."
        )
    return value


DEBUG = env_bool("DJANGO_DEBUG", False)
DEVELOPMENT_SECRET_KEY = "insecure-development-key-never-used-in-production"  # noqa: S105 -- public on purpose

if DEBUG:
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    # A key anyone can read (.env.example's placeholder, the development key, Django's generated-for-a-demo
    # prefix) signs sessions and password resets that anyone could forge.
    if SECRET_KEY.startswith(("change-me", "django-insecure-")) or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is a published placeholder; set 50 or more random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "claims",
    # Creates the shared cache's table at the end of every migrate (factcheck.caches).
    "factcheck.caches.SharedCacheConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 413 for an API body over DATA_UPLOAD_MAX_MEMORY_SIZE, before anything reads it.
    "factcheck.middleware.APIBodySizeMiddleware",
    # Sends the reads of requests that write nothing to replicas; a no-op without DATABASE_REPLICA_URLS.
    "factcheck.replicas.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "factcheck.middleware.AdminStyleAttributesMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a username and address after repeated failures, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "factcheck.urls"

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
                "claims.web.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

# DATABASE_URL unset or empty (as .env.example writes it): the embedded SQLite file, so a fresh machine
# needs nothing else. Set: that database (PostgreSQL through psycopg 3 in production).
SQLITE_PATH = os.environ.get("SQLITE_PATH") or str(BASE_DIR / "db.sqlite3")
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue behind one another: BEGIN IMMEDIATE takes the write lock at the start of each
    # transaction, so a read-then-write never fails half-way with "database is locked", and the
    # timeout lets a second writer wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

# --- Read replicas and a connection pooler (docs/scaling.md) --------------------------------------------
# DATABASE_REPLICA_URLS: comma-separated URLs of read replicas, aliases replica1..n. With any, reads of
# requests that write nothing go to a replica and a client that just wrote reads from the primary for
# DATABASE_READ_YOUR_WRITES_SECONDS (factcheck.replicas.ReadYourWritesMiddleware, in MIDDLEWARE above).
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0), conn_health_checks=True
    )
    # Tests run against the primary's test database through this alias too.
    DATABASES[f"replica{_number}"]["TEST"] = {"MIRROR": "default"}
if DATABASE_REPLICA_URLS:
    # The cache table first: throttle counts are read where they are written, never from a lagging copy.
    DATABASE_ROUTERS = ["factcheck.caches.CacheTableRouter", "factcheck.replicas.PrimaryReplicaRouter"]
READ_YOUR_WRITES_SECONDS = env_int("DATABASE_READ_YOUR_WRITES_SECONDS", 5)

# DATABASE_POOLER=transaction: PostgreSQL is reached through pgbouncer in transaction mode, where each
# transaction may land on a different server connection. Server-side cursors (.iterator()) and prepared
# statements live on one server connection, so both are turned off. CONN_MAX_AGE may then stay high
# (it keeps connections to pgbouncer, which are cheap); the pooler caps the server connections.
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "").strip().lower()
if DATABASE_POOLER not in ("", "session", "transaction"):
    raise ImproperlyConfigured(f"DATABASE_POOLER must be empty, 'session' or 'transaction', got {DATABASE_POOLER!r}")
if DATABASE_POOLER == "transaction":
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database["DISABLE_SERVER_SIDE_CURSORS"] = True
            # psycopg 3 prepares a statement after it runs prepare_threshold times; None never prepares.
            _database.setdefault("OPTIONS", {})["prepare_threshold"] = None
# --- end of read replicas and pooler ------------------------------------------------------------------------

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Production serves hashed, compressed files built by collectstatic; development and the test suite
# (DJANGO_STATIC_MANIFEST=0) serve the source files as they are.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# The organisation that publishes the fact-checks: the `author` of every ClaimReview.
FACTCHECK_PUBLISHER_NAME = os.environ.get("FACTCHECK_PUBLISHER_NAME", "factcheck")
FACTCHECK_PUBLISHER_URL = os.environ.get("FACTCHECK_PUBLISHER_URL", "")
# Absolute base of the public site, used where a page is linked from outside a request (feeds, API, JSON-LD).
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "")
# A verdict becomes public only once a second editor signs it off (claims.services.status); on by default
# outside debug mode, so that a newsroom's own site never skips it by accident.
FACTCHECK_SIGNOFF_REQUIRED = env_bool("FACTCHECK_SIGNOFF_REQUIRED", default=not DEBUG)

# --- Proxies in front (docs/security.md) ------------------------------------------------------------------
# How many proxies the deployment puts in front of gunicorn, each appending to X-Forwarded-For. 0 (the
# default): the client is the socket's address and X-Forwarded-For is ignored, since anyone can send one.
# 1 behind the compose file's nginx. The API's throttle and the admin's login lockouts read the client's
# address through this count.
FACTCHECK_TRUSTED_PROXIES = env_count("FACTCHECK_TRUSTED_PROXIES", 0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON in and out: one body format to validate and to document.
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.JSONParser"],
    # Reads the rate at request time, so tests can change it with override_settings.
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
    # The anonymous throttle's client address: the socket's, or the one the trusted proxies recorded.
    "NUM_PROXIES": FACTCHECK_TRUSTED_PROXIES,
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Claims, verdicts, citations and the public corrections log.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Reads and writes have different shapes (status is read-only, dates are written as text).
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "ENUM_NAME_OVERRIDES": {
        "UnitEnum": "claims.models.QuantityUnit",
        "UncertaintyKindEnum": "claims.models.ClaimUncertainty",
        "CheckabilityEnum": "claims.models.ClaimCheckability",
        "VisibilityEnum": "claims.models.ClaimVisibility",
        "StanceEnum": "claims.models.CitationStance",
        "AccessEnum": "claims.models.CitationAccess",
        "QualifierEnum": "claims.models.QuantityQualifier",
        "DateRoleEnum": "claims.models.DateMentionRole",
        "DatePrecisionEnum": "claims.models.DateMentionPrecision",
        "SourceKindEnum": "claims.models.SourceKind",
        "NormalizedEnum": "claims.models.VerificationStatusNormalized",
    },
}

# --- Caches (docs/security.md) ---------------------------------------------------------------------------
# "default" holds values computed from the data and keyed by its revision (claims.selectors.revision): never
# stale, so each process may keep its own copy in memory. "shared" holds what must be counted across every
# worker, thread and process (the API's anonymous throttle): the database's cache table by default
# (`migrate` creates it, see factcheck.caches), Redis when REDIS_URL is set (then both live there).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must be a redis://, rediss:// or unix:// address, got {REDIS_URL!r}")
SHARED_CACHE_TABLE = "factcheck_shared_cache"
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "shared",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": SHARED_CACHE_TABLE,
            # One row per anonymous address seen in the last minute: room for a crowd before culling drops
            # (and so forgets) a third of them.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
    }


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

LOGIN_URL = "admin:login"

# --- Security -------------------------------------------------------------------------------------
# Production defaults are strict; each can be relaxed by its variable (e.g. behind a proxy that
# terminates TLS set DJANGO_SECURE_PROXY_SSL_HEADER=1). `manage.py check --deploy` passes with them.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Editors' sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Every page, the admin and the API docs load their scripts, styles and images from this host only.
# JSON-LD blocks are data, not scripts, so script-src does not need 'unsafe-inline' for them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin logins: after AXES_FAILURE_LIMIT failures for one username from one address, that pair is
# locked out for AXES_COOLOFF_HOURS.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_count("AXES_PROXY_COUNT", FACTCHECK_TRUSTED_PROXIES)
