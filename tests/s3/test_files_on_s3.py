"""Every kind of stored file round-trips through an S3 bucket with FILE_STORAGE=s3 (moto's
S3-compatible server, tests/s3/conftest.py): written by the service that makes it, found in
the bucket under its name with the very bytes, encrypted at rest as asked and given to no
one but the bucket's owner, read back by the view or builder that serves it, and deleted from the bucket when Putright deletes it. None
of it touches the local data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.complaints import services as complaint_services
from putright.complaints.models import Attachment, Complaint
from putright.complaints.services.retention import retention_apply
from putright.complaints.services.subject_access import subject_access_produce
from putright.landlords.models import Role
from putright.letters import services as letters
from putright.letters.models import Letter
from putright.ombudsman import services as ombudsman_services
from putright.portal.models import PendingUpload
from putright.registers.generate import generate_rows, write_register
from putright.reports.services import annual_report_publish, narrative_save
from putright.residents.models import Resident
from tests import factories
from tests.ombudsman.helpers import case, evidence_request
from tests.portal.helpers import PATHS, RESIDENT, answer_all
from tests.s3.conftest import Bucket
from tests.staff.people import signed_in, staff

pytestmark = pytest.mark.django_db

#: Not text, not valid UTF-8: a file must come back as these very bytes.
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def _in_bucket(s3: Bucket, name: str, content: bytes) -> None:
    """The object Putright stored as ``name`` holds ``content``, encrypted at rest, and is
    given to no one but the bucket's owner."""
    assert s3.read(name) == content
    assert s3.head(name)["ServerSideEncryption"] == "AES256"
    grants = s3.client.get_object_acl(Bucket=s3.name, Key=s3.key(name))["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert "URI" not in grants[0]["Grantee"]  # not AllUsers, not AuthenticatedUsers


def _issued_letter(complaint: Complaint) -> Letter:
    draft = letters.letter_draft(complaint=complaint, kind="acknowledgement_stage1")
    return letters.letter_issue(
        complaint=complaint,
        kind="acknowledgement_stage1",
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        send_to="1 High Street\nCannock WS11 1AA",
        by=None,
        on=complaint.received_on,
    )


def test_the_storage_is_the_bucket_and_the_data_folder_stays_empty(s3, tmp_path: Path) -> None:
    from storages.backends.s3 import S3Storage

    name = default_storage.save("probe/one.bin", io.BytesIO(PHOTO))
    assert isinstance(default_storage._wrapped, S3Storage)
    assert (default_storage.bucket_name, default_storage.location) == (s3.name, "putright")
    _in_bucket(s3, name, PHOTO)
    # A name taken gets a new one, as in a folder: nothing is ever written over.
    again = default_storage.save("probe/one.bin", io.BytesIO(b"other"))
    assert again != name and s3.read(name) == PHOTO
    assert not (tmp_path / "files").exists()


def test_a_letters_pdf_is_kept_in_the_bucket_and_staff_download_it(s3) -> None:
    landlord = factories.landlord("Bucket Homes")
    complaint = factories.stage1_acknowledged(landlord)
    letter = _issued_letter(complaint)
    officer = signed_in(staff(landlord, Role.OFFICER))

    response = officer.get(f"/staff/cases/{complaint.reference}/issued-letters/{letter.pk}.pdf")

    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    letter.refresh_from_db()
    assert s3.names() == [letter.pdf.name]
    _in_bucket(s3, letter.pdf.name, pdf)
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256


def test_a_portal_upload_waits_in_the_bucket_then_staff_download_the_attachment(
    s3, client, django_capture_on_commit_callbacks
) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    for step, data in RESIDENT.items():
        assert client.post(PATHS[step], data).status_code == 302
    client.post(
        PATHS["files"],
        {"files": [SimpleUploadedFile("ceiling.png", PHOTO, "image/png")], "action": "upload"},
    )
    pending = PendingUpload.objects.get().file.name
    _in_bucket(s3, pending, PHOTO)

    answer_all(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PATHS["check"]).status_code == 302
    attachment = Attachment.objects.get()
    assert s3.names() == [attachment.file.name]  # the waiting copy is gone from the bucket
    _in_bucket(s3, attachment.file.name, PHOTO)

    officer = signed_in(staff(landlord, Role.OFFICER))
    response = officer.get(f"/staff/cases/{attachment.complaint.reference}/files/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PHOTO
    assert response["Content-Disposition"] == 'attachment; filename="ceiling.png"'


def test_the_ombudsman_bundle_is_built_from_the_bucket_kept_in_it_and_downloaded(s3) -> None:
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord)
    letter = _issued_letter(complaint)
    contact = evidence_request(case(landlord, complaint=complaint))
    complaint_services.complaint_attach(
        complaint=complaint, filename="boiler.png", content=PHOTO, content_type="image/png",
        by=None, on=complaint.received_on,
    )  # fmt: skip

    reply = ombudsman_services.contact_reply(
        contact=contact, sent_on=dt.date(2024, 6, 5), summary="Case file sent.", by=None,
        with_bundle=True,
    )  # fmt: skip

    officer = signed_in(staff(landlord, Role.OFFICER))
    response = officer.get(f"/staff/ombudsman/replies/{reply.pk}/file/")
    assert response.status_code == 200
    bundle = b"".join(response.streaming_content)
    _in_bucket(s3, reply.file.name, bundle)
    archive = zipfile.ZipFile(io.BytesIO(bundle))
    assert archive.read("attachments/001-boiler.png") == PHOTO
    letter.refresh_from_db()
    [letter_entry] = [n for n in archive.namelist() if n.startswith("letters/")]
    _in_bucket(s3, letter.pdf.name, archive.read(letter_entry))
    _in_bucket(s3, Attachment.objects.get().file.name, PHOTO)


def test_a_published_reports_files_are_kept_in_the_bucket_and_served_from_it(s3, client) -> None:
    landlord = factories.landlord("Known Homes")
    narrative_save(
        landlord=landlord, year=2025, by=None, governing_body="Housing Committee",
        governing_body_response="We accept the report.",
        governing_body_response_on=dt.date(2026, 7, 14),
    )  # fmt: skip
    publication = annual_report_publish(landlord=landlord, year=2025, correction="", by=None)
    stored = {f.format: f for f in publication.files.all()}

    assert s3.names() == sorted(str(f.file.name) for f in stored.values())
    for fmt in ("pdf", "json", "html"):
        response = client.get(f"/publications/2025/annual-report/1/{fmt}/")
        assert response.status_code == 200, fmt
        served = response.content if fmt == "html" else b"".join(response.streaming_content)
        _in_bucket(s3, stored[fmt].file.name, served)
        assert hashlib.sha256(served).hexdigest() == stored[fmt].sha256


def test_retention_deletes_the_files_from_the_bucket(
    s3, today, django_capture_on_commit_callbacks
) -> None:
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord)
    letter = _issued_letter(complaint)
    letters.letter_pdf_make(letter=letter)
    complaint_services.complaint_attach(
        complaint=complaint, filename="damp.png", content=PHOTO, content_type="image/png",
        by=None, on=complaint.received_on,
    )  # fmt: skip
    complaint_services.complaint_withdraw(
        complaint=Complaint.objects.get(pk=complaint.pk), requested_by="The resident", by=None,
        on=complaint.received_on,
    )  # fmt: skip
    assert len(s3.names()) == 2

    with django_capture_on_commit_callbacks(execute=True):
        plan = retention_apply(landlord=landlord, by=None, on=today + dt.timedelta(days=366 * 8))

    assert plan.complaints == 1
    assert s3.names() == []
    assert not Attachment.objects.get().file and not Letter.objects.get().pdf


