"""The 403, 404 and 500 pages: plain English, in the service's layout."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path

from putright import urls as project_urls
from tests import factories


def permission_denied(request: HttpRequest) -> None:
    raise PermissionDenied


def broken(request: HttpRequest) -> None:
    raise RuntimeError("something went wrong")


urlpatterns = [
    path("forbidden/", permission_denied),
    path("broken/", broken),
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500


@pytest.mark.django_db
def test_404_page_says_the_page_was_not_found_and_links_to_the_start(client: Client) -> None:
    factories.landlord("Riverside Homes")

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "Riverside Homes" in page
    assert 'href="/"' in page


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_403_page_says_the_account_cannot_see_the_page(client: Client) -> None:
    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_apologises_without_touching_the_database() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Try again later." in page
