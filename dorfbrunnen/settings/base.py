"""Settings shared by every environment: secure defaults, DEBUG off.

dev.py, test.py and production.py import from here and loosen or tighten.
Optional integrations (PostgreSQL, Redis, SMTP, S3) switch on when their environment
variable is present, so one reader serves every environment.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

# Runtime files (SQLite database, demo credentials, dev mail, uploads) in one
# git-ignored folder so a clean checkout stays clean.
VAR_DIR = Path(env.str("DORFBRUNNEN_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "dorfbrunnen.core",
    "dorfbrunnen.pages",
    "dorfbrunnen.news",
    "dorfbrunnen.centres",
    "dorfbrunnen.events",
    "dorfbrunnen.library",
    "dorfbrunnen.members",
    "dorfbrunnen.contact",
    "dorfbrunnen.newsletter",
    "dorfbrunnen.accessibility",
    "dorfbrunnen.search",
    "dorfbrunnen.api",
    "dorfbrunnen.federation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's user admin, with superusers managed only by superusers (core.users).
    "dorfbrunnen.core.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translated page trees (issue 15): wagtail-localize replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_email",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost, so a stored page carries every header the others add (core.page_cache).
    "dorfbrunnen.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "dorfbrunnen.core.middleware.SecurityHeadersMiddleware",
    "dorfbrunnen.core.middleware.RejectNulMiddleware",
    # The request's Wagtail site, from the cache (core.routing.request_site).
    "dorfbrunnen.core.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dorfbrunnen.core.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dorfbrunnen.core.two_factor.AdminTwoFactorMiddleware",
    "dorfbrunnen.core.middleware.SiteReportsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dorfbrunnen.urls"
WSGI_APPLICATION = "dorfbrunnen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dorfbrunnen.core.context_processors.site_settings",
            ],
        },
    },
    {
        # Plain-text mails: the same templates' folders, without HTML escaping
        # („Müller & Sohn“ must not arrive as „Müller &amp; Sohn“). See core.mail.render_text.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]
# Django's form renderer, plain <input>s written without their two templates each.
FORM_RENDERER = "dorfbrunnen.core.form_renderer.FormRenderer"

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://…) switches to PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dorfbrunnen.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # Wagtail's PostgreSQL search backend uses SearchVectorField and GIN indexes.
    INSTALLED_APPS.append("django.contrib.postgres")
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A request's queries run in its own process only: on a small server, parallel workers
    # for one search (PostgreSQL's default: 2) take the cores the other requests wait for –
    # measured: a site search 24 ms alone, 31–49 ms with workers (docs/benchmarks.md).
    workers = env.int("DATABASE_PARALLEL_WORKERS", default=0)
    # The tables of a site this size live in memory (or on SSD), where reading a row by an
    # index costs nearly what reading it in sequence does; PostgreSQL's default (4) assumes
    # spinning disks, and then scans every search entry instead of using the full-text
    # index – measured: a common word's site search 49 → 24 ms (docs/benchmarks.md).
    page_cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={workers} -c random_page_cost={page_cost}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time. German is the source language of every text; further
# languages are added to LANGUAGES / WAGTAIL_CONTENT_LANGUAGES and get a URL prefix.
LANGUAGE_CODE = "de"
# Each in its own name: the language switcher shows them so.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic puts the files nginx serves under /static/.
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
# Development and tests serve uploaded images themselves; production leaves it to nginx.
SERVE_LOCAL_MEDIA = False
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads in S3-compatible object storage when a bucket is configured, so that several
# application servers share them. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
if bucket := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "file_overwrite": False,
            # Documents are served through Django (permissions), never by public URL.
            "querystring_auth": True,
        },
    }

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dorfbrunnen",
        # Django's default of 300 entries would drop the centres' cards (one per centre).
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}


def redis_cache(url: str) -> dict:
    """The shared cache of several application servers. Redis being away must not take
    the site down: the cache then misses (pages are built, rate limits let requests pass)
    and the error is logged."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "dorfbrunnen",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }


if redis_url := env.str("REDIS_URL", default=""):
    CACHES["default"] = redis_cache(redis_url)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Background work: Django's tasks framework with the database backend. Wagtail's own
