"""Files sent with the complaint form: checked with the complaint services' own limits,
kept privately until the complaint is sent, never served."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from putright.complaints.services import MAX_ATTACHMENT_BYTES
from putright.portal.models import PendingUpload
from putright.portal.uploads import MAX_FILES
from tests.portal.helpers import PATHS, RESIDENT, answer

pytestmark = pytest.mark.usefixtures("landlord")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture
def at_files(client):
    for step, data in RESIDENT.items():
        assert answer(client, step, data).status_code == 302
    return client


def _upload(client, *files: SimpleUploadedFile, action: str = "upload"):
    return client.post(PATHS["files"], {"files": list(files), "action": action})


def test_a_photo_is_kept_until_the_complaint_is_sent(at_files):
    response = _upload(at_files, SimpleUploadedFile("ceiling.png", PNG, "image/png"))

    assert response.status_code == 302 and response["Location"] == PATHS["files"]
    upload = PendingUpload.objects.get()
    assert (upload.filename, upload.content_type, upload.size) == ("ceiling.png", "image/png", 72)
    assert upload.file.name.startswith(f"portal/pending/{upload.draft}/")
    assert "ceiling" not in upload.file.name  # the stored name says nothing about the file
    html = at_files.get(PATHS["files"]).content.decode()
    assert "ceiling.png" in html
    assert 'Remove<span class="govuk-visually-hidden"> ceiling.png</span>' in html


def test_the_type_comes_from_the_file_not_what_the_browser_claims(at_files):
    _upload(at_files, SimpleUploadedFile("letter.pdf", PDF, "application/octet-stream"))

    assert PendingUpload.objects.get().content_type == "application/pdf"


def test_a_file_too_large_is_refused_with_a_clear_message(at_files):
    big = SimpleUploadedFile("video.mp4", b"0" * (MAX_ATTACHMENT_BYTES + 1), "video/mp4")

    response = _upload(at_files, big)

    assert response.status_code == 200
    assert "The file video.mp4 must be smaller than 20 MB" in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_a_file_of_the_wrong_type_is_refused(at_files):
    response = _upload(at_files, SimpleUploadedFile("run.exe", b"MZ\x90\x00", "image/png"))

    assert (
        "The file run.exe must be a PDF, JPG, PNG, HEIC, Word, text, email (EML), MP3 or MP4 file"
        in response.content.decode()
    )
    assert not PendingUpload.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(at_files):
    response = _upload(at_files, SimpleUploadedFile("photo.png", b"<html>", "image/png"))

    assert "The file photo.png is not a real PNG file" in response.content.decode()


def test_good_files_are_kept_when_another_is_refused(at_files):
    response = _upload(
        at_files,
        SimpleUploadedFile("ceiling.png", PNG, "image/png"),
        SimpleUploadedFile("run.exe", b"MZ", "application/x-msdownload"),
    )

    html = response.content.decode()
    assert "The file run.exe must be a" in html
    assert [u.filename for u in PendingUpload.objects.all()] == ["ceiling.png"]
    assert "ceiling.png" in html  # listed as added


def test_no_more_than_the_limit_of_files(at_files):
    for n in range(MAX_FILES):
        _upload(at_files, SimpleUploadedFile(f"p{n}.png", PNG, "image/png"))

    response = _upload(at_files, SimpleUploadedFile("one-more.png", PNG, "image/png"))

    assert "You can send up to 10 files. Remove a file to add another" in (
        response.content.decode()
    )
    assert PendingUpload.objects.count() == MAX_FILES


def test_a_file_can_be_removed(at_files):
    _upload(at_files, SimpleUploadedFile("ceiling.png", PNG, "image/png"))
    upload = PendingUpload.objects.get()
    name, storage = upload.file.name, upload.file.storage

    response = at_files.post(PATHS["files"], {"remove": str(upload.pk)})

    assert response.status_code == 302
    assert not PendingUpload.objects.exists()
    assert not storage.exists(name)


def test_only_files_of_ones_own_form_can_be_removed(at_files):
    _upload(at_files, SimpleUploadedFile("ceiling.png", PNG, "image/png"))
    upload = PendingUpload.objects.get()
    other = Client()
    for step, data in RESIDENT.items():
        answer(other, step, data)

    other.post(PATHS["files"], {"remove": str(upload.pk)})

    assert PendingUpload.objects.filter(pk=upload.pk).exists()


def test_files_are_optional(at_files):
    response = at_files.post(PATHS["files"], {"action": "continue"})

    assert response["Location"] == PATHS["check"]


def test_a_file_chosen_then_continue_is_kept(at_files):
    response = _upload(at_files, SimpleUploadedFile("a.png", PNG, "image/png"), action="continue")

    assert response["Location"] == PATHS["check"]
    assert PendingUpload.objects.count() == 1


def test_uploads_are_limited_per_client(at_files, settings):
    settings.PORTAL_RATE_LIMITS = {"upload": (2, 3600)}
    for n in range(2):
        _upload(at_files, SimpleUploadedFile(f"p{n}.png", PNG, "image/png"))

    response = _upload(at_files, SimpleUploadedFile("p3.png", PNG, "image/png"))

    assert "You have sent too many files. Try again in an hour" in response.content.decode()
    assert PendingUpload.objects.count() == 2


def test_every_file_counts_against_the_allowance_not_every_request(at_files, settings):
    settings.PORTAL_RATE_LIMITS = {"upload": (2, 3600)}

    response = _upload(
        at_files, *(SimpleUploadedFile(f"p{n}.png", PNG, "image/png") for n in range(3))
    )

    assert "You have sent too many files. Try again in an hour" in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_what_one_address_can_add_to_the_disk_in_a_day_is_bounded(at_files, settings):
    settings.PORTAL_RATE_LIMITS = {"upload_kb": (2, 24 * 3600)}
    _upload(at_files, SimpleUploadedFile("small.png", PNG, "image/png"))  # 1 KB, counted up

    response = _upload(at_files, SimpleUploadedFile("more.png", PNG * 20, "image/png"))

    assert (
        "You have sent as many files as we can take from your connection today. Try again "
        "tomorrow, or send your complaint without them"
    ) in response.content.decode()
    assert [u.filename for u in PendingUpload.objects.all()] == ["small.png"]
    other = Client(REMOTE_ADDR="10.7.7.7")
    for step, data in RESIDENT.items():
        answer(other, step, data)
    assert _upload(other, SimpleUploadedFile("theirs.png", PNG, "image/png")).status_code == 302


def test_the_daily_allowance_holds_ten_files_of_the_largest_size():
    from putright.portal.ratelimit import DEFAULT_LIMITS

    limit = DEFAULT_LIMITS["upload_kb"]
    assert limit.times * 1024 == 10 * MAX_ATTACHMENT_BYTES
    assert limit.seconds == 24 * 60 * 60


def test_files_left_on_a_form_for_a_day_are_removed(at_files):
    _upload(at_files, SimpleUploadedFile("old.png", PNG, "image/png"))
    old = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))

    _upload(at_files, SimpleUploadedFile("new.png", PNG, "image/png"))

    assert [u.filename for u in PendingUpload.objects.all()] == ["new.png"]
    assert not old.file.storage.exists(old.file.name)


def test_there_is_no_address_that_serves_an_uploaded_file(at_files):
    _upload(at_files, SimpleUploadedFile("ceiling.png", PNG, "image/png"))
    upload = PendingUpload.objects.get()

    for path in (
        f"/{upload.file.name}",
        f"/media/{upload.file.name}",
        f"/files/{upload.file.name}",
    ):
        assert at_files.get(path).status_code == 404


def test_the_page_says_how_much_one_send_may_carry(at_files, settings):
    """Issue 14, item 8: a send over PORTAL_MAX_REQUEST_BYTES is refused unread, so the page
    says so before the resident chooses their files."""
    html = at_files.get(PATHS["files"]).content.decode()
    assert "You can send up to 50.0\xa0MB at a time" in html
    settings.PORTAL_MAX_REQUEST_BYTES = 30 * 1024 * 1024
    html = at_files.get(PATHS["files"]).content.decode()
    assert "You can send up to 30.0\xa0MB at a time" in html
