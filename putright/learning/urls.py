"""Learning from complaints, under /staff/learning/."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.learning import views

app_name = "learning"

urlpatterns: list[URLPattern] = [
    path("", views.register, name="register"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.record, name="record"),
    path("themes/", views.themes, name="themes"),
    path("hazards/", views.hazards, name="hazards"),
    path("suggestions/", views.suggestions, name="suggestions"),
]
