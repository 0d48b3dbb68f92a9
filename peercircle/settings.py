"""Peercircle's one settings module, read from environment variables.

Development defaults are safe: DEBUG is off unless set, SQLite lives under var/, mail goes to
the console. Production sets DEBUG=0, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, SITE_URL and
EMAIL_URL-style settings (see docs/deploy.md).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from peercircle.lib.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_timezone,
    env_url,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PEERCIRCLE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = secret_key(debug=DEBUG, var_dir=VAR_DIR)
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = env_str("SITE_NAME", "Peercircle")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

INSTALLED_APPS = [
    "peercircle.accounts.admin_site.PeercircleAdminConfig",  # admin login through allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    # University sign-in: one SocialApp per institution, added in the admin or with
    # `manage.py add_institution` (docs/deploy.md, "University sign-in").
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
    "allauth.socialaccount.providers.openid_connect",
    # In the app order of docs/architecture.md: each app's ready() registers with those below.
    "peercircle.accounts",
    "peercircle.mail",
    "peercircle.groups",
    "peercircle.meetings",
    "peercircle.goals",
    "peercircle.programs",
    "peercircle.api",
    "peercircle.demo",
]

MIDDLEWARE = [
    "peercircle.lib.middleware.ClientIPMiddleware",
    "peercircle.lib.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the signed-in person's choice (accounts middleware, below) or the
    # browser's Accept-Language for everyone else.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The live state's unchanged answers (most of all requests during meetings), as soon as
    # the person is known (peercircle/meetings/middleware.py).
    "peercircle.meetings.middleware.UnchangedLiveStateMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "peercircle.lib.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "peercircle.accounts.middleware.UserTimezoneMiddleware",
    "peercircle.accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "peercircle.urls"
WSGI_APPLICATION = "peercircle.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'peercircle.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction mode a server-side cursor would outlive the transaction's
# server connection: DATABASE_PGBOUNCER=1 turns them off (docs/deploy.md).
if env_bool("DATABASE_PGBOUNCER"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Django's and allauth's backends, reading the user from the cache when it is Redis.
AUTHENTICATION_BACKENDS = [
    "peercircle.accounts.backends.ModelBackend",
    "peercircle.accounts.backends.AllauthBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# allauth: email is the identity; usernames are not shown to anyone.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "peercircle.accounts.forms.SignupForm"  # name and time zone too
ACCOUNT_FORMS = {"login": "peercircle.accounts.login_form.LoginForm"}
# allauth's mails name the site from settings, link to SITE_URL and share our mail look.
ACCOUNT_ADAPTER = "peercircle.mail.allauth.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = env_choice(
    "ACCOUNT_EMAIL_VERIFICATION", "mandatory", ["mandatory", "optional", "none"]
)
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# SSO: an address the IdP vouches for is verified, but an existing account with that address
# is linked only after its owner proves it (signs in); never silently taken over.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ADAPTER = "peercircle.accounts.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
# Whether an address of an institution with SSO may still sign in with a password.
SSO_PASSWORD_LOGIN_FOR_SSO_DOMAINS = env_bool("SSO_PASSWORD_LOGIN_FOR_SSO_DOMAINS", default=False)
# OpenID Connect ID tokens: signature (provider's keys) and nonce always checked.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"provider_class": "peercircle.accounts.sso.oidc.VerifiedOIDCProvider"}
}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # account mails read like every other mail: no "[Site]" prefix
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"

# The languages Peercircle ships, each with a complete catalogue in locale/ (docs/glossary.md).
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
# The site's own language: for visitors whose browser asks for none we ship, and for mail to
# an address that has no account yet (an invitation, a sign-up).
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "en", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_timezone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail: the console in development, SMTP in production.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Peercircle <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# Production hardening; each is a no-op over plain http in development.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- self-started groups ---
# An institution that runs only coordinated programs turns this off.
SELF_STARTED_GROUPS = env_bool("SELF_STARTED_GROUPS", default=True)
# --- mail: background tasks, the outbox, allauth's mails ---
# Tasks live in the database (django-tasks-db): no extra server; `manage.py db_worker` runs them.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
# Redis, when a site runs one: the shared cache (below) and, if chosen, the task queue.
REDIS_URL = env_str("REDIS_URL")
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Or RQ on Redis (TASKS_BACKEND=django_tasks_rq.RQBackend, needs REDIS_URL): workers run
# `manage.py rqworker --job-class django_tasks_rq.Job default`. docs/deploy.md compares them.
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND django_tasks_rq.RQBackend needs REDIS_URL")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
# A claimed mail not marked sent within the lease (the worker died) is tried again.
MAIL_LEASE_SECONDS = env_int("MAIL_LEASE_SECONDS", 300)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60)
# How many due mails a worker claims at once and sends over one SMTP connection.
MAIL_BATCH_SIZE = env_int("MAIL_BATCH_SIZE", 50)
# The scheduler leaves rows younger than this to the send task their commit queued.
MAIL_SCHEDULER_GRACE_SECONDS = env_int("MAIL_SCHEDULER_GRACE_SECONDS", 60)
# Seconds a formation run may search (the exact step under dense avoid lists buys with it);
# past it the best grouping found is kept and the review page says it was cut short.
FORMATION_TIME_LIMIT_SECONDS = env_int("FORMATION_TIME_LIMIT_SECONDS", 60)
if FORMATION_TIME_LIMIT_SECONDS < 1:
    raise ImproperlyConfigured("FORMATION_TIME_LIMIT_SECONDS must be at least 1")

# --- platform: CSP, caching, SQLite concurrency, throttling, error pages ---
# Scripts and styles come only from our own static files: no inline code, no eval (htmx is
# configured for this in base.html), nothing framed, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# SQLite (development): WAL lets readers work during a write; IMMEDIATE transactions take
# the write lock up front, and the timeout makes a second writer wait instead of failing
# with "database is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Login throttling counts per client address: behind N reverse proxies the client is the
# N-th X-Forwarded-For entry from the right (ClientIPMiddleware). 0 = no proxy in front.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Counters live in a cache every process shares: Redis when REDIS_URL is set, otherwise a
# table in the database (created by accounts' migration 0002 via createcachetable).
CACHES = {
    "default": (
        {"BACKEND": "peercircle.lib.cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "peercircle_cache",
        }
    ),
    # Versions of what pages show and the page parts rendered under them
    # (peercircle/lib/versions.py). Only a cache every web process shares can hold them:
    # without Redis it is a dummy and every part is rendered each time.
    "versions": (
        {
            "BACKEND": "peercircle.lib.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "versions",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    ),
}
# Sessions are signed cookies: no query per request and nothing to share between web
# machines. Logout, password change and account deletion end every session of the person
# (User.session_generation, docs/deploy.md "Sessions").
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
# The signed-in user is read from Redis for this long at most (0: from the database each time).
USER_CACHE_SECONDS = env_int("USER_CACHE_SECONDS", 300 if REDIS_URL else 0)
# ...and kept in each web process for this long (0: not at all). Logging out everywhere reaches
# the other processes this much later at most (peercircle/accounts/backends.py).
USER_PROCESS_CACHE_SECONDS = env_int("USER_PROCESS_CACHE_SECONDS", 5 if REDIS_URL else 0)
# A live meeting's polls trust each process's copy of the group's version token this many ms
# (peercircle/meetings/polling.py): a change reaches pollers that much later at most.
LIVE_STATE_TOKEN_MS = env_int("LIVE_STATE_TOKEN_MS", 500 if REDIS_URL else 0)
# allauth's limits (per client address and per account); the admin login goes through the
# same form (PeercircleAdminSite), so it is throttled alike.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per address, failures are refused as before; per account, five failures only make each
    # address's tries at that account scarce, so no one can lock the owner out
    # (peercircle/accounts/throttling.py).
    "login_failed": "10/m/ip",
    "login_failed_account": "5/5m/key",
    "login_failed_account_address": "2/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# Load balancers probe /healthz over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_FAILURE_VIEW = "peercircle.accounts.views.csrf_failure"

# --- qa: the demo (DEBUG on) shows the site's own page for a missing or hidden object ---
MIDDLEWARE += ["peercircle.lib.middleware.SitePageForMissingObjectsMiddleware"]

# --- outcome report: no figure about fewer people than this (at least 5; means need 10) ---
REPORT_FLOOR = max(5, env_int("REPORT_FLOOR", 5))
SURVEY_MEAN_FLOOR = max(10, env_int("SURVEY_MEAN_FLOOR", 10))
