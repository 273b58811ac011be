"""API reads of a case file go in the staff access log (domain.md §11: every read of a case
file by staff is logged), naming the key's user: one row per request, for the record's
detail, its timeline and its files; nothing for lists, for another landlord's record or for
a file that is not there."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.api.keys import api_key_issue
from putright.complaints import services
from putright.landlords.models import Role, StaffMembership
from putright.web.models import CaseRead
from tests import factories
from tests.api.helpers import client, get, key
from tests.staff import people

pytestmark = pytest.mark.django_db


def reads() -> list[tuple[str, str, str, str]]:
    return [
        (r.user.username, r.role, r.what, r.complaint.reference)
        for r in CaseRead.objects.order_by("id").select_related("user", "complaint")
    ]


def test_reading_a_record_is_logged_as_a_case_read_by_the_key():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord, write=False, name="Dashboard"))
    assert get(c, f"/complaints/{complaint.reference}").status_code == 200
    assert get(c, f"/complaints/{complaint.reference}/events").status_code == 200
    assert reads() == [
        ("api:Dashboard", Role.VIEWER, CaseRead.What.CASE, complaint.reference),
        ("api:Dashboard", Role.VIEWER, CaseRead.What.CASE, complaint.reference),
    ]


def test_reading_the_files_is_logged_as_attachment_reads():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    attachment = services.complaint_attach(
        complaint=complaint, filename="a.txt", content=b"hello", content_type="text/plain", by=None
    )
    c = client(key(landlord, name="CRM"))
    base = f"/complaints/{complaint.reference}/attachments"
    for path in [base, f"{base}/{attachment.pk}", f"{base}/{attachment.pk}/content"]:
        assert get(c, path).status_code == 200, path
    assert reads() == [("api:CRM", Role.OFFICER, "attachment", complaint.reference)] * 3


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("service_request", "/service-requests"),
        ("member_enquiry", "/member-enquiries"),
    ],
)
def test_reading_a_service_request_or_enquiry_is_logged(kind, path):
    landlord = factories.landlord()
    record = factories.complaint(landlord, kind=kind)
    assert get(client(key(landlord)), f"{path}/{record.reference}").status_code == 200
    assert [r[2:] for r in reads()] == [("case", record.reference)]


def test_lists_and_misses_are_not_logged():
    ours, theirs = factories.landlord(), factories.landlord()
    mine = factories.complaint(ours)
    factories.complaint(theirs)
    other = factories.complaint(theirs)  # CU-000002: only theirs has one
    c = client(key(ours))
    assert len(get(c, "/complaints").json()["items"]) == 1
    assert get(c, f"/complaints/{other.reference}").status_code == 404
    assert get(c, f"/complaints/{mine.reference}/attachments/999").status_code == 404
    assert reads() == []


def test_a_read_costs_one_insert():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    get(c, f"/complaints/{complaint.reference}")  # the key's last use is noted once a minute
    with CaptureQueriesContext(connection) as queries:
        get(c, f"/complaints/{complaint.reference}")
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(writes) == 1 and CaseRead._meta.db_table in writes[0], writes


def test_a_key_whose_membership_was_removed_is_still_named():
    landlord = factories.landlord()
    issued = api_key_issue(landlord=landlord, name="CRM", can_write=False)
    StaffMembership.objects.filter(user=issued.api_key.user).delete()
    complaint = factories.complaint(landlord)
    assert get(client(issued.secret), f"/complaints/{complaint.reference}").status_code == 200
    assert reads() == [("api:CRM", Role.VIEWER, "case", complaint.reference)]


def test_administrators_see_api_reads_on_the_access_log_page(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    get(client(key(landlord, name="Housing CRM")), f"/complaints/{complaint.reference}")
    admin = people.signed_in(people.staff(landlord, Role.ADMINISTRATOR))
    page = admin.get("/staff/access-log/")
    assert page.status_code == 200
    assert "api:Housing CRM" in page.content.decode()
