"""What an application server's worker loads before its first request.

A worker started under load (a deploy, a restart) would otherwise build each process-wide
index in the requests that first need it – in all its threads at once, each building the
same. Apps register their loaders in `AppConfig.ready()`; the WSGI entry point (wsgi.py)
runs them once per worker. Management commands and tests load lazily, as before.
"""

_loaders: list = []


def on_worker_start(loader) -> None:
    """`loader()` runs when a worker starts, before it serves a request."""
    _loaders.append(loader)


def worker_start() -> None:
    for loader in _loaders:
        loader()