# tasks (search index, reference index) use the django-tasks backport, which reads the
# same setting.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail. Every message goes through dorfbrunnen.core.mail (queued, retried).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webseite@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_MAX_ATTEMPTS = 8  # about 4 hours of back-off before a mail is marked as failed
# Newsletter (dorfbrunnen.newsletter): how many mails a minute go to the mail server (ask
# the provider; many allow a few hundred), how long a confirmation link holds, and how long
# the proof of a consent is kept after unsubscribing (the limitation period: three years).
NEWSLETTER_MAILS_PER_MINUTE = env.int("NEWSLETTER_MAILS_PER_MINUTE", default=300)
# The rate is kept in batches of this many seconds' worth of mails.
NEWSLETTER_BATCH_SECONDS = 5
NEWSLETTER_OPT_IN_DAYS = 7
NEWSLETTER_PROOF_RETENTION_DAYS = env.int("NEWSLETTER_PROOF_RETENTION_DAYS", default=3 * 366)

# Security defaults for every environment.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# Public pages: nothing but our own origin, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The Wagtail admin relies on inline styles and scripts; it gets this looser policy.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Until go-live the site asks search engines to stay away (robots.txt and X-Robots-Tag);
# the technician sets SITE_NOINDEX=false when the go-live checklist is done.
SITE_NOINDEX = env.bool("SITE_NOINDEX", default=True)

# Front cache: Varnish in front of the application servers (docs/deployment.md). Wagtail's
# frontend-cache invalidation sends it a PURGE on every publish, and so does any other content
# change (core.content_cache). The address is Varnish's purge listener, e.g.
# FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:6091
if purge_url := env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_url,
        }
    }

# Anonymous pages are cached this long at most (0 switches the page cache off); any publish
# invalidates them at once (core.page_cache).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Client addresses: X-Forwarded-For is trusted for exactly this many proxies.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Public forms: at most this many submissions per client address, form and 10 minutes (more
# where many families share one address, e.g. a centre's guest Wi-Fi at a registration day).
FORM_RATE_LIMIT = (env.int("FORM_RATE_LIMIT", default=5), 10 * 60)

LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "dorfbrunnen.core.forms.AdminLoginForm"
# Members-only pages and documents send visitors to the members' login on the site.
WAGTAIL_FRONTEND_LOGIN_URL = "/mitglieder/anmelden/"

# Logins (admin and, later, members): locked for an hour after 5 failures for the same
# username from the same address; the address is read behind our trusted proxies.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "dorfbrunnen.core.authentication.EmailOrUsernameBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "dorfbrunnen.core.network.client_key"
AXES_USERNAME_CALLABLE = "dorfbrunnen.core.authentication.lockout_name"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# Admin logins need a one-time code from an authenticator app (core/two_factor.py). On in
# production; off for local development and its demo editor.
REQUIRE_ADMIN_2FA = env.bool("REQUIRE_ADMIN_2FA", default=False)
OTP_TOTP_ISSUER = "dorfbrunnen"
# Codes by e-mail (the volunteers' second factor) go through the mail queue: valid for ten
# minutes, a new one at most every minute.
OTP_EMAIL_TOKEN_VALIDITY = 600
OTP_EMAIL_COOLDOWN_DURATION = 60

# Maps. No tile server by default: then no map is loaded and no third-party host is asked.
# Example: MAP_TILE_URL=https://tiles.example.org/{z}/{x}/{y}.png
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap-Mitwirkende")
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    # Leaflet's {s} subdomain placeholder becomes a CSP wildcard.
    _tiles = urlsplit(MAP_TILE_URL)
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}")
# Without a tile server the finder and the centre pages draw an overview map of the region
# from outlines shipped with the project (centres/maps.py): "nrw" or "de" (a national site).
MAP_REGION = env.str("MAP_REGION", default="nrw")
if MAP_REGION not in ("nrw", "de"):
    raise ValueError(f"MAP_REGION must be 'nrw' or 'de', not {MAP_REGION!r}")
# The centre finder's widget (/zentren/einbetten/) is made to be framed by other sites:
# the public policy, but any site may frame it.
WIDGET_CSP = {**SECURE_CSP, "frame-ancestors": ["*"]}

