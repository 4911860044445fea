"""Production: everything from environment variables; refuses to start when one is missing.

See .env.example and docs/deployment.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 40 or SECRET_KEY.startswith(("dev-only", "test-only", "change-me")):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of 40+ characters.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL")

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not env.bool(
    "DORFBRUNNEN_ALLOW_SQLITE", default=False
):
    raise ImproperlyConfigured("Production needs PostgreSQL: set DATABASE_URL=postgres://…")

# granian runs several worker processes (and maybe several servers): without one shared
# cache, a publish in one would not reach the others' pages, and rate limits would be
# counted per process.
if not env.str("REDIS_URL", default=""):
    raise ImproperlyConfigured("Production needs a shared cache: set REDIS_URL=redis://…")

REQUIRE_ADMIN_2FA = env.bool("REQUIRE_ADMIN_2FA", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env.str("EMAIL_HOST"),
            "port": env.int("EMAIL_PORT", default=587),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=True),
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# One JSON object per log line (journald, log collectors).
LOGGING["formatters"]["json"] = {"()": "dorfbrunnen.core.logging.JsonFormatter"}
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="json")

# Errors to a Sentry-compatible service, when configured. No personal data is sent.
if sentry_dsn := env.str("SENTRY_DSN", default=""):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=sentry_dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=0.0,
    )
