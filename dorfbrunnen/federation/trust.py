"""Fetching another site's feed without trusting it.

- Only addresses of registered sources are fetched, and a feed only from its source's host.
- The host name is resolved once and every address it names is checked: private, loopback,
  link-local, multicast and reserved addresses are refused (a development setting,
  FEDERATION_ALLOW_LOOPBACK, lets the demo fetch from 127.0.0.1). The connection then goes
  to the checked address, so a second resolution cannot point it elsewhere.
- A redirect is followed only on the same scheme, host and port.
- The body is read to FEDERATION_MAX_BYTES at most, within FEDERATION_TIMEOUT_SECONDS in
  all; beyond either the fetch fails and nothing of it is used.
- The body goes to a temporary file (spilled to disk when large), so many sources can be
  fetched in parallel while only one is read into memory at a time.
"""

import http.client
import ipaddress
import socket
import ssl
import tempfile
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from dorfbrunnen.core.text import whole_number

MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed; the message (German) goes to the source's admin page."""


@dataclass
class Fetched:
    status: int  # 200 or 304
    body: object = None  # a file positioned at 0 (200 only)
    headers: dict = field(default_factory=dict)


def checked_address(host: str, port: int) -> str:
    """An address of `host` that may be fetched, or FetchError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(_("Der Server %(host)s ist nicht zu finden.") % {"host": host}) from error
    addresses = {info[4][0] for info in infos}
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_loopback and settings.FEDERATION_ALLOW_LOOPBACK:
            continue
        if (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        ):
            raise FetchError(
                _("%(host)s zeigt auf eine interne Adresse (%(ip)s); sie wird nicht abgerufen.")
                % {"host": host, "ip": ip}
            )
    return sorted(addresses)[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("Keine Web-Adresse: %(url)s") % {"url": url})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(_("Keine Web-Adresse: %(url)s") % {"url": url}) from error
    return parts.scheme, parts.hostname.lower(), port


def same_origin(url: str, other: str) -> bool:
    try:
        return _origin(url) == _origin(other)
    except FetchError:
        return False


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET `url` (conditional when given the stored validators), with the rules above."""
    deadline = time.monotonic() + settings.FEDERATION_TIMEOUT_SECONDS
    first = url
    for _redirect in range(MAX_REDIRECTS + 1):
        scheme, host, port = _origin(url)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if not target.isascii():  # http.client sends ASCII only (a browser would encode it)
            raise FetchError(_("Keine Web-Adresse: %(url)s") % {"url": url})
        address = checked_address(host, port)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(_("Zeitüberschreitung beim Abruf."))
        kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = kind(host, port, address, timeout=remaining)
        headers = {"Accept": "application/json", "User-Agent": "dorfbrunnen-federation/1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = urljoin(url, response.getheader("Location", ""))
                connection.close()
                if not same_origin(location, first):
                    raise FetchError(
                        _("Die Quelle leitet auf einen anderen Server um (%(url)s).")
                        % {"url": location}
                    )
                url = location
                continue
            if response.status == 304:
                connection.close()
                return Fetched(304)
            if response.status != 200:
                connection.close()
                raise FetchError(
                    _("Die Quelle antwortet mit Fehler %(status)s.") % {"status": response.status}
                )
            return Fetched(200, _read(response, deadline), dict(response.getheaders()))
        except TimeoutError as error:
            raise FetchError(_("Zeitüberschreitung beim Abruf.")) from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(
                _("Die Quelle ist nicht erreichbar (%(error)s).") % {"error": error}
            ) from error
        finally:
            connection.close()
    raise FetchError(_("Zu viele Weiterleitungen."))


def _read(response, deadline: float):
    limit = settings.FEDERATION_MAX_BYTES
    declared = response.getheader("Content-Length")
    if (whole_number(declared or "") or 0) > limit:
        raise FetchError(_("Die Antwort ist größer als erlaubt."))
    # Closed by the importer once read (or here, on failure).
    body = tempfile.SpooledTemporaryFile(max_size=256 * 1024)  # noqa: SIM115
    size = 0
    while chunk := response.read1(CHUNK):
        size += len(chunk)
        if size > limit:
            body.close()
            raise FetchError(_("Die Antwort ist größer als erlaubt."))
        if time.monotonic() > deadline:
            body.close()
            raise FetchError(_("Zeitüberschreitung beim Abruf."))
        body.write(chunk)
    body.seek(0)
    return body
