"""What an application server's worker loads before its first request.

A worker started under load (a deploy, a restart) would otherwise build each process-wide
index in the requests that first need it – in all its threads at once, each building the
same. Apps register their loaders in `AppConfig.ready()`; the WSGI entry point (wsgi.py)
runs them once per worker (the development server imports it too). Management commands and
most tests load lazily.
"""

_loaders: list = []


def on_worker_start(loader) -> None:
    """`loader()` runs when a worker starts, before it serves a request."""
    _loaders.append(loader)


def worker_start() -> None:
    """Django's own first-request work too: every app's URL modules imported, and each
    language's translation catalogues read."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 – imports the URL modules
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Suche")
    for loader in _loaders:
        loader()
