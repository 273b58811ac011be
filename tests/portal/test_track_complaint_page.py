"""The complaint page a resident follows: where it is, what happens next and by when (as
dates, never working days), the letters issued (theirs only), and what was promised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from putright.complaints import services as complaint_services
from putright.letters.kinds import LetterKind
from putright.portal.models import Person
from putright.rules.timescales import acknowledgement_due
from tests.letters import records
from tests.portal.support import (
    acknowledged_today,
    follow,
    issue_letter,
    received_today,
    responded_today,
)


def _page(client: Client) -> str:
    response = client.get("/track/complaint/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "working day" not in html  # dates, not working-day jargon
    return " ".join(html.split())


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_received_complaint_says_when_we_will_write(today, landlord, client):
    complaint = received_today(landlord)
    follow(client, complaint)

    html = _page(client)

    assert complaint.reference in html
    assert "Received" in html
    due = acknowledgement_due(landlord.calendar(), today)
    assert (
        f"We will write to you by {_date(due)} to say we have your complaint and what we "
        "understand it to be about." in html
    )
    assert "Ask for stage 2" not in html


def test_an_acknowledged_complaint_says_when_the_answer_is_due(today, landlord, client):
    complaint = acknowledged_today(landlord)
    follow(client, complaint)

    html = _page(client)

    stage = complaint.stage(1)
    assert "Stage 1" in html
    assert f"We will send you our answer by {_date(stage.response_due_extended)}." in html


def test_an_extension_moves_the_date_and_says_so(today, landlord, client):
    complaint = acknowledged_today(landlord)
    complaint_services.complaint_extend(
        complaint=complaint, working_days=5, reason="Waiting for the lift engineer.", by=None
    )
    follow(client, complaint)

    html = _page(client)

    stage = complaint.stages.get(number=1)
    assert f"We will send you our answer by {_date(stage.response_due_extended)}." in html
    assert "We needed more time, and wrote to tell you why." in html


def test_a_late_step_is_owned_up_to(landlord, client):
    complaint = records.logged(landlord)  # received 29 March 2024, still not acknowledged
    follow(client, complaint)

    html = _page(client)

    assert "We are late. We should have written to you by 8 April 2024. We are sorry." in html


def test_after_the_stage_1_answer_the_resident_can_ask_for_stage_2(today, landlord, client):
    complaint = responded_today(landlord)
    follow(client, complaint)

    html = _page(client)

    assert f"We sent you our answer on {_date(today)}." in html
    assert "You do not have to say why." in html
    escalate_by = today + dt.timedelta(days=landlord.escalation_window_days)
    assert f"Please ask by {_date(escalate_by)}. If you ask later, we will still consider it." in (
        html
    )
    assert 'href="/track/complaint/stage-2/"' in html
    assert "Service the lift every month" in html
    assert f"By {_date(today + dt.timedelta(days=30))}" in html


def test_letters_issued_on_the_complaint_can_be_downloaded(landlord, client):
    complaint = records.stage1_acknowledged(landlord)
    letter = issue_letter(complaint, LetterKind.ACKNOWLEDGEMENT_STAGE1)
    follow(client, complaint)

    html = _page(client)
    response = client.get(f"/track/complaint/letters/{letter.pk}/")

    assert f'href="/track/complaint/letters/{letter.pk}/"' in html
    assert "Stage 1 acknowledgement letter, 3 June 2024 (PDF)" in html
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("private")
    assert (
        f'attachment; filename="{complaint.reference}-stage-1-acknowledgement-2024-06-03.pdf"'
        == (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_nobody_can_download_another_complaints_letter(today, landlord, client):
    theirs = records.stage1_acknowledged(landlord)
    letter = issue_letter(theirs, LetterKind.ACKNOWLEDGEMENT_STAGE1)
    mine = received_today(landlord)
    follow(client, mine)

    assert client.get(f"/track/complaint/letters/{letter.pk}/").status_code == 404
    assert f"/track/complaint/letters/{letter.pk}/" not in _page(client)


def test_a_final_answer_points_to_the_ombudsman_and_asks_for_feedback(landlord, client):
    complaint = records.stage2_responded(landlord)
    follow(client, complaint)

    html = _page(client)

    assert "Final answer sent" in html
    assert "We sent you our final answer on 30 May 2024." in html
    assert "you can ask the Housing Ombudsman to look at your complaint" in html
    assert "0300 111 3000" in html
    assert 'href="/track/complaint/feedback/"' in html
    assert "Reimbursement of heating costs" in html
    assert "Replace the boiler" in html


def test_a_complaint_not_accepted_says_so_and_names_the_ombudsman(landlord, client):
    follow(client, records.not_accepted(landlord))

    html = _page(client)

    assert "We decided we could not take this on as a complaint" in html
    assert "You can ask the Housing Ombudsman to look at this decision." in html


def test_a_refused_escalation_says_so(landlord, client):
    follow(client, records.escalation_refused(landlord))

    html = _page(client)

    assert (
        "We decided not to look at your complaint again, and wrote to tell you why on 7 May 2024."
        in html
    )


def test_a_withdrawn_complaint_says_when(landlord, client):
    complaint = records.stage1_acknowledged(landlord)
    complaint_services.complaint_withdraw(
        complaint=complaint, requested_by="the resident", by=None, on=dt.date(2024, 4, 9)
    )
    follow(client, complaint)

    assert "This complaint was withdrawn on 9 April 2024." in _page(client)


def test_a_service_request_is_explained_as_not_a_complaint(today, landlord, client):
    complaint = received_today(landlord)
    complaint_services.complaint_triage(complaint=complaint, decision="service_request", by=None)
    follow(client, complaint)

    assert "We are dealing with this as a request for a service, not as a complaint." in (
        _page(client)
    )


def test_a_representative_awaiting_consent_sees_only_where_it_is(landlord, client):
    resident = records.resident(landlord)
    rep = records.representative(resident, consent=False)
    complaint = records.stage1_decided(landlord, resident=resident, representative=rep)
    issue_letter(complaint, LetterKind.STAGE1_RESPONSE)
    follow(client, complaint, email=rep.email, person=Person.REPRESENTATIVE)

    html = _page(client)

    assert (
        "We need Amina Okafor\N{RIGHT SINGLE QUOTATION MARK}s permission before we can deal with you"
        in html
    )
    assert "Stage 1 answered" in html
    assert "letter" not in html.split("What happens next")[1].split("Support and changes")[0]
    assert "Replace the boiler" not in html
    assert "Ask for stage 2" not in html
    assert client.get("/track/complaint/stage-2/")["Location"] == "/track/complaint/"


def test_a_representative_with_consent_sees_everything(landlord, client):
    resident = records.resident(landlord)
    rep = records.representative(resident, consent=True)
    complaint = records.stage1_responded(landlord, resident=resident, representative=rep)
    follow(client, complaint, email=rep.email, person=Person.REPRESENTATIVE)

    html = _page(client)

    assert "permission" not in html
    assert "Replace the boiler" in html
    assert 'href="/track/complaint/stage-2/"' in html


@pytest.mark.parametrize("path", ["/track/complaint/", "/track/", "/track/code/"])
def test_pages_about_a_complaint_are_never_cached(today, landlord, client, path):
    follow(client, received_today(landlord))
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    response = client.get(path)

    assert "no-store" in response["Cache-Control"]
