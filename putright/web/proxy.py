"""The client's address behind a reverse proxy (``TRUSTED_PROXIES``; docs/security.md).

The portal's rate limits and the sign-in lock-outs count by ``REMOTE_ADDR``. Behind nginx,
that is nginx's own address (or nothing, over a unix socket), so everyone would share one
count. When the request comes straight from a trusted proxy, this middleware puts the
client's address from ``X-Forwarded-For`` in ``REMOTE_ADDR``: the right-most address in the
header that is not itself a trusted proxy (a client can write anything to the left of what
its proxies add). From anyone else the header is ignored: secure by default, with no
proxies trusted unless the setting names them."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

#: The word in ``TRUSTED_PROXIES`` for a proxy connecting over a unix socket (gunicorn gives
#: such a request an empty ``REMOTE_ADDR``).
UNIX_SOCKET = "unix"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    networks: tuple[Network, ...]
    unix_socket: bool

    @classmethod
    def parse(cls, entries: Iterable[str]) -> TrustedProxies:
        """From the setting's entries: addresses, networks (10.0.0.0/8) and ``unix``. An
        entry that is none of these stops the start rather than trusting the wrong peer."""
        networks: list[Network] = []
        unix_socket = False
        for raw in entries:
            entry = raw.strip()
            if not entry:
                continue
            if entry.lower() == UNIX_SOCKET:
                unix_socket = True
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise ImproperlyConfigured(
                    f"TRUSTED_PROXIES: {entry!r} is not an IP address, a network such as "
                    f"10.0.0.0/8, or the word {UNIX_SOCKET!r}"
                ) from None
        return cls(tuple(networks), unix_socket)

    def trusts(self, address: str) -> bool:
        if not address:
            return self.unix_socket
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def client_address(self, peer: str, forwarded_for: str) -> str | None:
        """The client's address for a request from ``peer`` carrying ``forwarded_for``, or
        None to leave ``REMOTE_ADDR`` as it is."""
        if not forwarded_for or not self.trusts(peer):
            return None
        hops = [hop.strip() for hop in forwarded_for.split(",")]
        for hop in reversed(hops):
            try:
                address = str(ipaddress.ip_address(hop))
            except ValueError:
                return None  # not an address: believe nothing further left
            if not self.trusts(address):
                return address
        return None


class ForwardedForMiddleware:
    """First in ``MIDDLEWARE`` (before anything reads ``REMOTE_ADDR``); installed always, it
    does nothing while ``TRUSTED_PROXIES`` is empty."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = TrustedProxies.parse(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        client = self.proxies.client_address(
            request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", "")
        )
        if client is not None:
            request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
