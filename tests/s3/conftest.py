"""Stored files on S3 (FILE_STORAGE=s3), against moto's S3-compatible server running on
127.0.0.1 in a thread of the test process: not AWS, not MinIO, but the S3 protocol over
HTTP, as boto3 speaks it to any of them (docs/operations.md, "Where files are kept").

``s3`` gives each test a new, empty bucket and switches ``STORAGES["default"]`` to it with
the options ``putright.settings.file_storage`` makes from the environment variables a
deployment sets, credentials taken by boto3 from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY as in production."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from putright.settings import file_storage

REGION = "eu-west-2"
PREFIX = "putright"


@dataclass(frozen=True)
class Bucket:
    """The test's bucket, read with boto3 directly (not through Putright's storage)."""

    client: Any
    name: str
    environ: dict[str, str]

    def key(self, name: str) -> str:
        return f"{PREFIX}/{name}"

    def read(self, name: str) -> bytes:
        """The bytes of the object Putright stored as ``name``."""
        body: bytes = self.client.get_object(Bucket=self.name, Key=self.key(name))["Body"].read()
        return body

    def head(self, name: str) -> dict[str, Any]:
        head: dict[str, Any] = self.client.head_object(Bucket=self.name, Key=self.key(name))
        return head

    def names(self) -> list[str]:
        """Every object's name under Putright's prefix."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=f"{PREFIX}/"
        )
        return sorted(
            item["Key"].removeprefix(f"{PREFIX}/")
            for page in pages
            for item in page.get("Contents", [])
        )


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3-compatible server on a free port of 127.0.0.1, once per test process."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint: str, settings, monkeypatch, tmp_path: Path) -> Bucket:
    """A new bucket, and Putright's files kept in it, as FILE_STORAGE=s3 would have them."""
    for variable, value in (
        ("AWS_ACCESS_KEY_ID", "putright-test"),
        ("AWS_SECRET_ACCESS_KEY", "putright-test-secret"),
    ):
        monkeypatch.setenv(variable, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    name = f"putright-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    environ = {
        "FILE_STORAGE": "s3",
        "S3_BUCKET": name,
        "S3_PREFIX": PREFIX,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": REGION,
        "S3_SERVER_SIDE_ENCRYPTION": "AES256",
    }
    # Django's setting_changed handler forgets the storages made from the old setting.
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(environ, tmp_path)}
    return Bucket(client, name, environ)
