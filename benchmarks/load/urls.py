"""Putright's URLs plus ``/load-test/bare``: a Django view that does nothing, behind the
same middleware as every page, for the load test's baseline. Only the load test's settings
(``benchmarks.load.settings``) route to it; production never does."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from putright.urls import handler500
from putright.urls import urlpatterns as putright_patterns

BARE_PATH = "load-test/bare"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH, bare), *putright_patterns]

__all__ = ["handler500", "urlpatterns"]
