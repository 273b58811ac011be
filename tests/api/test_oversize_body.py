"""An over-size request body is answered in the API's error shape (413), not with Django's
HTML 400 page (issue 14, item 7)."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.helpers import API, client, key, new_complaint, stage1_open, upload

pytestmark = pytest.mark.django_db

TOO_LARGE = {
    "code": "request_too_large",
    "message": "The request is too large: the API takes at most 1000 bytes of JSON or form "
    "fields (an attachment's file does not count). Send less at once.",
    "problems": {},
}


def test_a_json_body_over_the_size_limit_is_answered_413_in_the_error_shape(settings):
    c = client(key(factories.landlord()))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = c.post(
        f"{API}/complaints",
        new_complaint(description="x" * 2000),
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == TOO_LARGE


def test_a_multipart_field_over_the_size_limit_is_answered_413_but_a_large_file_is_not(
    settings,
):
    landlord = factories.landlord()
    c = client(key(landlord))
    reference = stage1_open(landlord, c)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    path = f"{API}/complaints/{reference}/attachments"

    too_long = c.post(path, {"file": upload(b"photo"), "description": "x" * 2000})
    large_file = c.post(path, {"file": upload(b"x" * 5000), "description": "A photo."})

    assert too_long.status_code == 413
    assert too_long.json() == TOO_LARGE
    assert large_file.status_code == 201
