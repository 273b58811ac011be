"""The staff workspace after issue 12, items 3 to 5: a stage with its letter to send is
seen as such on the work queue (with its own filter), on the case page and in the
reminders; the respond form says which fields the resident reads and lets a recorded
response be corrected; a remedy is marked as done with what shows it, on the case page and
the "Actions and remedies" page."""

from __future__ import annotations

import datetime as dt
import html as htmllib
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind, Remedy
from putright.landlords.models import Role
from tests import factories
from tests.staff import people
from tests.staff.test_queue import counting, refs, working_days_ago  # noqa: F401

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def _decided(c: Complaint, *, remedies=(), on: dt.date | None = None) -> Complaint:
    points = c.stage(1).points.count()
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair was late.",
        point_outcomes=["upheld"] * points,
        remedies=list(remedies),
        by=None,
        on=on,
    )
    return Complaint.objects.get(pk=c.pk)


# The work queue ---------------------------------------------------------------------------


def test_the_queue_filters_and_flags_stages_with_a_letter_to_send(today, counting):  # noqa: F811
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    decided = _decided(people.stage1_open(landlord, handler=handler, acknowledge=True))
    acknowledged = people.stage1_open(landlord, handler=handler, acknowledge=True)
    waiting_for_triage = people.logged(landlord)
    sent = factories.stage1_responded(
        landlord, received_on=working_days_ago(landlord, 15), on=today
    )
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/?letter=on&state=any")

    assert set(refs(response)) == {decided.reference, acknowledged.reference}
    assert waiting_for_triage.reference not in refs(response)
    assert sent.reference not in refs(response)
    page = text(response)
    assert "Response letter to send" in page
    assert "Acknowledgement letter to send" in page
    if counting == "counted":
        assert client.get("/staff/").context["queue"].flag_counts["letter"] == 2
        assert 'id="letter"' in page and "Letter to send (2)" in page


# The case page ----------------------------------------------------------------------------


