"""The resident pages refuse a body too big before reading it (issue 14, item 8): the
size the request declares is checked before the CSRF check or the form reads the files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from putright.portal.middleware import DEFAULT_MAX_REQUEST_BYTES, RequestSizeLimit
from putright.portal.models import PendingUpload
from tests.portal.helpers import PATHS, RESIDENT, answer

pytestmark = pytest.mark.usefixtures("landlord")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 4000


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    request = RequestFactory().post(
        PATHS["files"], {"files": SimpleUploadedFile("a.png", PNG, "image/png")}
    )
    request._stream = _Unreadable()  # type: ignore[attr-defined]
    middleware = RequestSizeLimit(lambda r: HttpResponse(r.POST.get("x", "")))

    response = middleware(request)

    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "The files are too big to send together" in response.content.decode()
    assert "add up to more than 1 KB" in response.content.decode()


def test_the_files_page_says_what_to_do_and_keeps_nothing(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    for step, data in RESIDENT.items():
        answer(client, step, data)
    big = SimpleUploadedFile("video.png", b"\x89PNG\r\n\x1a\n" + b"0" * 3 * 1024 * 1024)

    response = client.post(PATHS["files"], {"files": [big], "action": "upload"})

    html = response.content.decode()
    assert response.status_code == 413
    assert "The files you chose add up to more than 2 MB" in html
    assert "Each file must be smaller than 20 MB" in html
    assert f'href="{PATHS["files"]}"' in html
    assert not PendingUpload.objects.exists()


def test_a_body_within_the_limit_and_other_pages_are_let_through(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    request = RequestFactory().post("/staff/", data=b"x" * 5000, content_type="text/plain")
    small = RequestFactory().post(PATHS["files"], data=b"x" * 10, content_type="text/plain")
    middleware = RequestSizeLimit(lambda r: HttpResponse("through"))

    assert middleware(request).content == b"through"
    assert middleware(small).content == b"through"


def test_the_default_limit_takes_two_files_of_the_largest_size():
    assert DEFAULT_MAX_REQUEST_BYTES > 2 * 20 * 1024 * 1024


def test_a_landlords_own_pages_under_its_slug_refuse_a_body_too_big_too(client, settings, landlord):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000

    response = client.post(
        f"/l/{landlord.slug}/complain/files/", data=b"x" * 5000, content_type="text/plain"
    )

    assert response.status_code == 413
    assert f'href="/l/{landlord.slug}/complain/files/"' in response.content.decode()
