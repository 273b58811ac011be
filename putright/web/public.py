"""Which landlord the public pages (the start page, /complain/ and /track/) speak for,
worked out once per request (issue 15; README.md, "Several landlords").

- ``/l/<slug>/...``: the landlord with that slug. The request is then routed through a
  URL configuration with the public pages under ``/l/<slug>/`` (``landlord_urlconf`` in the
  project's ``urls.py``), so every address the pages make, with ``reverse`` or ``{% url %}``,
  stays under it.
- any other address on a landlord's own host name: that landlord, at the root.
- otherwise, an installation with one landlord: that one, at the root, as before.
- otherwise, with several landlords, nobody is chosen: the root lists them to choose from
  (``choosing``), and the public pages at the root send the resident there.

The staff workspace, the API and the admin take their landlord from who is signed in or
which key is used, never from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from importlib import import_module
from types import ModuleType
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import get_script_prefix

from putright.landlords.models import Landlord

#: A request for a landlord's public pages by its slug: /l/<slug>/ and what follows.
SLUG_PATH = re.compile(r"\A/l/(?P<slug>[^/]+)(?P<rest>/.*)?\Z", re.S)
#: The public pages the chooser can send a resident on to, by the part of the address
#: they asked for at the root.
PAGES = {"complain": "complain/", "track": "track/", "publications": "publications/"}


def landlord_path(landlord: Landlord, page: str = "") -> str:
    """The address of ``landlord``'s public page ``page`` (a key of PAGES, or "" for its
    start page) under /l/<slug>/, on this installation."""
    return f"{get_script_prefix()}l/{landlord.slug}/{PAGES.get(page, '')}"


def landlord_by_host(request: HttpRequest) -> Landlord | None:
    """The landlord whose own host name this request came in on, if any. ``get_host``
    checks the host against ALLOWED_HOSTS first (a host not there is refused with 400)."""
    domain, _port = split_domain_port(request.get_host())
    if not domain:
        return None
    return Landlord.objects.filter(host_name=domain.rstrip(".").lower()).first()


class PublicSite:
    """The landlord a request's public pages speak for, and where its pages are."""

    def __init__(self, request: HttpRequest, by_slug: Landlord | None = None) -> None:
        self.request = request
        self.by_slug = by_slug

    @cached_property
    def by_host(self) -> Landlord | None:
        return landlord_by_host(self.request)

    @cached_property
    def landlord(self) -> Landlord | None:
        """By slug, else by host name, else the only landlord there is."""
        if self.by_slug is not None:
            return self.by_slug
        if self.by_host is not None:
            return self.by_host
        first_two = list(Landlord.objects.order_by("id")[:2])
        return first_two[0] if len(first_two) == 1 else None

    @cached_property
    def choosing(self) -> bool:
        """Several landlords and none chosen: the resident must choose one first."""
        return self.landlord is None and Landlord.objects.exists()

    def chooser_url(self) -> str:
        """The list of landlords, saying which of their pages to go on to: the page of
        the same name as the one asked for at the root (/track/... goes on to /track/)."""
        first = self.request.path_info.strip("/").split("/", 1)[0]
        query = f"?{urlencode({'for': first})}" if first in PAGES else ""
        return f"{get_script_prefix()}{query}"


def public_site(request: HttpRequest) -> PublicSite:
    """The request's ``PublicSite``, as ``PublicLandlordMiddleware`` found it (made here for
    a request that did not pass through it)."""
    site = getattr(request, "public_site", None)
    if not isinstance(site, PublicSite):
        site = PublicSite(request)
        request.public_site = site  # type: ignore[attr-defined]  # cached on the request
    return site


def _landlord_urlconf(slug: str) -> ModuleType:
    module = import_module(settings.ROOT_URLCONF)
    make: Callable[[str], ModuleType] = module.landlord_urlconf
    return make(slug)


class PublicLandlordMiddleware:
    """Find the landlord of a /l/<slug>/ request and route it through that landlord's URL
    configuration; an unknown slug, or another landlord's slug on a landlord's own host
    name, is not found. Every other request gets a ``PublicSite`` that looks its landlord
    up only if a page asks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = SLUG_PATH.match(request.path_info)
        if match is None:
            request.public_site = PublicSite(request)  # type: ignore[attr-defined]
            return self.get_response(request)
        slug, rest = match["slug"], match["rest"]
        landlord = Landlord.objects.filter(slug=slug).first()
        site = PublicSite(request, by_slug=landlord)
        request.public_site = site  # type: ignore[attr-defined]
        if landlord is None or (site.by_host is not None and site.by_host != landlord):
            raise Http404("No landlord has that address.")
        if rest is None:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                f"{request.path}/" + (f"?{query}" if query else "")
            )
        # Django takes a module as well as its dotted path here; the stubs say only a path.
        request.urlconf = _landlord_urlconf(landlord.slug)  # type: ignore[assignment]
        return self.get_response(request)
