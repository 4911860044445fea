"""`make run` shows the site as visitors see it: without DEBUG (the site's own 404 page, not
Django's debug page), static files and uploaded images still served; DJANGO_DEBUG=true
brings debugging back."""

import os
import subprocess
import sys

import pytest

from dorfbrunnen.testing import BASE_DIR

SHOW = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.SERVE_LOCAL_MEDIA, settings.WHITENOISE_USE_FINDERS)"
)


@pytest.mark.parametrize(("debug", "expected"), [(None, "False"), ("true", "True")])
def test_make_run_runs_without_debug_unless_asked(tmp_path, debug, expected):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(DJANGO_SETTINGS_MODULE="dorfbrunnen.settings.dev", DORFBRUNNEN_VAR_DIR=str(tmp_path))
    if debug:
        env["DJANGO_DEBUG"] = debug
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split()[-3:] == [expected, "True", "True"]
