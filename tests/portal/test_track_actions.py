"""What a resident can do from their complaint: ask for stage 2 (a reason never required,
Code 6.12), ask for support or changes (Code 5.10), and give feedback after the answer."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from putright.complaints.models import EventKind, Stage
from putright.portal.models import Feedback
from putright.portal.selectors import feedback_figures
from putright.residents.models import AdjustmentRequest
from tests.letters import records
from tests.portal.support import follow, received_today, responded_today


def test_stage_2_can_be_asked_for_without_a_reason(
    today, landlord, client, django_capture_on_commit_callbacks
):
    complaint = responded_today(landlord)
    follow(client, complaint, email="amina.okafor@example.org")
    page = client.get("/track/complaint/stage-2/").content.decode()
    assert "You do not have to tell us why you are asking." in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/track/complaint/stage-2/", {"reason": "", "reason_text": ""})

    assert response["Location"] == "/track/complaint/"
    stage = Stage.objects.get(complaint=complaint, number=2)
    assert (stage.escalation_reason, stage.escalation_reason_text) == ("not_given", "")
    assert stage.requested_on == today
    complaint.refresh_from_db()
    assert complaint.state == "stage2"
    event = complaint.events.get(kind=EventKind.ESCALATION_REQUESTED)
    assert event.actor is None and event.summary.startswith("The resident asked for stage 2.")
    html = client.get("/track/complaint/").content.decode()
    assert (
        f"We have your request for stage 2. We will write to you by {stage.acknowledgement_due.day} {stage.acknowledgement_due:%B %Y}."
        in html
    )
    [receipt] = mail.outbox
    assert receipt.to == ["amina.okafor@example.org"]
    assert receipt.subject == f"We have your request for stage 2: {complaint.reference}"


def test_a_reason_may_be_given(today, landlord, client):
    complaint = responded_today(landlord)
    follow(client, complaint)

    client.post(
        "/track/complaint/stage-2/",
        {"reason": "actions_not_done", "reason_text": "The lift is still broken."},
    )

    stage = Stage.objects.get(complaint=complaint, number=2)
    assert (stage.escalation_reason, stage.escalation_reason_text) == (
        "actions_not_done",
        "The lift is still broken.",
    )


def test_a_made_up_reason_is_refused_and_the_words_kept(today, landlord, client):
    follow(client, responded_today(landlord))

    response = client.post(
        "/track/complaint/stage-2/", {"reason": "because", "reason_text": "My words."}
    )

    html = response.content.decode()
    assert "Select one of the reasons, or none" in html
    assert "My words." in html
    assert not Stage.objects.filter(number=2).exists()


def test_stage_2_cannot_be_asked_for_before_the_stage_1_answer(today, landlord, client):
    follow(client, received_today(landlord))

    assert client.get("/track/complaint/stage-2/")["Location"] == "/track/complaint/"
    client.post("/track/complaint/stage-2/", {})
    assert not Stage.objects.filter(number=2).exists()


def test_a_request_outside_the_window_is_still_taken(landlord, client):
    complaint = records.stage1_responded(landlord)  # answered in April 2024
    follow(client, complaint)

    client.post("/track/complaint/stage-2/", {})

    stage = Stage.objects.get(complaint=complaint, number=2)
    assert stage.outside_escalation_window


def test_support_can_be_asked_for_from_the_complaint(today, landlord, client):
    complaint = received_today(landlord)
    follow(client, complaint)
    page = client.get("/track/complaint/support/").content.decode()
    assert "What support or changes do you need?" in page
    assert "No, I do not need any support" not in page

    response = client.post(
        "/track/complaint/support/",
        {"support": ["bsl", "other"], "support_other": "Please email, do not call."},
    )

    assert response["Location"] == "/track/complaint/"
    requests = AdjustmentRequest.objects.filter(complaint=complaint)
    assert [(r.kind, r.details) for r in requests] == [
        ("bsl", ""),
        ("other", "Please email, do not call."),
    ]
    assert requests[0].event.summary.startswith(
        "The resident asked online for support or changes (Code 5.10): British Sign Language; "
        "Other: Please email, do not call."
    )
    html = client.get("/track/complaint/").content.decode()
    assert "We have your request. We will contact you to agree what we will do." in html
    assert "British Sign Language" in html


def test_asking_for_support_needs_a_choice(today, landlord, client):
    follow(client, received_today(landlord))

    response = client.post("/track/complaint/support/", {})

    assert "Select the support or changes you need" in response.content.decode()


def test_support_requests_are_limited_per_complaint(today, landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"adjustment": (1, 86400)}
    follow(client, received_today(landlord))
    client.post("/track/complaint/support/", {"support": ["easy_read"]})

    response = client.post("/track/complaint/support/", {"support": ["large_print"]})

    assert "You have asked many times today. Please call us instead." in (response.content.decode())
    assert AdjustmentRequest.objects.count() == 1


def test_feedback_waits_for_the_final_answer(today, landlord, client):
    follow(client, responded_today(landlord))

    assert client.get("/track/complaint/feedback/")["Location"] == "/track/complaint/"
    assert "Give feedback" not in client.get("/track/complaint/").content.decode()


def test_feedback_after_the_final_answer_is_kept_for_the_reports(today, landlord, client):
    complaint = records.stage2_responded(landlord)
    follow(client, complaint)

    errors = client.post("/track/complaint/feedback/", {"comments": "Slow."}).content.decode()
    assert "Select how satisfied you are with how we handled your complaint" in errors
    assert "Select how satisfied you are with the outcome of your complaint" in errors
    assert "Slow." in errors
    response = client.post(
        "/track/complaint/feedback/",
        {"process_satisfaction": "2", "outcome_satisfaction": "4", "comments": "Slow."},
    )

    assert response["Location"] == "/track/complaint/"
    feedback = Feedback.objects.get()
    assert (
        feedback.complaint,
        feedback.stage,
        feedback.process_satisfaction,
        feedback.outcome_satisfaction,
        feedback.comments,
        feedback.given_by,
        feedback.given_on,
    ) == (complaint, 2, 2, 4, "Slow.", "resident", today)
    assert client.get("/track/complaint/feedback/")["Location"] == "/track/complaint/"
    assert (
        "Thank you for telling us what you think"
        in client.get("/track/complaint/").content.decode()
    )


def test_feedback_on_stage_1_once_the_time_to_escalate_has_passed(landlord, client):
    complaint = records.stage1_responded(landlord)  # answered 24 April 2024, not escalated
    follow(client, complaint)

    client.post(
        "/track/complaint/feedback/", {"process_satisfaction": "5", "outcome_satisfaction": "5"}
    )

    assert Feedback.objects.get().stage == 1


def test_feedback_figures_for_the_reports(landlord):
    for process, outcome in ((5, 4), (4, 1), (1, 1)):
        complaint = records.stage2_responded(landlord)
        Feedback.objects.create(
            landlord=landlord,
            complaint=complaint,
            stage=2,
            given_on=dt.date(2024, 6, 1),
            given_by="resident",
            process_satisfaction=process,
            outcome_satisfaction=outcome,
        )

    figures = feedback_figures(landlord, dt.date(2024, 4, 1), dt.date(2025, 3, 31))

    assert figures.responses == 3
    assert figures.process == {5: 1, 4: 1, 3: 0, 2: 0, 1: 1}
    assert figures.outcome == {5: 0, 4: 1, 3: 0, 2: 0, 1: 2}
    assert figures.process_satisfied_pct == 66.7
    assert figures.outcome_satisfied_pct == 33.3
    assert feedback_figures(landlord, dt.date(2025, 4, 1), dt.date(2026, 3, 31)).responses == 0
