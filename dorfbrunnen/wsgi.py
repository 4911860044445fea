"""The WSGI entry point of the application servers (granian, see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorfbrunnen.settings.production")
django_application = get_wsgi_application()

from dorfbrunnen.core.page_cache import PageCacheFrontDoor  # noqa: E402 – needs Django set up
from dorfbrunnen.core.startup import worker_start  # noqa: E402

worker_start()
application = PageCacheFrontDoor(django_application)