# A link (not a request) to a route planner; {lat}, {lon} and {address} are filled in.
ROUTE_URL_TEMPLATE = env.str(
    "ROUTE_URL_TEMPLATE",
    default="https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}",
)

# Wagtail
WAGTAIL_SITE_NAME = "Landesverband der Mütterzentren NRW"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, every query word matched as a prefix (German compounds).
        "BACKEND": "dorfbrunnen.search.backend",
        # Used by PostgreSQL: German stemming ("Familien" finds "Familie").
        "SEARCH_CONFIG": "german",
    }
}
# Documents carry the binder's fields (library.LibraryDocument). Only these types are
# accepted, checked by content (library.forms.validate_upload), and served only through
# Django, which applies collection privacy – never as a direct media URL.
WAGTAILDOCS_DOCUMENT_MODEL = "library.LibraryDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "dorfbrunnen.library.forms.LibraryDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Sign-language videos (core.SignLanguageVideo): MP4/WebM, checked by content.
SIGN_VIDEO_MAX_UPLOAD_MB = env.int("SIGN_VIDEO_MAX_UPLOAD_MB", default=200)
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Web addresses without accents or umlauts (core.slugs: „Mütterzentrum“ → muetterzentrum).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would ask a third-party host for every editor's picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "dorfbrunnen": {"level": "INFO"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Every task start and finish is logged at INFO; failures still show.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Commands run every minute by `run_periodic` (dev) or systemd timers (production).
PERIODIC_COMMANDS = [
    "heartbeat",
    "publish_scheduled",
    "send_queued_mail",
    "send_newsletters",
    "expire_registrations",
    "send_reminders",
    "purge_old_data",
    "library_refresh",
    "send_barrier_reminders",
    "remind_programme",
]

# Federation (issue 19, docs/federation.md). Every instance publishes its feeds under
# /api/v1/; with FEDERATION_MODE=aggregator it also fetches the registered sources' feeds
# and shows own and federated centres together (the national site).
FEDERATION_MODE = env.str("FEDERATION_MODE", default="")
if FEDERATION_MODE not in ("", "aggregator"):
    raise ValueError(f"FEDERATION_MODE must be '' or 'aggregator', not {FEDERATION_MODE!r}")
if FEDERATION_MODE == "aggregator":
    PERIODIC_COMMANDS.append("federation_fetch")
# Sources on loopback addresses (the demo's local feeds); never in production.
FEDERATION_ALLOW_LOOPBACK = False
FEDERATION_TIMEOUT_SECONDS = env.float("FEDERATION_TIMEOUT_SECONDS", default=20)
FEDERATION_MAX_BYTES = env.int("FEDERATION_MAX_BYTES", default=20 * 1024 * 1024)
FEDERATION_PARALLEL = env.int("FEDERATION_PARALLEL", default=8)
# A fetch runs at most this often (the periodic commands run every minute).
FEDERATION_FETCH_MINUTES = env.int("FEDERATION_FETCH_MINUTES", default=15)

# Retention (days): registrations after the event, contact form submissions, sent mails,
# finished background tasks.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=90)
FORM_SUBMISSION_RETENTION_DAYS = env.int("FORM_SUBMISSION_RETENTION_DAYS", default=365)
MAIL_RETENTION_DAYS = env.int("MAIL_RETENTION_DAYS", default=90)
TASK_RETENTION_DAYS = env.int("TASK_RETENTION_DAYS", default=14)
# Barrier reports: kept this long after the answer (or after being marked done).
BARRIER_REPORT_RETENTION_DAYS = env.int("BARRIER_REPORT_RETENTION_DAYS", default=365)

# Machine drafts for translators only from the association's own LibreTranslate server
# (wagtail-localize's LibreTranslate class); without LIBRETRANSLATE_URL there is no machine
# translation at all, so no page text ever leaves the association's servers.
if libretranslate_url := env.str("LIBRETRANSLATE_URL", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": libretranslate_url.rstrip("/"),
            "API_KEY": env.str("LIBRETRANSLATE_API_KEY", default=""),
            "TIMEOUT": 30,
        },
    }
