"""Tests: fast hashing, in-memory mail, tasks run at once, temporary media."""

import tempfile

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client's login() passes no request, which the lockout needs; the lockout's own
# test switches it on.
AXES_ENABLED = env.bool("AXES_ENABLED", default=False)
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if mail_dir := env.str("DORFBRUNNEN_MAIL_DIR", default=""):
    # The browser tests' server writes its mail where the test can read it.
    MAILERS = {
        "default": {
            "BACKEND": "dorfbrunnen.core.mail_backends.MessageFileBackend",
            "OPTIONS": {"file_path": mail_dir},
        }
    }
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default="") or tempfile.mkdtemp(
    prefix="dorfbrunnen-test-media-"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Serve static files straight from the source folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_LOCAL_MEDIA = True

# The demo content (`manage.py load_demo`); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "dorfbrunnen.demo"]

# The browser test of the national site fetches made-up feeds from 127.0.0.1.
FEDERATION_ALLOW_LOOPBACK = env.bool("FEDERATION_ALLOW_LOOPBACK", default=False)
