"""Compliments, under /staff/compliments/."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.compliments import views

app_name = "compliments"

urlpatterns: list[URLPattern] = [
    path("", views.compliment_list, name="list"),
    path("new/", views.new, name="new"),
]
