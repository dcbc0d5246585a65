"""Settings for the drafting assistant, read from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean such as 1/0, true/false, yes/no from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY the development key is used; the server refuses to start with it unless DEBUG is on
# (drafting.checks and drafting.wsgi enforce that, so tests and management commands still run).
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")
# Set BEHIND_PROXY=1 only when a reverse proxy sets X-Forwarded-Proto and X-Forwarded-For: then
# (and only then) the scheme and the client address are read from those headers.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "proposals",
    "drafting",
]

MIDDLEWARE = [
    "drafting.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "drafting.nostore.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL in the address or query string: 400 in the user's language before any lookup.
    "drafting.nulbytes.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a refused sign-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "drafting.urls"
WSGI_APPLICATION = "drafting.wsgi.application"
ASGI_APPLICATION = "drafting.asgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite connections are cheap and not shared across threads; WAL lets readers run beside a writer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: a locked-out sign-in is refused before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Not a rule on passwords: when a password changes, the user's API tokens are revoked.
    {"NAME": "drafting.services.tokens.RevokeTokensOnPasswordChange"},
]
# Sign-in throttling (django-axes), for the login page, the admin login and /api/auth/token/ alike:
# after LOGIN_FAILURE_LIMIT failures for one username, or from one client address, sign-in is
# refused (429, Retry-After) for LOGIN_COOLOFF_MINUTES, or until staff delete the access attempt.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout costs one query and no write, and does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "drafting.signin.client_ip"
AXES_LOCKOUT_CALLABLE = "drafting.signin.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here (make serve does it); outside the checkout's tracked files by default.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# collectstatic compresses (gzip and Brotli) only the hashed names, and not the source maps: that keeps
# `make serve` quick to start; the maps are still served, uncompressed.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# The derived bold CJK face for PDFs is built once into this folder (make serve builds it first).
# Each process keeps rendered provision page bodies and law redlines in memory; every key is made
# from the database's state, so app servers never need to share it (README, Deploying).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "2000"))},
    }
}

PDF_FONT_CACHE = Path(os.environ.get("PDF_FONT_CACHE", BASE_DIR / "var" / "fonts"))

# Long work (large PDFs and Word files, whole-statute imports) runs as tasks (django.tasks) stored in
# the database (django-tasks-db): `make run` and `make serve` start a worker (manage.py db_worker)
# beside the web server; TASK_WORKERS sets how many `make serve` starts. Tests use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# An export of at least this many rows (provisions, plus comments and replies when printed)
# in one of BACKGROUND_FORMATS is made by a task, with a progress page;
# smaller ones answer at once. An imported text of at least BACKGROUND_IMPORT_CHARS characters too.
BACKGROUND_EXPORT_ROWS = int(os.environ.get("BACKGROUND_EXPORT_ROWS", "300"))
BACKGROUND_FORMATS = env_list("BACKGROUND_FORMATS", "pdf,docx,xlsx")
BACKGROUND_IMPORT_CHARS = int(os.environ.get("BACKGROUND_IMPORT_CHARS", "100000"))

# Uploads are never accepted: the product stores legal text only.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (Django's middleware): scripts, styles, images and requests from this site
# only; a template that needs an inline <style> or <script> marks it with nonce="{{ csp_nonce }}".
# Exported HTML documents get their own, stricter policy (drafting.web.exports.DOCUMENT_CSP).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    # Both reach beyond this site (every subdomain; browsers' built-in lists): opt in explicitly.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # The deploy check would ask for both; leaving them off is this project's documented choice.
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
if BEHIND_PROXY:
    # Only a proxy that sets X-Forwarded-Proto itself may tell Django the request was HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# API tokens (django-rest-knox): only a SHA-512 digest is stored; a token expires API_TOKEN_HOURS
# after it was issued. Send it as "Authorization: Token <key>".
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("API_TOKEN_HOURS", "24"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Legislative drafting assistant API",
    "DESCRIPTION": "Bills, draft provisions, revisions, comments and treaty obligations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files come from this server (the sidecar package), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 400 and 414 are possible on every operation (drafting.api.schema_hooks).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drafting.api.schema_hooks.document_common_answers",
    ],
    # One schema name per choice set, so clients see one enum where the models share one.
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "drafting.models.Role",
        "ProvisionStatusEnum": "drafting.models.Provision.Status",
        "OperationEnum": "drafting.models.Provision.Operation",
        "CommentStatusEnum": "drafting.models.Comment.Status",
        "LanguageEnum": "drafting.models.Comment.Language",
        "BillStatusEnum": "drafting.models.Bill.Status",
        "ExtentEnum": "drafting.models.Extent",
        "LevelEnum": "proposals.models.Level",
        "ConfidenceEnum": "proposals.models.Confidence",
        "InstrumentKindEnum": "proposals.models.Instrument.Kind",
        "ChinaStatusEnum": "proposals.models.Instrument.ChinaStatus",
        "ObligationKindEnum": "proposals.models.Obligation.Kind",
        "StrengthEnum": "proposals.models.Obligation.Strength",
        "DraftKindEnum": "drafting.models.DraftKind",
        "SearchKindEnum": "drafting.models.SearchEntry.Kind",
        "DispositionKindEnum": "drafting.models.DispositionKind",
        "StatementSectionEnum": "drafting.models.StatementSection",
        "ChangeKindEnum": "drafting.api.views_drafts.CHANGE_KINDS",
    },
}

# Limits on text a user may send (characters); the API and forms enforce them.
MAX_PROVISION_TEXT = 200_000
MAX_COMMENT_BODY = 10_000
MAX_NOTE = 2_000
# Comments and replies one user may post per minute through the pages and the API (429 beyond).
COMMENT_RATE_LIMIT = int(os.environ.get("COMMENT_RATE_LIMIT", "30"))

# One JSON line per record on stdout: every request (drafting.request, INFO) and every error with its
# traceback (django.request). LOG_LEVEL sets the rest; REQUEST_LOG=0 silences the request lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "drafting.observability.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "drafting.request": {
            "level": "INFO" if env_bool("REQUEST_LOG", True) else "WARNING",
            "handlers": ["stdout"],
            "propagate": False,
        },
        "django.request": {"level": "ERROR", "handlers": ["stdout"], "propagate": False},
    },
}
