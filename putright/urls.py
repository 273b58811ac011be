"""The installation's addresses. The public pages (the start page, /complain/, /track/ and /thank-you/)
are served at the root and, for each landlord, under /l/<slug>/ (``landlord_urlconf``,
which ``putright.web.public.PublicLandlordMiddleware`` routes a /l/<slug>/ request through)."""

from functools import cache
from types import ModuleType

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from putright.web import metrics, views

#: Everything that is not a landlord's public page: the same in every URL configuration.
installation_patterns: list[URLPattern | URLResolver] = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("putright.api.urls")),
    path("staff/ombudsman/", include("putright.ombudsman.urls")),
    path("staff/learning/", include("putright.learning.urls")),
    path("staff/compliments/", include("putright.compliments.urls")),
    path("staff/reports/", include("putright.reports.urls")),
    path("staff/", include("putright.staff.urls")),
]

#: A landlord's public pages (interfaces.md: the paths are a contract).
public_patterns: list[URLPattern | URLResolver] = [
    path("complain/", include("putright.portal.complain.urls")),
    path("track/", include("putright.portal.track.urls")),
    path("thank-you/", include("putright.portal.thanks.urls")),
    path("publications/", include("putright.portal.publications.urls")),
    path("", include("putright.web.urls")),
]

urlpatterns = [*installation_patterns, *public_patterns]

# 403 and 404 use Django's views with our templates; 500 renders without the database.
handler500 = "putright.web.views.server_error"


@cache
def landlord_urlconf(slug: str) -> ModuleType:
    """The URL configuration of a request under /l/<slug>/: the public pages there (and not
    at the root, so each address they make is under it), everything else as at the root.
    Made once per slug: Django caches a resolver per configuration."""
    module = ModuleType(f"{__name__}.landlord_{slug.replace('-', '_')}")
    module.urlpatterns = [  # type: ignore[attr-defined]
        *installation_patterns,
        path(f"l/{slug}/", include(public_patterns)),
    ]
    module.handler500 = handler500  # type: ignore[attr-defined]
    return module
