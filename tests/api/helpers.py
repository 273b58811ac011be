"""Small helpers for the API tests: a key and a client that sends it."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from putright.api.keys import api_key_issue
from putright.landlords.models import Landlord

API = "/api/v1"


def key(landlord: Landlord, *, write: bool = True, name: str = "Housing CRM") -> str:
    """A new API key's secret for ``landlord``."""
    return api_key_issue(landlord=landlord, name=name, can_write=write).secret


def client(secret: str | None) -> Client:
    """A test client that sends ``secret`` as its bearer key (or no key at all)."""
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client(headers=headers)


def post(c: Client, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
    return c.post(f"{API}{path}", body or {}, content_type="application/json", headers=headers)


def get(c: Client, path: str, **params: Any) -> Any:
    return c.get(f"{API}{path}", params)


def new_complaint(**fields: Any) -> dict[str, Any]:
    """The body of a complaint logged by phone on 1 May 2024."""
    return {
        "received_on": "2024-05-01",
        "channel": "phone",
        "description": "My boiler has not worked for three weeks.",
        **fields,
    }


def stage1_open(landlord: Landlord, c: Client) -> str:
    """A complaint logged and triaged over the API (stage 1 requested); its reference."""
    reference = post(c, "/complaints", new_complaint()).json()["reference"]
    assert post(c, f"/complaints/{reference}/triage", {"decision": "complaint"}).status_code == 200
    return reference


def upload(
    content: bytes, name: str = "letter.txt", content_type: str = "text/plain"
) -> SimpleUploadedFile:
    """A file part for a multipart upload."""
    return SimpleUploadedFile(name, content, content_type=content_type)
