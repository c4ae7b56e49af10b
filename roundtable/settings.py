"""Settings for roundtable, read from the environment.

SQLite is the default so that a fresh checkout runs with nothing else installed;
production sets DATABASE_URL to a PostgreSQL database.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

# Django ships no Lao locale; describe it so that LocaleMiddleware and get_language_info know it.
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"})

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The public address for links in emails and feeds. Unset: the address of the request (or of the request
# that started a background task) is used, so `PORT=8101 make demo` writes links to port 8101.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's form templates, for FORM_RENDERER below.
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    # Django's tasks API on 5.2 (the backport), and its database backend's queue table: installed whichever
    # backend runs, so that switching RT_TASKS_BACKEND needs no migration.
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "roundtable.core",
    "roundtable.accounts",
    # The domain apps in the order of their layers (lowest first): their demos load in this order too.
    "roundtable.frameworks",
    "roundtable.directory",
    "roundtable.groups",
    "roundtable.workplans",
    "roundtable.meetings",
    "roundtable.minutes",
    "roundtable.aid",
    "roundtable.search",
    "roundtable.reports",
    "roundtable.compliance",
    "roundtable.website",
    "roundtable.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # ETags: a visitor on a slow, costly link who reloads an unchanged page gets a 304, not the page again.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous visitors' public pages from the cache (roundtable/core/pagecache.py), before the session,
    # language and template work that a stored page no longer needs; every HTML page's Cache-Control.
    "roundtable.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware (which refuses a host ALLOWED_HOSTS does not name): the links emails carry.
    "roundtable.core.links.OriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "roundtable.urls"
WSGI_APPLICATION = "roundtable.wsgi.application"

# Forms render through the project's templates: roundtable/templates/django/forms/ puts a summary of the
# errors at the top of every form (with links to the fields), the field errors staying by their fields.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "roundtable" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "roundtable.core.context_processors.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool("RT_SQLITE_LEGACY", False):
    # A small office's writers must never see "database is locked": write-ahead logging lets readers go on
    # while one writes; IMMEDIATE transactions take the write lock at BEGIN (no deadlock between two readers
    # turning writers), and a writer waits up to `timeout` seconds for the lock instead of failing.
    # (RT_SQLITE_LEGACY=1 keeps Django's defaults: only for bench/load.py's comparison.)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

# The cache: local memory in each process unless REDIS_URL names a Redis server (shared by every process
# and machine; needs the `redis` package). The page cache (roundtable/core/pagecache.py) keeps anonymous
# pages RT_PAGE_CACHE_SECONDS at most (any change to a record makes them stale at once) and tells browsers
# to keep them RT_PAGE_MAX_AGE seconds. With local memory, the site's generation is a small file that every
# process on the machine reads (RT_PAGE_CACHE_STAMP; a file in the temporary folder by default).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "roundtable",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}
RT_PAGE_CACHE = env_bool("RT_PAGE_CACHE", True)
RT_PAGE_CACHE_SECONDS = int(os.environ.get("RT_PAGE_CACHE_SECONDS", "600"))
RT_PAGE_MAX_AGE = int(os.environ.get("RT_PAGE_MAX_AGE", "60"))
RT_PAGE_CACHE_STAMP = os.environ.get("RT_PAGE_CACHE_STAMP", "")
# The iCalendar feeds carry this many months back and everything ahead (cached like the pages).
RT_FEED_PAST_MONTHS = int(os.environ.get("RT_FEED_PAST_MONTHS", "12"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in throttling (django-axes), on the site's log-in and the admin's: after AXES_FAILURE_LIMIT failures
# the account is locked for AXES_COOLOFF_MINUTES, from wherever it is tried (the lockout page says so); a
# successful log-in clears the count. The account, not the address: a whole ministry often reaches the
# internet through one address, and one person's typos must not lock out every colleague
# (AXES_LOCKOUT_BY=username,ip_address adds the address where that is not so).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = env_list("AXES_LOCKOUT_BY", "username")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "roundtable.accounts.lockout.locked_out"
# Behind the reverse proxy, the visitor's address is the last one it adds to X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "website:dashboard"
LOGOUT_REDIRECT_URL = "website:home"

# Languages: Lao is the default, English the second working language.
LANGUAGE_CODE = "lo"
LANGUAGES = [("lo", "ລາວ"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["roundtable.formats"]
TIME_ZONE = "Asia/Vientiane"
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic writes hashed names (and .gz/.br copies) here when DEBUG is off: WhiteNoise serves them
# compressed, with a year's max-age and `immutable` (a changed file is a new name).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "roundtable" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Round Table Process <no-reply@rtm.org.la>")

# Background work (emails, large documents, imports) through Django's tasks API (django-tasks on 5.2).
# "immediate" (the default) runs each task at once in the process that queued it: a fresh checkout and the
# tests need no worker. "database" queues tasks in the database (django-tasks-db) for `manage.py db_worker`.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = os.environ.get("RT_TASKS_BACKEND", "immediate").strip().lower()
if _tasks_backend not in TASKS_BACKENDS:
    raise RuntimeError(f"RT_TASKS_BACKEND is one of {', '.join(TASKS_BACKENDS)}, not {_tasks_backend!r}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_tasks_backend]}}

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "roundtable.core.api_pagination.PublicPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Round Table Process of the Lao PDR: public API",
    "DESCRIPTION": (
        "Read-only open data of the Round Table Process: groups, organisations, results frameworks, public "
        "meetings, published minutes and their action points, published work plans, Round Table meeting "
        "cycles and published progress reports, the compliance scorecard, aid activities and funding by "
        "group (IATI and the national ODA database), and search."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # No validator badge: it would make every visitor's browser call validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The guideline's numbers and the platform's defaults: settings, not code.
ROUNDTABLE = {
    # A chair or co-chair term that ends within this many days is flagged "rotation due".
    "ROTATION_REMINDER_DAYS": int(os.environ.get("RT_ROTATION_REMINDER_DAYS", "90")),
    "COCHAIR_TERM_YEARS": 2,
    "MAX_COCHAIRS": 3,
    # Work plans for year Y are due on this month/day of Y.
    "WORKPLAN_DUE_MONTH_DAY": (1, 31),
    # An SWG meets at least this many times a quarter; a sub-SWG this many times a year.
    "SWG_MEETINGS_PER_QUARTER": 1,
    "SUBSWG_MEETINGS_PER_YEAR": 2,
    "MINUTES_SEND_WITHIN_DAYS": 14,
    "MINUTES_PUBLISH_WITHIN_DAYS": 30,
    "IMPORT_MAX_BYTES": 2 * 1024 * 1024,
    "UPLOAD_MAX_BYTES": 20 * 1024 * 1024,
}

# Imports of people and stakeholder lists (roundtable/directory/importing/): a file past RT_IMPORT_MAX_ROWS
# rows, or an XLSX that unpacks past RT_IMPORT_MAX_UNPACKED_BYTES, is refused with a message; a confirmed
# import of more than RT_IMPORT_BACKGROUND_ROWS rows is written by a background job whose page shows its
# progress.
RT_IMPORT_MAX_ROWS = int(os.environ.get("RT_IMPORT_MAX_ROWS", "5000"))
RT_IMPORT_BACKGROUND_ROWS = int(os.environ.get("RT_IMPORT_BACKGROUND_ROWS", "500"))
RT_IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("RT_IMPORT_MAX_UNPACKED_BYTES", str(20 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Security headers ------------------------------------------------------------------------------
# A Content-Security-Policy on every response: everything comes from the platform itself (htmx, the
# stylesheet, the Lao font), nothing inline but what carries the request's nonce.
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
    }
}
# HTTPS in production: on by default when DEBUG is off (the reverse proxy terminates TLS and forwards
# X-Forwarded-Proto); each can be turned off by its variable, e.g. behind a proxy that already redirects.
if not DEBUG:
    # Only behind the reverse proxy, which sets this header itself (a client's own is overwritten).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list binds the whole domain for years: the domain's owner decides
# (SECURE_HSTS_PRELOAD=true), so `check --deploy` is not asked to insist.
# axes.W006 asks for the address among the lockout parameters; the lock is on the account on purpose (see
# AXES_LOCKOUT_PARAMETERS): one address is often a whole ministry. Rate-limit by address at the proxy.
# drf_spectacular.W001: several apps have a field named "status" with different choices; the schema names each
# enum by a hash of its choices (Status0c5Enum…), which is stable, so the warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["security.W021", "axes.W006", "drf_spectacular.W001"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
