"""The client's address behind a reverse proxy (``TRUSTED_PROXIES``, putright/web/proxy.py):
taken from a trusted proxy's X-Forwarded-For, so the sign-in lock-outs and the portal's rate
limits count each client and not the proxy; ignored from anyone else, and by default."""

from __future__ import annotations

import ipaddress

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from putright.web.proxy import TrustedProxies
from tests import factories

NGINX_ON_SOCKET = TrustedProxies.parse(["unix"])
PROXIES = TrustedProxies.parse(["127.0.0.1", "10.0.0.0/8", "unix"])

addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
outside = addresses.filter(lambda a: not PROXIES.trusts(a))


def wrong_password(client: Client, **headers: str) -> None:
    client.post("/staff/sign-in/", {"username": "nobody", "password": "wrong"}, **headers)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_sign_in_lock_out_counts_the_forwarded_address(settings):
    settings.TRUSTED_PROXIES = ["unix"]
    factories.landlord()

    wrong_password(Client(), REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


@pytest.mark.django_db
def test_by_default_and_from_an_untrusted_peer_the_header_is_ignored(settings):
    factories.landlord()
    wrong_password(Client(), REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    wrong_password(Client(), REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "198.51.100.1",
        "198.51.100.2",
    ]


@given(client=outside, claimed=st.lists(addresses, max_size=4))
def test_a_client_cannot_choose_its_address_by_writing_the_header_itself(client, claimed):
    """nginx appends the address it saw (or, as deploy/nginx sets it, replaces the header);
    whatever the client wrote to the left, the address used is the one the proxy saw."""
    forwarded = ", ".join([*claimed, client])
    assert PROXIES.client_address("", forwarded) == client
    assert PROXIES.client_address("10.1.2.3", f"{forwarded}, 127.0.0.1") == client


@given(peer=outside, forwarded=st.lists(addresses, min_size=1, max_size=3))
def test_an_untrusted_peer_keeps_its_own_address(peer, forwarded):
    assert PROXIES.client_address(peer, ", ".join(forwarded)) is None


def test_over_a_unix_socket_only_unix_is_trusted_and_garbage_is_not_believed():
    assert NGINX_ON_SOCKET.client_address("", "192.0.2.4") == "192.0.2.4"
    assert NGINX_ON_SOCKET.client_address("127.0.0.1", "192.0.2.4") is None
    assert NGINX_ON_SOCKET.client_address("", "192.0.2.4, not-an-address") is None
    assert NGINX_ON_SOCKET.client_address("", "") is None
    assert TrustedProxies.parse([]).client_address("", "192.0.2.4") is None
    assert PROXIES.client_address("", "2001:DB8::1") == str(ipaddress.ip_address("2001:db8::1"))


def test_a_setting_that_is_not_an_address_stops_with_what_is_wrong():
    with pytest.raises(ImproperlyConfigured, match="'localhost' is not an IP address"):
        TrustedProxies.parse(["127.0.0.1", "localhost"])
