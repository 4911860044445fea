import pytest
from django.core.cache import cache
from django.test import RequestFactory

from dorfbrunnen.core.network import client_ip, rate_limit_exceeded


def request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.9")) == "10.0.0.1"


def test_one_trusted_proxy_believes_only_the_entry_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A visitor forging a header: nginx appends the real address last.
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request(forwarded="198.51.100.7")) == "198.51.100.7"


def test_two_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.7, 10.0.0.5")) == "198.51.100.7"
    # Fewer hops than proxies configured: fall back to the socket address.
    assert client_ip(request(forwarded="198.51.100.7")) == "10.0.0.1"


def test_garbage_in_forwarded_header_falls_back_to_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded="not-an-ip")) == "10.0.0.1"


@pytest.mark.parametrize("proxies", [0, 1])
def test_rate_limit_counts_per_client(settings, proxies):
    cache.clear()
    settings.TRUSTED_PROXY_COUNT = proxies
    alice = request(remote="10.0.0.1", forwarded="198.51.100.1")
    bob = request(remote="10.0.0.2", forwarded="198.51.100.2")
    assert [rate_limit_exceeded(alice, "t", 2, 60) for _ in range(3)] == [False, False, True]
    assert rate_limit_exceeded(bob, "t", 2, 60) is False


def test_an_ipv6_client_counts_once_for_its_whole_64_network(settings):
    """An IPv6 connection gets a /64 of its own: a new address of it for every request
    must not give a new allowance (every public form counts with this limit)."""
    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 0
    rotating = [request(remote=f"2001:db8:1:2::{n:x}") for n in range(1, 6)]
    assert [rate_limit_exceeded(each, "t", 2, 60) for each in rotating] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert rate_limit_exceeded(request(remote="2001:db8:1:3::1"), "t", 2, 60) is False
    # An IPv4 address written as IPv6 is that IPv4 client.
    assert rate_limit_exceeded(request(remote="192.0.2.7"), "t", 1, 60) is False
    assert rate_limit_exceeded(request(remote="::ffff:192.0.2.7"), "t", 1, 60) is True
