"""Subject access (UK GDPR Article 15; docs/security.md, "Subject access"):
``subject_access_produce`` and the ``putright subject-access`` command.

Amina Okafor has two complaints, each with a letter issued (its PDF rendered), a photo on
the first and a file the retention policy removed, a representative, an adjustment, a
restriction, a disclosed disability, equality answers, a call recorded, online feedback,
a compliment, an Ombudsman case, and staff reads in the access log. Beside her are a second resident of
the same landlord and a namesake at another landlord, with records like hers, each marked
with words that must never appear in her zip.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.cli import main as putright_main
from putright.complaints import services
from putright.complaints.models import Attachment, Complaint, Event
from putright.complaints.services.subject_access import subject_access_produce
from putright.complaints.subject_access import parts
from putright.compliments.models import Compliment
from putright.landlords.models import Landlord, Role, StaffMembership
from putright.letters import services as letters
from putright.letters.kinds import Delivery, LetterKind
from putright.letters.models import Letter
from putright.ombudsman.models import OmbudsmanCase
from putright.portal.models import Feedback
from putright.residents.models import (
    DisclosedDisability,
    EqualityData,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    SubjectAccessDisclosure,
)
from putright.web.services import case_read_record
from tests import factories
from tests.letters import records

pytestmark = pytest.mark.django_db

D = dt.date
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64


@dataclass
class Person:
    resident: Resident
    complaints: list[Complaint]
    #: Words only this person's records hold.
    marks: list[str]


def _letter(complaint: Complaint, kind: LetterKind, on: dt.date) -> Letter:
    draft = letters.letter_draft(complaint=complaint, kind=kind, on=on)
    return letters.letter_issue(
        complaint=complaint,
        kind=kind,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery=Delivery.POST,
        by=None,
        # The resident needs large print (Code 5.10): the letter says how it meets it.
        formats_met={"large_print": "Printed in 18 point and posted."},
        on=on,
    )


def _acknowledged(landlord: Landlord, resident: Resident, description: str) -> Complaint:
    """A complaint accepted, defined with two points, allocated and acknowledged."""
    c = factories.complaint(
        landlord, received_on=records.RECEIVED, resident=resident, description=description
    )
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=records.RECEIVED)
    services.complaint_define(
        complaint=c,
        points=["The boiler has not worked since January", "Nobody called you back"],
        outcomes_sought="A working boiler",
        by=None,
        on=records.RECEIVED,
    )
    services.complaint_allocate(complaint=c, handler=records.handler(landlord), by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=records.STAGE1_ACKNOWLEDGED)
    return Complaint.objects.get(pk=c.pk)


def _person(landlord: Landlord, name: str, mark: str, readers: list[StaffMembership]) -> Person:
    """A resident with two complaints, a letter on each, files, a representative,
    needs, a restriction, equality answers, a call, feedback, an Ombudsman case and
    reads; every word of theirs carries ``mark``."""
    home = Property.objects.create(
        landlord=landlord, address=f"Flat 4, {mark} Court\nExampleton", postcode="EX2 3BB"
    )
    email = f"{mark.lower()}@example.org"
    resident = Resident.objects.create(
        landlord=landlord, name=name, email=email, phone="07700 900111", home=home,
        contact_preference="email", tenancy_reference=f"T-{mark}",
    )  # fmt: skip
    Representative.objects.create(
        resident=resident, name=f"Jo {mark}", kind="advocate", email=f"jo.{email}",
        consent_given_on=records.RECEIVED, consent_evidence=f"Signed form {mark}",
    )  # fmt: skip
    ReasonableAdjustment.objects.create(
        resident=resident, kind="large_print", details=f"18 point, {mark}",
        agreed_on=records.RECEIVED, review_due_on=D(2027, 3, 29),
    )  # fmt: skip
    Restriction.objects.create(
        resident=resident, restriction=f"Calls only on Tuesdays, {mark}", reason="Abuse",
        evidence="Call notes", proportionality="Still one way to reach us",
        starts_on=D(2024, 5, 1), review_due_on=D(2027, 5, 1),
    )  # fmt: skip
    DisclosedDisability.objects.create(
        resident=resident, description=f"Partially sighted, {mark}", review_due_on=D(2027, 1, 1)
    )
    EqualityData.objects.create(
        landlord=landlord, resident=resident, age_band="31_50", sex="female",
        ethnicity=f"Black British, {mark}", disability="yes",
    )  # fmt: skip

    first = _acknowledged(landlord, resident, f"My boiler is broken, {mark}.")
    _letter(first, LetterKind.ACKNOWLEDGEMENT_STAGE1, records.STAGE1_ACKNOWLEDGED)
    services.complaint_attach(
        complaint=first, filename=f"{mark}-boiler.png", content=PHOTO, content_type="image/png",
        by=None, description=f"Photo, {mark}", on=D(2024, 4, 5),
    )  # fmt: skip
    gone = services.complaint_attach(
        complaint=first, filename=f"{mark}-old.png", content=PHOTO, content_type="image/png",
        by=None, on=D(2024, 4, 6),
    )  # fmt: skip
    # As the retention policy leaves a removed file: its row kept, its file gone.
    Attachment.objects.filter(pk=gone.pk).update(
        file="", filename="Removed under the retention policy"
    )
    services.complaint_record_contact(
        complaint=first, method="phone", direction="from_resident", with_whom=name,
        summary=f"The heater broke too, {mark}.",
        at=dt.datetime(2024, 4, 8, 10, 15, tzinfo=dt.UTC), by=None,
    )  # fmt: skip
    Feedback.objects.create(
        landlord=landlord, complaint=first, stage=1, given_on=D(2024, 5, 1),
        given_by="resident", process_satisfaction=2, outcome_satisfaction=1,
        comments=f"Too slow, {mark}.",
    )  # fmt: skip
    Compliment.objects.create(
        landlord=landlord, received_on=D(2024, 7, 1), resident=resident, channel="email",
        words=f"Thank you for the new boiler, {mark}.", staff_named="Dee, the plumber",
    )  # fmt: skip
    OmbudsmanCase.objects.create(
        landlord=landlord, complaint=first, reference=f"HOS-{mark}",
        summary=f"The boiler, {mark}", opened_on=D(2024, 6, 1),
    )  # fmt: skip

    second = factories.complaint(
        landlord, received_on=records.RECEIVED, resident=resident, description=f"Mould, {mark}."
    )
    _letter(second, LetterKind.UPDATE, D(2024, 4, 2))
    for membership in readers:
        case_read_record(complaint=first, membership=membership)
    case_read_record(complaint=second, membership=readers[0], what="letter")
    return Person(
        Resident.objects.get(pk=resident.pk),
        [Complaint.objects.get(pk=first.pk), Complaint.objects.get(pk=second.pk)],
        [mark, email, name] if name != "Amina Okafor" else [mark, email],
    )


@pytest.fixture
def world() -> dict[str, Person]:
    landlord = records.landlord()
    officer = factories.user(
        landlord=landlord, role=Role.OFFICER, first_name="Olu", last_name="Officer"
    )
    handler = factories.user(landlord=landlord, first_name="=HYPERLINK(1)", last_name="Hand")
    readers = [StaffMembership.objects.get(user=u) for u in (officer, handler)]
    amina = _person(landlord, "Amina Okafor", "AMINAMARK", readers)
    other = _person(landlord, "Bea Neighbour", "NEIGHBOURMARK", readers[1:])
    elsewhere = records.landlord(name="Elsewhere Homes")
    stranger = factories.user(landlord=elsewhere, first_name="Sam", last_name="Stranger")
    namesake = _person(
        elsewhere,
        "Amina Okafor",
        "NAMESAKEMARK",
        [StaffMembership.objects.get(user=stranger)],
    )
    return {"amina": amina, "other": other, "namesake": namesake}


def _open(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_exactly_her_records_letters_files_and_access_log(world):
    amina = world["amina"]
    first, second = amina.complaints
    package = subject_access_produce(resident=amina.resident, by=None)
    files = _open(package.content)

    letter1 = Letter.objects.get(complaint=first)
    letter2 = Letter.objects.get(complaint=second)
    assert set(files) == {
        "subject-access.json",
        "subject-access.html",
        "access-log.csv",
        f"letters/{first.reference}/01-2024-04-04-acknowledgement_stage1.pdf",
        f"letters/{second.reference}/01-2024-04-02-update.pdf",
        f"attachments/{first.reference}/01-AMINAMARK-boiler.png",
    }
    with letter1.pdf.open("rb") as handle:
        assert files[f"letters/{first.reference}/01-2024-04-04-acknowledgement_stage1.pdf"] == (
            handle.read()
        )
    with letter2.pdf.open("rb") as handle:
        assert files[f"letters/{second.reference}/01-2024-04-02-update.pdf"] == handle.read()
    assert files[f"attachments/{first.reference}/01-AMINAMARK-boiler.png"] == PHOTO
    assert (package.complaints, package.letters) == (2, 2)
    assert (package.attachments, package.attachments_removed) == (1, 1)


def test_the_json_holds_her_record_and_every_complaint_in_full(world):
    amina = world["amina"]
    first, second = amina.complaints
    data = json.loads(_open(subject_access_produce(resident=amina.resident, by=None).content)[
        "subject-access.json"
    ])  # fmt: skip

    assert data["resident_number"] == amina.resident.pk
    assert data["resident"]["name"] == "Amina Okafor"
    assert data["resident"]["email"] == "aminamark@example.org"
    assert data["resident"]["contact_preference"] == "Email"
    assert data["home"]["address"] == "Flat 4, AMINAMARK Court\nExampleton"
    assert [r["name"] for r in data["representatives"]] == ["Jo AMINAMARK"]
    assert data["representatives"][0]["consent_given_on"] == "2024-03-29"
    assert [a["details"] for a in data["reasonable_adjustments"]] == ["18 point, AMINAMARK"]
    assert data["restrictions"][0]["restriction"] == "Calls only on Tuesdays, AMINAMARK"
    assert data["disclosed_disabilities"][0]["description"] == "Partially sighted, AMINAMARK"
    assert data["equality_data"]["ethnicity"] == "Black British, AMINAMARK"
    assert [(c["words"], c["staff_named"]) for c in data["compliments"]] == [
        ("Thank you for the new boiler, AMINAMARK.", "Dee, the plumber")
    ]

    assert [c["reference"] for c in data["complaints"]] == [first.reference, second.reference]
    one, two = data["complaints"]
    assert one["description"] == "My boiler is broken, AMINAMARK."
    assert [s["number"] for s in one["stages"]] == [1]
    assert [p["summary"] for p in one["stages"][0]["points"]] == [
        "The boiler has not worked since January",
        "Nobody called you back",
    ]
    assert one["stages"][0]["handler"] == "Priya Shah"
    assert len(one["timeline"]) == Event.objects.filter(complaint=first).count()
    assert len(two["timeline"]) == Event.objects.filter(complaint=second).count()
    assert [c["summary"] for c in one["contacts"]] == ["The heater broke too, AMINAMARK."]
    assert [a["file"] for a in one["attachments"]] == [
        f"attachments/{first.reference}/01-AMINAMARK-boiler.png",
        "Removed under the retention policy: not included",
    ]
    assert [letter["kind"] for letter in one["letters"]] == ["Stage 1 acknowledgement"]
    assert [letter["kind"] for letter in two["letters"]] == ["Update"]
    assert one["letters"][0]["text"] == Letter.objects.get(complaint=first).body_text
    assert [f["comments"] for f in one["feedback"]] == ["Too slow, AMINAMARK."]
    assert [c["reference"] for c in one["ombudsman_cases"]] == ["HOS-AMINAMARK"]
    assert two["ombudsman_cases"] == [] and two["feedback"] == []
    assert [r["who"] for r in one["reads"]] == ["Olu Officer", "=HYPERLINK(1) Hand"]
    assert [(r["who"], r["what"]) for r in two["reads"]] == [("Olu Officer", "Issued letter")]
    assert {f["path"] for f in data["files"]} == {
        "access-log.csv",
        f"letters/{first.reference}/01-2024-04-04-acknowledgement_stage1.pdf",
        f"letters/{second.reference}/01-2024-04-02-update.pdf",
        f"attachments/{first.reference}/01-AMINAMARK-boiler.png",
    }


def test_no_other_residents_data_appears(world):
    amina = world["amina"]
    files = _open(subject_access_produce(resident=amina.resident, by=None).content)
    others = [*world["other"].complaints, *world["namesake"].complaints]
    forbidden = [*world["other"].marks, *world["namesake"].marks, "Sam Stranger"]
    forbidden += [c.reference for c in others if c.reference not in {
        x.reference for x in amina.complaints
    }]  # fmt: skip
    for name, content in files.items():
        if not name.endswith((".json", ".html", ".csv")):
            continue  # her own letters and photo, compared byte for byte above
        text = content.decode("utf-8")
        for word in forbidden:
            assert word not in text, f"{word!r} appears in {name}"
    # The namesake's references may repeat hers (each landlord numbers its own): her
    # complaints are found by her record, never by reference.
    data = json.loads(files["subject-access.json"])
    assert {c["description"] for c in data["complaints"]} == {
        "My boiler is broken, AMINAMARK.",
        "Mould, AMINAMARK.",
    }


def test_the_access_log_lists_each_read_of_her_complaints_safe_for_spreadsheets(world):
    amina = world["amina"]
    first, second = amina.complaints
    content = _open(subject_access_produce(resident=amina.resident, by=None).content)[
        "access-log.csv"
    ]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Read at", "Complaint", "What was read", "Who", "Their role"]
    assert [row[1:] for row in rows[1:]] == [
        [first.reference, "Case page", "Olu Officer", "Complaints officer"],
        [first.reference, "Case page", "'=HYPERLINK(1) Hand", "Handler"],
        [second.reference, "Issued letter", "Olu Officer", "Complaints officer"],
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[0]) for row in rows[1:])


def test_the_page_is_self_contained_with_headings_and_contents(world):
    amina = world["amina"]
    first = amina.complaints[0]
    html = _open(subject_access_produce(resident=amina.resident, by=None).content)[
        "subject-access.html"
    ].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<h1>Your personal data held by Riverside" not in html  # the landlord's own name
    assert f"<h1>Your personal data held by {first.landlord.name}</h1>" in html
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert re.findall(r'(?:href|src)="([^"#][^"]*)"', html) == []
    contents = re.findall(r'<li><a href="#(section-\d+)">([^<]+)</a>', html)
    assert [heading for _, heading in contents] == [
        "Your details", "Your home", "People acting for you",
        "Reasonable adjustments agreed with you", "Support you asked for online",
        "Disabilities you told us about", "Vulnerabilities recorded", "Restrictions on contact",
        "Equality monitoring", "Your complaints and requests", "Your compliments",
    ]  # fmt: skip
    for anchor, _ in contents:
        assert f'id="{anchor}"' in html
    complaints = re.findall(r'<li><a href="#(complaint-\d+)">([^<]+)</a></li>', html)
    assert [title for _, title in complaints] == [
        f"Complaint {c.reference}" for c in amina.complaints
    ]
    for anchor, title in complaints:
        assert f'<h3 id="{anchor}">{title}</h3>' in html
    assert "My boiler is broken, AMINAMARK." in html
    assert "29 March 2024" in html  # dates in words
    assert "Removed under the retention policy: not included" in html
    assert "=HYPERLINK(1) Hand" in html


def test_a_persons_words_are_escaped_on_the_page(world):
    amina = world["amina"]
    services.complaint_add_note(
        complaint=amina.complaints[1], text="<script>alert(1)</script>", by=None
    )
    html = _open(subject_access_produce(resident=amina.resident, by=None).content)[
        "subject-access.html"
    ].decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_producing_it_is_recorded_with_the_resident_and_changes_no_complaint(world):
    amina = world["amina"]
    before = {c.pk: (c.version, c.events.count()) for c in amina.complaints}
    officer = factories.user(landlord=amina.resident.landlord, role=Role.OFFICER)
    package = subject_access_produce(resident=amina.resident, by=officer, via="staff")
    record = SubjectAccessDisclosure.objects.get()
    assert record == package.disclosure
    assert (record.resident, record.landlord) == (amina.resident, amina.resident.landlord)
    assert (record.produced_by, record.via) == (officer, "staff")
    assert (record.sha256, record.size) == (package.sha256, len(package.content))
    assert (record.complaints, record.letters, record.attachments) == (2, 2, 1)
    after = {c.pk: (c.version, c.events.count()) for c in Complaint.objects.filter(
        pk__in=before)}  # fmt: skip
    assert after == before


@pytest.mark.parametrize("role", [Role.HANDLER, Role.SENIOR_HANDLER, Role.VIEWER])
def test_only_an_officer_or_administrator_may_produce_it(world, role):
    amina = world["amina"]
    person = factories.user(landlord=amina.resident.landlord, role=role)
    with pytest.raises(PermissionDenied, match="complaints officer or an administrator"):
        subject_access_produce(resident=amina.resident, by=person)
    stranger = factories.user(landlord=world["namesake"].resident.landlord, role=Role.OFFICER)
    with pytest.raises(PermissionDenied, match="do not work for this landlord"):
        subject_access_produce(resident=amina.resident, by=stranger)
    assert not SubjectAccessDisclosure.objects.exists()


def test_a_resident_with_nothing_but_a_name_gets_a_zip_saying_so():
    landlord = factories.landlord()
    resident = Resident.objects.create(landlord=landlord, name="Nia Nothing")
    files = _open(subject_access_produce(resident=resident, by=None).content)
    assert set(files) == {"subject-access.json", "subject-access.html", "access-log.csv"}
    data = json.loads(files["subject-access.json"])
    assert data["complaints"] == [] and data["home"] is None and data["equality_data"] is None
    assert "We hold no complaint, service request or member enquiry of yours." in (
        files["subject-access.html"].decode()
    )


def test_a_part_not_registered_stops_it_rather_than_leaving_it_out(monkeypatch):
    monkeypatch.setattr(parts, "_providers", {k: v for k, v in parts._providers.items()
                                              if k != "letters"})  # fmt: skip
    resident = Resident.objects.create(landlord=factories.landlord(), name="Nia Nothing")
    with pytest.raises(ImproperlyConfigured, match=r"letters \(putright.letters\)"):
        subject_access_produce(resident=resident, by=None)


# The command ------------------------------------------------------------------------------


def test_the_command_writes_the_zip_for_its_owner_only(world, tmp_path):
    amina = world["amina"]
    out = tmp_path / "amina.zip"
    stdout = io.StringIO()
    call_command(
        "subject_access", resident=str(amina.resident.pk), out=str(out),
        landlord=amina.resident.landlord.name, stdout=stdout,
    )  # fmt: skip
    record = SubjectAccessDisclosure.objects.get()
    assert (record.via, record.produced_by) == ("command", None)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert _open(out.read_bytes()).keys() >= {"subject-access.json", "access-log.csv"}
    assert stdout.getvalue() == (
        f"Wrote {out}: the subject access of resident number {amina.resident.pk} of "
        f"{amina.resident.landlord.name}, with 2 complaints, 2 letters and 1 attachments "
        f"(1 more removed under the retention policy).\n"
        f"SHA-256: {record.sha256}. Recorded as produced on the resident's record.\n"
    )


def test_the_command_refuses_a_resident_of_another_landlord(world, tmp_path):
    namesake = world["namesake"].resident
    out = tmp_path / "x.zip"
    with pytest.raises(CommandError, match=rf"^Resident number {namesake.pk} is not a resident"):
        call_command(
            "subject_access", resident=str(namesake.pk), out=str(out),
            landlord=world["amina"].resident.landlord.name,
        )  # fmt: skip
    assert not out.exists() and not SubjectAccessDisclosure.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--resident", "999999"], "There is no resident number 999999: use the number"),
        (["--resident", "1", "--landlord", "Nobody"], "There is no landlord called 'Nobody'."),
        (["--resident", "Amina"], "expected a whole number of the resident's number"),
        (["--resident", "0"], "expected from 1 to"),
    ],
)
def test_the_command_refuses_in_one_line(tmp_path, arguments, message):
    factories.landlord()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("subject_access", *arguments, "--out", str(tmp_path / "x.zip"))


def test_the_command_never_overwrites_a_file_or_writes_into_no_folder(world, tmp_path):
    number = str(world["amina"].resident.pk)
    existing = tmp_path / "there.zip"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists: give the name of a new file"):
        call_command("subject_access", resident=number, out=str(existing))
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(CommandError, match="There is no folder"):
        call_command("subject_access", resident=number, out=str(tmp_path / "no" / "x.zip"))
    assert not SubjectAccessDisclosure.objects.exists()


def test_putright_subject_access_is_the_command_line_name(world, tmp_path, capsys):
    out = tmp_path / "amina.zip"
    putright_main(
        ["putright", "subject-access", "--resident", str(world["amina"].resident.pk),
         "--out", str(out)]
    )  # fmt: skip
    assert "Wrote " in capsys.readouterr().out and out.exists()
