"""Local development: `make run`. Mail is written to var/mail/, one file per message.

Runs without DEBUG, so the site looks as visitors see it (the site's own 404 page, not
Django's debug page); DJANGO_DEBUG=true brings debugging back. Static files come from the
source folders through WhiteNoise, uploaded images through SERVE_LOCAL_MEDIA.
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, STORAGES, VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The address `make run` serves (PORT=8080 make run): links in mails, canonical URLs and the
# printable binder follow it.
PORT = env.int("PORT", default=8000)
WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{PORT}"

MAILERS = {
    "default": {
        "BACKEND": "dorfbrunnen.core.mail_backends.MessageFileBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}

# No collectstatic locally: files come straight from the source folders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_LOCAL_MEDIA = True

VAR_DIR.mkdir(parents=True, exist_ok=True)

# The demo content (`manage.py load_demo`); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "dorfbrunnen.demo"]

# `make federation-demo` fetches the demo's local feeds from 127.0.0.1.
FEDERATION_ALLOW_LOOPBACK = env.bool("FEDERATION_ALLOW_LOOPBACK", default=False)
