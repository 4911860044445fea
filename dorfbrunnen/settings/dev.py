"""Local development: `make run`. Mail is written to var/mail/, one file per message."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

MAILERS = {
    "default": {
        "BACKEND": "dorfbrunnen.core.mail_backends.MessageFileBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}

VAR_DIR.mkdir(parents=True, exist_ok=True)

# The demo content (`manage.py load_demo`); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "dorfbrunnen.demo"]
