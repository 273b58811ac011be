"""/publications/: the annual reports and self-assessments the landlord has published
(Code 8.2; interfaces.md: the path is a contract)."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.portal.publications import views

app_name = "publications"

urlpatterns: list[URLPattern] = [
    path("", views.publication_list, name="list"),
    path(
        "<int:year>/<slug:kind>/<int:version>/<slug:fmt>/",
        views.publication_file,
        name="file",
    ),
]