def test_the_case_page_says_the_response_letter_is_to_send_and_offers_it_first(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = _decided(people.stage1_open(landlord, handler=handler, acknowledge=True))
    response = people.signed_in(handler).get(f"/staff/cases/{c.reference}/")
    page = " ".join(text(response).split())

    assert "Stage 1: decision recorded" in page
    assert (
        '<strong class="govuk-tag govuk-tag--orange" id="letter-to-send">Response letter to send'
        in page
    )
    primary = [o.label for o in response.context["offers"] if o.primary]
    assert primary == ["Write the stage 1 response letter"]
    assert "Decision recorded" in page  # the timeline names the step
    assert (
        "Stage 1 decision recorded: upheld. The stage 1 response letter is still to send." in page
    )


# The respond form -------------------------------------------------------------------------


def test_the_respond_form_says_which_fields_the_resident_reads(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    client = people.signed_in(handler)
    page = text(
        client.post(
            f"/staff/cases/{c.reference}/respond/",
            {
                "version": str(c.version),
                "remedies-TOTAL_FORMS": "1",
                "remedies-INITIAL_FORMS": "0",
                "actions-TOTAL_FORMS": "0",
                "actions-INITIAL_FORMS": "0",
                "remedies-0-kind": "financial",
                "remedies-0-amount": "£100",
                "remedies-0-compensation_reason": "time_trouble",
                "add": "action",
            },
        )
    )

    assert "Reasons for the decision on point 1" in page
    assert "What we will tell the resident" in page
    assert page.count("The resident reads this in the letter.") >= 5
    assert "For the record: this is not in the letter." in page
    # A remedy's words for the resident start from a plain sentence for its kind.
    assert "We will pay you £100 for your time and trouble.</textarea>" in page


def test_a_recorded_response_is_corrected_before_its_letter_goes(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = _decided(people.stage1_open(landlord, handler=handler, acknowledge=True))
    client = people.signed_in(handler)
    url = f"/staff/cases/{c.reference}/correct_response/"

    form = text(client.get(url))
    assert "Correct the stage 1 response" in form
    assert "The repair was late.</textarea>" in form

    response = client.post(
        url,
        {
            "version": str(Complaint.objects.get(pk=c.pk).version),
            "point_1": "upheld",
            "point_2": "not_upheld",
            "finding_2": "We called you back the same day.",
            "outcome": "partly_upheld",
            "reasons": "The repair was late, but we called you back.",
            "remedies-TOTAL_FORMS": "0",
            "remedies-INITIAL_FORMS": "0",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
        follow=True,
    )

    assert "The stage 1 decision is corrected." in text(response)
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert (stage.outcome, stage.letter_owed) == ("partly_upheld", "response")
    assert stage.points.get(number=2).finding == "We called you back the same day."
    assert Event.objects.filter(complaint=c, kind=EventKind.RESPONSE_CORRECTED).count() == 1
    assert Event.objects.filter(complaint=c, kind=EventKind.DECIDED).count() == 1


# Remedies ---------------------------------------------------------------------------------


def _with_later_remedy(landlord, handler, today) -> tuple[Complaint, Remedy]:
    c = _decided(
        people.stage1_open(landlord, handler=handler, acknowledge=True),
        remedies=[
            services.RemedyInput(
                kind="correct_record",
                description="Fix the rent account",
                due_on=today + dt.timedelta(days=7),
            )
        ],
    )
    return c, Remedy.objects.get(stage__complaint=c)


def test_a_remedy_is_marked_as_done_with_evidence_and_a_file_from_the_case_page(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c, remedy = _with_later_remedy(landlord, handler, today)
    client = people.signed_in(handler)
    case = text(client.get(f"/staff/cases/{c.reference}/"))
    assert "Mark as done" in case
    assert "We will correct our records." in case

    response = client.post(
        f"/staff/remedies/{remedy.pk}/done/",
        {
            "evidence": "Rent account corrected, reference RA-2231.",
            "file": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf"),
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/staff/cases/{c.reference}/#remedies"
    assert "The remedy is recorded as done." in text(response)
    remedy.refresh_from_db()
    assert (remedy.done_on, remedy.evidence) == (
        today,
        "Rent account corrected, reference RA-2231.",
    )
    assert remedy.evidence_file.filename == "receipt.pdf"
    entry = Event.objects.filter(complaint=c).latest("id")
    assert entry.kind == EventKind.REMEDY
    assert entry.attachment == remedy.evidence_file
    assert "Rent account corrected, reference RA-2231." in entry.summary


def test_marking_a_remedy_done_without_evidence_asks_again_keeping_the_page(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    _, remedy = _with_later_remedy(landlord, handler, today)

    response = people.signed_in(handler).post(
        f"/staff/remedies/{remedy.pk}/done/",
        {"evidence": " ", "next": "/staff/actions/?show=due"},
    )

    assert response.status_code == 200
    assert "Enter what shows the remedy was done" in text(response)
    remedy.refresh_from_db()
    assert remedy.done_on is None


def test_the_actions_and_remedies_page_marks_a_remedy_done_and_comes_back(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c, remedy = _with_later_remedy(landlord, handler, today)
    client = people.signed_in(handler)
    page = text(client.get("/staff/actions/?show=due"))
    assert c.reference in page and "Mark as done" in page

    response = client.post(
        f"/staff/remedies/{remedy.pk}/done/",
        {"evidence": "Done on the phone with the resident.", "next": "/staff/actions/?show=due"},
    )

    assert response.url == "/staff/actions/?show=due"
    done_page = text(client.get("/staff/actions/?show=done"))
    assert "Done on the phone with the resident." in done_page


def test_a_viewer_cannot_mark_a_remedy_done(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    _, remedy = _with_later_remedy(landlord, handler, today)
    viewer = people.signed_in(people.staff(landlord, Role.VIEWER))

    response = viewer.post(f"/staff/remedies/{remedy.pk}/done/", {"evidence": "Done."})

    assert response.status_code == 403
    remedy.refresh_from_db()
    assert remedy.done_on is None


def test_a_financial_remedy_goes_offered_accepted_paid_and_is_done_when_paid(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = _decided(
        people.stage1_open(landlord, handler=handler, acknowledge=True),
        remedies=[
            services.RemedyInput(
                kind="financial",
                due_on=today + dt.timedelta(days=7),
                amount=Decimal("100"),
                compensation_reason="time_trouble",
            )
        ],
    )
    remedy = Remedy.objects.get(stage__complaint=c)
    assert remedy.offered_on == today
    services.remedy_record_progress(remedy=remedy, accepted_on=today, by=None)
    services.remedy_record_progress(
        remedy=remedy,
        paid_on=today,
        amount_paid=Decimal("100"),
        payment_method="rent_account",
        by=None,
    )
    remedy.refresh_from_db()
    assert (remedy.accepted_on, remedy.paid_on, remedy.done_on) == (today, today, today)
    page = " ".join(text(people.signed_in(handler).get(f"/staff/cases/{c.reference}/")).split())
    assert f"Offered £100.00 on {today.day}" in page
    assert "Paid £100.00" in page and "(credit to rent account)" in page


# Reminders --------------------------------------------------------------------------------


def test_reminders_list_letters_to_send_and_remedies_due(today):
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER, email="hamza@example.org")
    c, remedy = _with_later_remedy(landlord, hamza, today)
    Remedy.objects.filter(pk=remedy.pk).update(due_on=today)
    acknowledged = people.stage1_open(landlord, handler=hamza, acknowledge=True)

    call_command("remind", "--again", stdout=StringIO())

    [email] = mail.outbox
    assert "2 letters to send" in email.subject
    assert "1 remedy due" in email.subject
    assert f"{c.reference}" in email.body
    assert "Stage 1 response letter to send" in email.body
    assert f"{acknowledged.reference}" in email.body
    assert "Stage 1 acknowledgement letter to send" in email.body
    assert "Correcting a record (We will correct our records.), due today" in email.body
