"""Learning from complaints, under /staff/learning/."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.learning import views

app_name = "learning"

urlpatterns: list[URLPattern] = [
    path("", views.register, name="register"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.record, name="record"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/meeting/", views.review_meeting, name="review_meeting"),
    path("reviews/<int:pk>/actions/new/", views.review_action_new, name="review_action_new"),
    path("themes/", views.themes, name="themes"),
    path("hazards/", views.hazards, name="hazards"),
    path("suggestions/", views.suggestions, name="suggestions"),
]
