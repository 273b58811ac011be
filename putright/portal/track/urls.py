"""/track/: find and follow a complaint (interfaces.md: the path is a contract).

Only the private link carries anything secret in its address; every other page knows the
complaint from the session."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.portal.track import views

app_name = "track"

urlpatterns: list[URLPattern] = [
    path("", views.find, name="find"),
    path("code/", views.code, name="code"),
    path("code/new/", views.new_code, name="new_code"),
    path("link/<str:token>/", views.link, name="link"),
    path("stop/", views.stop, name="stop"),
    path("complaint/", views.complaint, name="complaint"),
    path("complaint/stage-2/", views.stage2, name="stage2"),
    path("complaint/support/", views.support, name="support"),
    path("complaint/feedback/", views.feedback, name="feedback"),
    path("complaint/letters/<int:letter_id>/", views.letter, name="letter"),
]
