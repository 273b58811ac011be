"""Each command on a case as a form (issue 3, item 3): it calls its service, errors are
shown in an error summary linking to the field and keep what was typed, and a command the
lifecycle does not allow now says why instead of acting."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.complaints import services
from putright.complaints.models import Attachment, Complaint, Event
from putright.landlords.models import Role, today
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

TODAY = people.date_fields("on", today())


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def post(client, complaint, command, data, **kw):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return client.post(
        f"/staff/cases/{complaint.reference}/{command}/",
        {"version": complaint.version, **data},
        **kw,
    )


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def officer(landlord):
    return people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")


def test_triage_accepts_a_complaint_and_starts_stage_1(landlord, officer):
    c = people.logged(landlord)

    response = post(
        people.signed_in(officer), c, "triage", {"decision": "complaint", **TODAY}, follow=True
    )

    c.refresh_from_db()
    assert c.state == "stage1"
    assert "Accepted as a stage 1 complaint. Next, define the complaint." in text(response)


def test_triage_as_a_service_request_or_member_enquiry(landlord, officer):
    sr, me = people.logged(landlord), people.logged(landlord)
    client = people.signed_in(officer)

    post(client, sr, "triage", {"decision": "service_request", **TODAY})
    post(client, me, "triage", {"decision": "member_enquiry", **TODAY})

    assert Complaint.objects.get(pk=sr.pk).kind == "service_request"
    assert Complaint.objects.get(pk=me.pk).kind == "member_enquiry"


def test_not_accepted_needs_a_reason_and_explanation_and_keeps_what_was_typed(landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)

    missing = post(
        client,
        c,
        "triage",
        {"decision": "not_accepted", "discretion_considered": "Looked at it", **TODAY},
    )
    twelve = post(
        client,
        c,
        "triage",
        {
            "decision": "not_accepted",
            "reason": "over_12_months",
            "explanation": "It happened in 2019.",
            **TODAY,
        },
    )
    done = post(
        client,
        c,
        "triage",
        {
            "decision": "not_accepted",
            "reason": "over_12_months",
            "explanation": "It happened in 2019.",
            "discretion_considered": "No good reason for the delay.",
            **TODAY,
        },
    )

    page = text(missing)
    assert '<a href="#id_reason">Choose the reason it is not accepted</a>' in page
    assert '<a href="#id_explanation">Explain why the complaint is not accepted</a>' in page
    assert "Looked at it" in page
    assert "<title>Error: Triage" in page
    assert "Record how discretion was considered for an issue over 12 months old." in text(twelve)
    assert "It happened in 2019." in text(twelve)
    assert done.status_code == 302
    c.refresh_from_db()
    assert c.state == "not_accepted"


def test_a_date_that_is_not_real_or_in_the_future_is_refused(today, landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)
    tomorrow = today + dt.timedelta(days=1)

    unreal = post(
        client,
        c,
        "triage",
        {"decision": "complaint", "on_day": "31", "on_month": "2", "on_year": "2024"},
    )
    future = post(
        client, c, "triage", {"decision": "complaint", **people.date_fields("on", tomorrow)}
    )
    partial = post(client, c, "triage", {"decision": "complaint", "on_day": "3", "on_year": "2024"})

    assert '<a href="#id_on_day">The date of the decision must be a real date</a>' in text(unreal)
    assert 'value="31"' in text(unreal)
    assert "The date of the decision must be today or in the past" in text(future)
    assert "The date of the decision must include a month" in text(partial)
    assert Complaint.objects.get(pk=c.pk).state == "received"


def test_define_adds_points_without_javascript_and_saves_them(today, landlord, officer):
    c = people.logged(landlord, outcome_wanted="A new boiler")
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=today)
    client = people.signed_in(officer)

    first = client.get(f"/staff/cases/{c.reference}/define/")
    more = post(
        client,
        c,
        "define",
        {
            "point_1": "The boiler broke",
            "outcomes_sought": "A new boiler",
            "add_point": "1",
            **TODAY,
        },
    )
    saved = post(
        client,
        c,
        "define",
        {
            "point_1": "The boiler broke",
            "point_2": "Nobody called back",
            "outcomes_sought": "A new boiler",
            "not_responsible": "",
            **TODAY,
        },
    )

    assert 'value="A new boiler"' not in text(first)  # a textarea, pre-filled
    assert "A new boiler</textarea>" in text(first)
    assert 'name="point_2"' in text(more)
    assert 'value="The boiler broke"' in text(more)
    assert "There is a problem" not in text(more)
    assert saved.status_code == 302
    assert [p.summary for p in c.stage(1).points.all()] == [
        "The boiler broke",
        "Nobody called back",
    ]


def test_define_with_no_points_says_so(today, landlord, officer):
    c = people.logged(landlord)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=today)

    response = post(
        people.signed_in(officer), c, "define", {"point_1": "", "outcomes_sought": "", **TODAY}
    )

    assert '<a href="#id_point_1">Enter at least one point the complaint is about</a>' in text(
        response
    )
    assert "Enter what the resident wants to happen" in text(response)


def test_allocate_and_reallocate_at_stage_1(landlord, officer):
    first = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    second = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(landlord)
    client = people.signed_in(officer)

    post(client, c, "allocate", {"handler": first.pk})
    post(client, c, "allocate", {"handler": second.pk})

    assert Complaint.objects.get(pk=c.pk).stage(1).handler == second
    assert [e.summary for e in c.events.filter(kind="allocated")] == [
        "Allocated to Hamza Ali.",
        "Allocated to Priya Shah.",
    ]


def test_stage_2_is_offered_only_to_senior_people_who_did_not_handle_stage_1(
    today, landlord, officer
):
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    senior = people.staff(landlord, Role.SENIOR_HANDLER, first="Sarah", last="Bennett")
    other_handler = people.staff(landlord, Role.HANDLER, first="Tom", last="Reed")
    c = factories.stage1_responded(
        landlord, handler=senior, received_on=today - dt.timedelta(days=20), on=today
    )
    services.complaint_request_escalation(complaint=c, requested_on=today, by=None)
    client = people.signed_in(officer)

    form = client.get(f"/staff/cases/{c.reference}/allocate/")
    choices = dict(form.context["form"].fields["handler"].choices)
    refused = post(client, c, "allocate", {"handler": senior.pk})

    assert "Sarah Bennett (Senior handler (may take stage 2))" not in choices.values()
    assert other_handler.pk not in choices and handler.pk not in choices
    assert officer.pk in choices
    assert "Choose who will handle it" in text(refused)
    assert Complaint.objects.get(pk=c.pk).stage(2).handler is None


def test_acknowledge_says_what_is_missing_and_then_acknowledges(today, landlord, officer):
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord)
    client = people.signed_in(officer)

    refused = post(client, c, "acknowledge", TODAY)
    services.complaint_allocate(complaint=c, handler=handler, by=None)
    done = post(client, c, "acknowledge", TODAY, follow=True)

    assert "Allocate a handler before acknowledging the complaint." in text(refused)
    assert "Stage 1 acknowledged. The response is due" in text(done)
    assert Complaint.objects.get(pk=c.pk).stage(1).acknowledged_on == today


def test_extend_shows_the_limit_and_needs_a_good_reason_beyond_it(landlord, officer):
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    client = people.signed_in(officer)

    form = client.get(f"/staff/cases/{c.reference}/extend/")
    over = post(
        client,
        c,
        "extend",
        {
            "working_days": "12",
            "reason_code": "awaiting_contractor",
            "reason": "We need a survey.",
            **TODAY,
        },
    )
    done = post(
        client,
        c,
        "extend",
        {
            "working_days": "12",
            "reason_code": "awaiting_contractor",
            "reason": "We need a survey.",
            "good_reason": "The surveyor is booked.",
            **TODAY,
        },
    )

    assert "up to 10 working days at stage 1 in all without good reason. 0 used so far" in text(
        form
    )
    assert "This takes the stage 1 extension past 10 working days in all" in text(over)
    assert "We need a survey." in text(over)
    assert done.status_code == 302
    extension = c.stage(1).extensions.get()
    # The Ombudsman's details go with the extension letter, not yet written (Code 6.5).
    assert (extension.working_days, extension.ombudsman_details_given) == (12, False)


def test_escalation_needs_no_reason(today, landlord, officer):
    c = factories.stage1_responded(landlord, received_on=today - dt.timedelta(days=20), on=today)

    response = post(
        people.signed_in(officer),
        c,
        "request_escalation",
        {**people.date_fields("requested_on", today), "reason": "not_given"},
        follow=True,
    )

    assert "Stage 2 started. Allocate it to a senior handler" in text(response)
    stage = Complaint.objects.get(pk=c.pk).stage(2)
    assert stage.escalation_reason == "not_given"


def test_refuse_escalation(today, landlord, officer):
    c = factories.stage1_responded(landlord, received_on=today - dt.timedelta(days=20), on=today)
    services.complaint_request_escalation(complaint=c, requested_on=today, by=None)
    client = people.signed_in(officer)

    missing = post(client, c, "refuse_escalation", TODAY)
    post(
        client,
        c,
        "refuse_escalation",
        {"reason": "legal_proceedings", "explanation": "Court action started.", **TODAY},
    )

    assert "Choose the reason stage 2 is refused" in text(missing)
    c.refresh_from_db()
    assert c.state == "closed"
    assert c.stage(2).status == "not_accepted"


def test_withdraw_records_who_asked(landlord, officer):
    c = people.stage1_open(landlord)
    client = people.signed_in(officer)

    missing = post(client, c, "withdraw", {"reason": "Sorted now", **TODAY})
    post(
        client,
        c,
        "withdraw",
        {"requested_by": "The resident, by phone", "reason": "Sorted now", **TODAY},
    )

    assert "Enter who asked to withdraw it" in text(missing)
    assert "Sorted now" in text(missing)
    c.refresh_from_db()
    assert (c.state, c.withdrawn_by) == ("withdrawn", "The resident, by phone")


def test_resolve_a_service_request(landlord, officer):
    sr = people.logged(landlord, kind="service_request")

    post(people.signed_in(officer), sr, "resolve", {"summary": "Repair done", **TODAY})

    assert Complaint.objects.get(pk=sr.pk).state == "resolved"


def test_add_a_note(landlord, officer):
    c = people.logged(landlord)

    post(people.signed_in(officer), c, "add_note", {"text": "Rang the resident.", **TODAY})

    assert c.events.filter(kind="note", summary="Rang the resident.", actor=officer).exists()


def test_attach_a_file_checks_its_type_and_downloads_only_for_staff_who_can_see_it(
    landlord, officer
):
    kestrel = people.contractor(landlord, "Kestrel")
    c = people.logged(landlord)
    client = people.signed_in(officer)

    bad = client.post(
        f"/staff/cases/{c.reference}/attach/",
        {
            "file": SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload"),
            "description": "A program",
        },
    )
    good = client.post(
        f"/staff/cases/{c.reference}/attach/",
        {
            "file": SimpleUploadedFile(
                "photo.png", b"\x89PNG\r\n\x1a\n data", content_type="image/png"
            ),
            "description": "Mould",
        },
        follow=True,
    )
    attachment = Attachment.objects.get(complaint=c)
    download = client.get(f"/staff/cases/{c.reference}/files/{attachment.pk}/")
    contractor = people.signed_in(
        people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)
    )

    assert "The file must be a PDF, image, Word document" in text(bad)
    assert "A program" in text(bad)
    assert "photo.png attached." in text(good)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == b"\x89PNG\r\n\x1a\n data"
    assert contractor.get(f"/staff/cases/{c.reference}/files/{attachment.pk}/").status_code == 403


def test_correct_a_timeline_entry_adds_a_correction(landlord, officer):
    c = people.logged(landlord)
    event = c.events.get()

    post(
        people.signed_in(officer),
        c,
        f"events/{event.pk}/correct",
        {"correction": "It came by email, not phone."},
    )

    correction = Event.objects.get(corrects=event)
    assert correction.summary == "It came by email, not phone."
    event.refresh_from_db()
    assert event.summary == "Complaint received by phone and logged."


def test_a_command_not_allowed_now_says_why(landlord, officer):
    c = people.logged(landlord)

    response = people.signed_in(officer).get(f"/staff/cases/{c.reference}/respond/")

    assert response.status_code == 409
    assert "A stage must be open and acknowledged before it can be responded to." in text(response)


def test_a_case_changed_by_someone_else_is_not_overwritten(landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)
    stale = Complaint.objects.get(pk=c.pk).version
    services.complaint_add_note(complaint=c, text="Someone else", by=None)

    response = client.post(
        f"/staff/cases/{c.reference}/triage/",
        {"version": stale, "decision": "complaint", **TODAY},
    )

    assert "Someone else changed this case while you had this page open." in text(response)
    assert Complaint.objects.get(pk=c.pk).state == "received"


def test_before_triage_allocation_chooses_who_handles_it(landlord, officer):
    kestrel = people.contractor(landlord, "Kestrel")
    c = people.logged(landlord)
    client = people.signed_in(officer)

    page = client.get(f"/staff/cases/{c.reference}/allocate/")
    post(client, c, "allocate", {"contractor": str(kestrel.pk)})

    assert "It has not been triaged yet" in text(page)
    assert "handler" not in page.context["form"].fields
    assert Complaint.objects.get(pk=c.pk).contractor == kestrel


def test_a_contractor_allocates_only_to_its_own_handlers(landlord):
    kestrel = people.contractor(landlord, "Kestrel")
    greenway = people.contractor(landlord, "Greenway")
    me = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Chris", last="Doyle", contractor=kestrel
    )
    colleague = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Sam", last="Fletcher", contractor=kestrel
    )
    other = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=greenway)
    c = people.stage1_open(landlord, contractor=kestrel)

    form = people.signed_in(me).get(f"/staff/cases/{c.reference}/allocate/").context["form"]

    choices = dict(form.fields["handler"].choices)
    assert me.pk in choices and colleague.pk in choices
    assert other.pk not in choices
    assert "contractor" not in form.fields


def test_attach_refuses_a_file_that_is_not_what_it_says(landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)

    response = client.post(
        f"/staff/cases/{c.reference}/attach/",
        {"file": SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>", "application/pdf")},
    )

    assert response.status_code == 200
    assert "The file is not a real PDF file" in response.content.decode()
    assert not Attachment.objects.filter(complaint=c).exists()
