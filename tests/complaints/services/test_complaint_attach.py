"""Attachments: size and type checked, stored privately, on the timeline."""

from __future__ import annotations

import pytest

from putright.complaints import services
from putright.complaints.models import Attachment
from putright.complaints.services import attachments
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_pdf_is_attached_with_its_digest_and_an_event():
    c = factories.complaint(factories.landlord())
    a = services.complaint_attach(
        complaint=c,
        filename="photo.pdf",
        content=b"%PDF-1.4 test",
        content_type="application/pdf",
        by=None,
    )
    assert a.event.kind == "attachment"
    assert a.size == 13
    with a.file.open("rb") as f:
        assert f.read() == b"%PDF-1.4 test"


def test_a_disallowed_type_is_refused_and_nothing_is_written():
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError, match="must be a PDF"):
        services.complaint_attach(
            complaint=c,
            filename="x.exe",
            content=b"MZ",
            content_type="application/x-msdownload",
            by=None,
        )
    assert not Attachment.objects.exists()


def test_a_file_over_20_mb_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError, match="smaller than"):
        services.complaint_attach(
            complaint=c, filename="big.txt", content=b"x" * 11, content_type="text/plain", by=None
        )


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("application/pdf", "PDF"),
        ("image/png", "PNG"),
        ("image/jpeg", "JPG"),
        ("application/msword", "Word"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    ],
)
def test_a_file_whose_contents_are_not_its_type_is_refused(content_type, kind):
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError) as refused:
        services.complaint_attach(
            complaint=c,
            filename="letter",
            content=b"<html><script>alert(1)</script></html>",
            content_type=content_type,
            by=None,
        )
    assert refused.value.problems == {
        "file": f"The file is not a real {kind} file: its contents are not those of a {kind} file."
    }
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n picture"),
        ("image/jpeg", b"\xff\xd8\xff\xe0 photo"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
        ("text/plain", b"<html> is fine as text"),
    ],
)
def test_a_file_that_starts_as_its_type_says_is_kept(content_type, content):
    c = factories.complaint(factories.landlord())
    services.complaint_attach(
        complaint=c, filename="file", content=content, content_type=content_type, by=None
    )
    assert Attachment.objects.get().content_type == content_type
