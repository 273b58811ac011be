"""FILE_STORAGE and the S3_* variables (putright.settings.file_storage): the folder unless
asked otherwise, the bucket's options as a deployment sets them, and a mistake refused with
a message naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from putright.settings import file_storage

DATA = Path("/srv/putright")


def test_by_default_the_files_are_in_the_data_folder() -> None:
    assert file_storage({}, DATA) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/putright/files"},
    }


def test_local_is_the_folder_even_with_a_bucket_named() -> None:
    chosen = file_storage({"FILE_STORAGE": "local", "S3_BUCKET": "council-files"}, DATA)
    assert chosen["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_alone_chooses_s3_private_never_overwritten_and_encrypted_as_asked() -> None:
    chosen = file_storage(
        {
            "S3_BUCKET": " council-files ",
            "S3_PREFIX": "/putright/",
            "S3_ENDPOINT_URL": "https://s3.example.net",
            "S3_REGION": "eu-west-2",
            "S3_ADDRESSING_STYLE": "Path",
            "S3_SERVER_SIDE_ENCRYPTION": "aws:kms",
            "S3_KMS_KEY_ID": "alias/putright",
        },
        DATA,
    )

    assert chosen == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "council-files",
            "location": "putright",
            "endpoint_url": "https://s3.example.net",
            "region_name": "eu-west-2",
            "addressing_style": "path",
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {
                "ServerSideEncryption": "aws:kms",
                "SSEKMSKeyId": "alias/putright",
            },
        },
    }


def test_s3_on_aws_needs_only_the_bucket() -> None:
    options = file_storage({"FILE_STORAGE": "S3", "S3_BUCKET": "council-files"}, DATA)["OPTIONS"]
    assert (options["endpoint_url"], options["region_name"], options["location"]) == (
        None,
        None,
        "",
    )
    assert options["object_parameters"] == {}


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"FILE_STORAGE": "azure"}, "FILE_STORAGE must be local or s3, not 'azure'"),
        ({"FILE_STORAGE": "s3"}, "FILE_STORAGE=s3 needs S3_BUCKET, the name of the bucket"),
        (
            {"S3_BUCKET": "b", "S3_SERVER_SIDE_ENCRYPTION": "aes"},
            "S3_SERVER_SIDE_ENCRYPTION must be AES256 or aws:kms (or unset), not 'aes'",
        ),
        (
            {"S3_BUCKET": "b", "S3_SERVER_SIDE_ENCRYPTION": "AES256", "S3_KMS_KEY_ID": "k"},
            "S3_KMS_KEY_ID needs S3_SERVER_SIDE_ENCRYPTION=aws:kms",
        ),
        (
            {"S3_BUCKET": "b", "S3_ADDRESSING_STYLE": "dns"},
            "S3_ADDRESSING_STYLE must be auto, path or virtual, not 'dns'",
        ),
    ],
)
def test_a_mistake_is_refused_naming_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError) as refused:
        file_storage(environ, DATA)
    assert str(refused.value) == message
