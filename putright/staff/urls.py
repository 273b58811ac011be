"""The staff workspace under /staff/."""

from django.urls import path  # noqa: F401

app_name = "staff"

urlpatterns: list = []
