"""Putright's URLs plus ``/load-test/bare``: a Django view that does nothing, behind the
same middleware as every page, for the load test's baseline. Only the load test's settings
(``benchmarks.load.settings``) route to it; production never does. A landlord's public
pages under /l/<slug>/ are Putright's own (``landlord_urlconf``, which the middleware
finds in the root URL configuration)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from putright.urls import handler500, landlord_urlconf
from putright.urls import urlpatterns as putright_patterns

BARE_PATH = "load-test/bare"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH, bare), *putright_patterns]

__all__ = ["handler500", "landlord_urlconf", "urlpatterns"]
