import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from dorfbrunnen.demo import federation as samples
from dorfbrunnen.federation.models import Source


@pytest.fixture
def nord(db):
    """A registered source, reached just now."""
    return Source.objects.create(
        index_url="https://nord.example/api/v1/",
        name="Landesverband Nord",
        publisher="Landesverband Nord",
        site_url="https://nord.example/",
        licence_name="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        attribution="Landesverband Nord e. V.",
        last_success_at=timezone.now(),
    )


class FeedServer:
    """Another association's site on 127.0.0.1: serves the made-up feeds (samples), and
    whatever a test puts in `routes` (path → (status, headers, body) or a callable taking
    the request handler)."""

    def __init__(self):
        self.routes = {}
        self.requests = []  # (path, If-None-Match)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                tag = headers.get("ETag")
                if tag and self.headers.get("If-None-Match") == tag:
                    status, body = 304, b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, association=None, **sizes) -> str:
        """Serves an association's feeds (ETag per document); returns its index URL."""
        association = association or samples.ASSOCIATIONS[0]
        site = f"{self.base}{association['slug']}/"
        for name, document in samples.documents(association, site, **sizes).items():
            self.put(f"/{association['slug']}/api/v1/{name}", document)
        return f"{site}api/v1/index.json"

    def put(self, path, document, status=200, headers=None):
        body = document if isinstance(document, bytes) else json.dumps(document).encode()
        tag = f'"{abs(hash(body))}"'
        self.routes[path] = (status, {"ETag": tag, **(headers or {})}, body)

    def document(self, path) -> dict:
        return json.loads(self.routes[path][2])

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feeds(settings):
    settings.FEDERATION_ALLOW_LOOPBACK = True
    settings.FEDERATION_TIMEOUT_SECONDS = 2
    server = FeedServer()
    yield server
    server.stop()


def slow(handler):
    time.sleep(4)
    handler.send_response(200)
    handler.end_headers()
