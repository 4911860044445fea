"""Settings for the processes of the crash test (test_worker_crash.py): the test settings
with production's task queue (the database, run by `db_worker`), SMTP to the test's own
mail server, and the batch length the test asks for."""

import os

from dorfbrunnen.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "127.0.0.1",
            "port": int(os.environ.get("NEWSLETTER_TEST_SMTP_PORT", "25")),
            "timeout": 10,
        },
    }
}
NEWSLETTER_BATCH_SECONDS = int(os.environ.get("NEWSLETTER_BATCH_SECONDS", "5"))
