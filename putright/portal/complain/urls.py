"""/complain/: the complaint form, a question per page (interfaces.md: the path is a contract)."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.portal.complain import views

app_name = "complain"

_QUESTIONS = {
    "": "who",
    "about-you/": "representative",
    "name/": "name",
    "contact/": "contact_method",
    "contact-details/": "contact_details",
    "address/": "address",
    "what-happened/": "what_happened",
    "put-right/": "put_right",
    "support/": "support",
}

urlpatterns: list[URLPattern] = [
    *(
        path(route, views.question, {"step_name": name}, name=name)
        for route, name in _QUESTIONS.items()
    ),
    path("files/", views.files, name="files"),
    path("check-answers/", views.check, name="check"),
    path("sent/", views.sent, name="sent"),
]
