"""/thank-you/: a resident says thank you (a compliment, issue 17 item 4)."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.portal.thanks import views

app_name = "thanks"

urlpatterns: list[URLPattern] = [
    path("", views.say_thank_you, name="form"),
    path("sent/", views.sent, name="sent"),
]
