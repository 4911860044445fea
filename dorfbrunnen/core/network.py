"""Who is asking: the client address behind a known number of reverse proxies, and rate limits.

X-Forwarded-For can be forged by anyone, so only the entries appended by our own proxies
(TRUSTED_PROXY_COUNT, counted from the right) are believed.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # The last `trusted` hops were added by our proxies; the one before them is the client.
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def count_hit(key: str, window_seconds: int) -> int:
    """Count one more hit under `key` in the shared cache; how many came within the window
    (this one counted). 0 when the shared cache is away: a limit then lets it pass."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key) or 0  # None: the shared cache is away
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def network_of(address: str, *, ipv4_prefix: int, ipv6_prefix: int) -> str:
    """The network of a client address (an IPv4 address written as IPv6 counts as IPv4),
    as „address/prefix“; "" for no address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = ipv4_prefix if ip.version == 4 else ipv6_prefix
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def client_key(request) -> str:
    """Who a limit counts (the forms' rate limits, the login lockout): an IPv4 address, or
    the /64 network of an IPv6 one, as its first address – an IPv6 connection gets a /64
    of its own, and a client can take a new address of it for every request."""
    address = client_ip(request)
    network = network_of(address, ipv4_prefix=32, ipv6_prefix=64)
    return network.split("/")[0] if network else address


def rate_limit_exceeded(request, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for this client (`client_key`) in `scope`; True once more than
    `limit` in the window."""
    return count_hit(f"ratelimit:{scope}:{client_key(request)}", window_seconds) > limit


def form_rate_limited(request, scope: str) -> bool:
    """The public forms' limit (FORM_RATE_LIMIT submissions per window and address)."""
    limit, window = settings.FORM_RATE_LIMIT
    return rate_limit_exceeded(request, f"form:{scope}", limit, window)


FLOOD_MESSAGE = _(
    "Von Ihrer Adresse kamen gerade sehr viele Anfragen. Bitte versuchen Sie es in einigen "
    "Minuten noch einmal."
)


def form_flooded(request, form, scope: str) -> bool:
    """The rate-limit step of every public form: counts this submission; once too many
    came from the address, the form carries the reason as its error (what was typed stays)
    and the caller answers 429 without saving anything."""
    if not form_rate_limited(request, scope):
        return False
    form.is_valid()
    form.add_error(None, FLOOD_MESSAGE)
    return True
