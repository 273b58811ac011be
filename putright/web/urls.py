"""The public pages: the start page. The complaint form and tracking pages will join it."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.web import views

app_name = "web"

urlpatterns: list[URLPattern] = [
    path("", views.start, name="start"),
]