def test_a_subject_access_zip_holds_the_files_from_the_bucket(s3) -> None:
    landlord = factories.landlord()
    resident = Resident.objects.create(landlord=landlord, name="Ada Lovelace", tenure="tenant")
    complaint = factories.stage1_acknowledged(landlord, resident=resident)
    letter = _issued_letter(complaint)
    complaint_services.complaint_attach(
        complaint=complaint, filename="mould.png", content=PHOTO, content_type="image/png",
        by=None, on=complaint.received_on,
    )  # fmt: skip

    package = subject_access_produce(resident=resident, by=None)

    archive = zipfile.ZipFile(io.BytesIO(package.content))
    contents = {name: archive.read(name) for name in archive.namelist()}
    assert PHOTO in contents.values()
    letter.refresh_from_db()
    assert letter.pdf.name  # made for the zip, and kept in the bucket
    assert s3.read(letter.pdf.name) in contents.values()
    assert (package.attachments, package.letters) == (1, 1)


def test_a_register_upload_waits_in_the_bucket_until_it_is_imported(s3, today) -> None:
    landlord = factories.landlord("Riverside Homes")
    admin = signed_in(staff(landlord, Role.ADMINISTRATOR))
    out = io.StringIO()
    write_register(out, generate_rows(5, today=today, seed=3))
    data = out.getvalue().encode()

    checked = admin.post(
        "/staff/settings/import/",
        {"action": "check", "register": SimpleUploadedFile("register.csv", data, "text/csv")},
    )

    token = re.search(r'name="token" value="([^"]+)"', checked.content.decode()).group(1)
    [waiting] = s3.names()
    assert waiting == f"register-uploads/{token}.csv"
    _in_bucket(s3, waiting, data)
    imported = admin.post("/staff/settings/import/", {"action": "import", "token": token})
    assert imported.status_code == 302
    assert Complaint.objects.filter(landlord=landlord).count() == 5
    assert s3.names() == []
