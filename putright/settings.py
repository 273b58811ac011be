"""Django settings for Putright. Every value a deployment may change comes from the
environment (README.md, "Configuration"); defaults suit `make run` on one machine."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PUTRIGHT_DATA_DIR") or BASE_DIR / "var").resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept under DATA_DIR, so a
    deployment that forgets to set it is still not running on a published key."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "putright.landlords",
    "putright.residents",
    "putright.complaints",
    "putright.registers",
    "putright.compliments",
    "putright.letters",
    "putright.reports",
    "putright.selfassessment",
    "putright.ombudsman",
    "putright.learning",
    "putright.api",
    "putright.staff",
    "putright.web",
    "putright.portal",
    "putright.demo",
    # Listed so the API documentation takes Swagger UI from django-ninja's own static files,
    # not a CDN; last, so putright/api/templates/ninja/swagger.html comes first.
    "ninja",
]

MIDDLEWARE = [
    # First, to time the whole request; not installed unless METRICS_ENABLED.
    "putright.web.metrics.RequestMetricsMiddleware",
    # The client's address from a trusted proxy's X-Forwarded-For (TRUSTED_PROXIES), before
    # the rate limits and sign-in lock-outs read REMOTE_ADDR.
    "putright.web.proxy.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which authenticator (if any) has confirmed this session: request.user.is_verified().
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Which landlord the public pages speak for: by /l/<slug>/, host name, or the only one.
    "putright.web.public.PublicLandlordMiddleware",
    # Before any view or the CSRF check reads a form: a body too big is refused unread.
    "putright.portal.middleware.RequestSizeLimit",
    "csp.middleware.CSPMiddleware",
    "putright.web.middleware.NoStoreMiddleware",
    "putright.web.middleware.AdminIdleTimeoutMiddleware",
    # After the idle timeout: a signed-in person who still owes a code, or must set up an
    # authenticator first, is sent there before any staff or admin page (docs/security.md).
    "putright.staff.two_factor.middleware.SecondFactorMiddleware",
    # Last, so a lock-out's page passes through the headers above.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "putright.urls"
WSGI_APPLICATION = "putright.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "putright.web.context.branding",
                "putright.web.context.staff_workspace",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'putright.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db, conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while an import writes; IMMEDIATE avoids lock upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

# PostgreSQL only: just-in-time compilation of queries, off by default for the app's
# connections. The planner turns it on for any query it costs above jit_above_cost, and the
# work queue's query over a large landlord's open work is costed so: measured on the
# national data set, 49 ms of its 55 ms went on compiling it (docs/performance.md, "The
# national mixed day"). DATABASE_JIT=server leaves it to the server's own setting.
DATABASE_JIT = os.environ.get("DATABASE_JIT", "off").strip().lower()
if DATABASE_JIT not in ("off", "server"):
    raise ValueError(f"DATABASE_JIT must be off or server, not {DATABASE_JIT!r}")


# PostgreSQL only: parallel query. A page's queries read one landlord's rows through its
# indexes, and many run at once; a parallel plan starts worker processes for a single query,
# which on a busy server only take the CPUs other requests are waiting for. At the national
# data set's largest landlord the work queue took 120 ms (p50) with the server's default of
# two workers a query and 107 ms with none (docs/performance.md, "The work queue at
# national scale"). So by default the app's connections start with none
# (max_parallel_workers_per_gather=0), and a report's own transaction
# (putright/reports/session.py), which reads a year of records at once, is given
# REPORT_PARALLEL_WORKERS. DATABASE_PARALLEL=server leaves it to the server throughout.
DATABASE_PARALLEL = os.environ.get("DATABASE_PARALLEL", "reports").strip().lower()
if DATABASE_PARALLEL not in ("reports", "server"):
    raise ValueError(f"DATABASE_PARALLEL must be reports or server, not {DATABASE_PARALLEL!r}")
_report_workers = os.environ.get("REPORT_PARALLEL_WORKERS", "2").strip()
if not re.fullmatch(r"[0-9]{1,2}", _report_workers) or int(_report_workers) > 64:
    raise ValueError(
        "REPORT_PARALLEL_WORKERS must be a whole number of worker processes from 0 to 64, "
        f"not {_report_workers!r}"
    )
REPORT_PARALLEL_WORKERS = int(_report_workers)


def _startup_options(database: Any) -> None:
    """Add ``-c jit=off`` and ``-c max_parallel_workers_per_gather=0`` (as DATABASE_JIT and
    DATABASE_PARALLEL ask) to a PostgreSQL connection's startup options, after any the URL
    gave."""
    options = database.setdefault("OPTIONS", {})
    given = [options.get("options", "")]
    if DATABASE_JIT == "off":
        given.append("-c jit=off")
    if DATABASE_PARALLEL == "reports":
        given.append("-c max_parallel_workers_per_gather=0")
    options["options"] = " ".join(o for o in given if o)
    if not options["options"]:
        del options["options"]


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _startup_options(DATABASES["default"])

# PostgreSQL only: the work_mem a report's transaction counts with (SET LOCAL, that
# transaction alone; putright/reports/session.py; docs/operations.md). At the server's
# default 4 MB the report's grouped passes over a large record spill to disk. Empty: the
# server's own setting. PostgreSQL's units: kB, MB, GB.
REPORT_WORK_MEM = os.environ.get("REPORT_WORK_MEM", "64MB").strip()
if REPORT_WORK_MEM and not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", REPORT_WORK_MEM):
    raise ValueError(
        "REPORT_WORK_MEM must be an amount of memory in PostgreSQL's units, such as 64MB, "
        f"256MB or 1GB (or empty for the server's own work_mem), not {REPORT_WORK_MEM!r}"
    )

# A PostgreSQL streaming replica that reports, breakdowns and register exports may read
# from (putright/landlords/replica.py; docs/operations.md). The same connection options as
# the primary; a replica that does not answer within 5 seconds is passed over. In tests the
# alias mirrors default: the replica cluster streams the test database of the same name.
if _replica_url := os.environ.get("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=60, conn_health_checks=True
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        _startup_options(DATABASES["replica"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["putright.landlords.replica.ReplicaRouter"]
# Seconds the replica may be behind before reports read from the primary instead; unset,
# any lag is accepted (a report is then up to the replica's lag behind the record).
DATABASE_REPLICA_MAX_LAG: float | None = None
if _max_lag := os.environ.get("DATABASE_REPLICA_MAX_LAG", "").strip():
    try:
        DATABASE_REPLICA_MAX_LAG = float(_max_lag)
    except ValueError:
        raise ValueError(
            f"DATABASE_REPLICA_MAX_LAG must be a number of seconds, such as 30, not {_max_lag!r}"
        ) from None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages the resident pages can be offered in: English first, then those a landlord
# can turn on (its settings, "Portal languages"). Their texts are in
# putright/portal/locale/<code>/LC_MESSAGES/django.po, compiled to the .mo beside it.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# putright/web/static/ (with build/, made by `make frontend`) is found as the web app's own
# static directory; listing it in STATICFILES_DIRS too would find every file twice.
# Uploaded files and generated documents (attachments, letters' PDFs, the Ombudsman's files,
# published reports, register uploads waiting to be confirmed): never served publicly (no
# MEDIA_URL route, no public or presigned link); every download goes through a view that
# checks who is asking. Kept in the folder DATA_DIR/files, or with FILE_STORAGE=s3 in an
# S3-compatible bucket, so that no app server holds state (docs/operations.md, "Where files
# are kept").


def file_storage(environ: Mapping[str, str], data_dir: Path) -> dict[str, Any]:
    """``STORAGES["default"]`` as FILE_STORAGE and the S3_* variables in ``environ`` say
    (docs/operations.md, "Where files are kept")."""

    def value(name: str) -> str:
        return environ.get(name, "").strip()

    bucket = value("S3_BUCKET")
    kind = (value("FILE_STORAGE") or ("s3" if bucket else "local")).lower()
    if kind == "local":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(data_dir / "files")},
        }
    # ValueError, not ImproperlyConfigured, which Django's command line would pass over.
    if kind != "s3":
        raise ValueError(f"FILE_STORAGE must be local or s3, not {kind!r}")
    if not bucket:
        raise ValueError("FILE_STORAGE=s3 needs S3_BUCKET, the name of the bucket")
    encryption = value("S3_SERVER_SIDE_ENCRYPTION")
    if encryption not in {"", "AES256", "aws:kms"}:
        raise ValueError(
            f"S3_SERVER_SIDE_ENCRYPTION must be AES256 or aws:kms (or unset), not {encryption!r}"
        )
    parameters = {"ServerSideEncryption": encryption} if encryption else {}
    if kms_key := value("S3_KMS_KEY_ID"):
        if encryption != "aws:kms":
            raise ValueError("S3_KMS_KEY_ID needs S3_SERVER_SIDE_ENCRYPTION=aws:kms")
        parameters["SSEKMSKeyId"] = kms_key
    addressing = value("S3_ADDRESSING_STYLE").lower()
    if addressing not in {"", "auto", "path", "virtual"}:
        raise ValueError(f"S3_ADDRESSING_STYLE must be auto, path or virtual, not {addressing!r}")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Every name under this prefix: one bucket may hold several installations.
            "location": value("S3_PREFIX").strip("/"),
            "endpoint_url": value("S3_ENDPOINT_URL") or None,
            "region_name": value("S3_REGION") or None,
            "addressing_style": addressing or None,
            # Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and
            # AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the server's or container's role), never
            # from a setting of ours.
            # No ACL is sent with any object: it is the bucket owner's alone, and buckets
            # that refuse ACLs (AWS's default since 2023) accept that. The bucket blocks
            # public access; nothing of Putright asks it for a URL (no public or presigned
            # link): every file goes out through a view that checks who is asking.
            "default_acl": None,
            # A name already taken gets a new one, as in the folder: never written over.
            "file_overwrite": False,
            "object_parameters": parameters,
        },
    }


STORAGES = {
    "default": file_storage(os.environ, DATA_DIR),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

_email = dj_email_url.parse(os.environ.get("EMAIL_URL") or "console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "complaints@putright.localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Behind HTTPS (SECURE_COOKIES=true): plain HTTP is redirected and browsers are told to use
# HTTPS alone for a year (HSTS). healthz stays on HTTP for a load balancer's checks.
_https = not DEBUG and _env_bool("SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", _https)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (31536000 if _https else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", True)
# The header a TLS-terminating proxy sets to "https" (e.g. X-Forwarded-Proto). Trusted only
# when named: a proxy that passes a client's own header through would let it claim HTTPS.
if _proxy_ssl_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
# The proxies whose X-Forwarded-For gives the client's address (putright/web/proxy.py):
# addresses, networks and "unix" (a proxy on gunicorn's unix socket). None by default.
TRUSTED_PROXIES = [p for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# Content-Security-Policy on every page (docs/security.md): scripts, styles, fonts and
# images from our own static files only, nothing inline; no page may be framed and no form
# may post elsewhere. data: images are the blank favicon and Swagger UI's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in throttling (django-axes): after SIGN_IN_FAILURE_LIMIT wrong passwords for one
# username, or from one address, signing in is refused for SIGN_IN_LOCKOUT_MINUTES, at the
# staff sign-in, the admin's and when changing a password. An administrator unlocks sooner
# (README, "Running it for real"); each lock-out is logged (putright.staff.throttle).
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "putright.staff.throttle.locked_out"
# The address is REMOTE_ADDR, as for the portal's rate limits: behind a proxy, pass the
# client's address through (gunicorn's --forwarded-allow-ips).
AXES_SENSITIVE_PARAMETERS = ["password", "old_password", "new_password1", "new_password2"]

# A staff session left idle this long ends (putright.web.access).
STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "60"))
# How long an invitation's link to set a password works (putright.landlords.invitations).
STAFF_INVITE_DAYS = int(os.environ.get("STAFF_INVITE_DAYS", "7"))

# The second factor (docs/security.md, "Second factor"): the roles that must use an
# authenticator app's code after their password, comma-separated Role values (officer,
# handler, senior_handler, contractor_handler, viewer, administrator); anyone else may set
# one up. "administrator" also covers an account that can use the Django admin (is_staff).
TWO_FACTOR_REQUIRED_ROLES = [
    r.strip()
    for r in os.environ.get("TWO_FACTOR_REQUIRED_ROLES", "officer,administrator").split(",")
    if r.strip()
]
#: The name an authenticator app shows beside the account.
OTP_TOTP_ISSUER = os.environ.get("TWO_FACTOR_ISSUER", "Putright")
# django-otp's own throttle stays on: each wrong code doubles the wait before the next is
# checked (1, 2, 4 ... seconds), and only a right code resets it, so signing in again with
# the password does not give a guesser a fresh start. Wrong codes count towards the
# lock-out above too.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Single sign-on with OpenID Connect (docs/security.md, "Single sign-on"): off unless the
# client and the provider's endpoints are all set (README has Microsoft Entra ID's values).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
# Accounts are matched by email to staff the landlord's administrator has made; never made.
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 15
OIDC_AUTHENTICATION_CALLBACK_URL = "staff:sso_callback"
if OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT:
    AUTHENTICATION_BACKENDS.append("putright.staff.sso.StaffAccountByEmail")

LOGIN_URL = "/staff/sign-in/"
LOGIN_REDIRECT_URL = "/staff/"

# /healthz fails when more than HEALTHZ_TASK_BACKLOG_LIMIT background tasks have waited
# longer than HEALTHZ_TASK_MAX_WAIT_MINUTES for the worker (0 minutes: not checked).
HEALTHZ_TASK_MAX_WAIT_MINUTES = int(os.environ.get("HEALTHZ_TASK_MAX_WAIT_MINUTES") or "15")
HEALTHZ_TASK_BACKLOG_LIMIT = int(os.environ.get("HEALTHZ_TASK_BACKLOG_LIMIT") or "0")

# /metrics for Prometheus (putright.web.metrics): not found unless enabled; with a token,
# only for a scrape that gives it as "Authorization: Bearer TOKEN".
METRICS_ENABLED = _env_bool("METRICS_ENABLED")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# LOG_FORMAT=json writes each log record as one JSON object per line, for a log shipper.
LOG_FORMAT = (os.environ.get("LOG_FORMAT") or "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    # ValueError, not ImproperlyConfigured, which Django's command line would pass over.
    raise ValueError(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
_log_formatters = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",  # ISO 8601, UTC
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": _log_formatters if LOG_FORMAT == "json" else {},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django logs through its own handlers too; stop its messages printing twice.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
