"""letters 0004 (issue 16, item 3): letters emailed before the background worker sent them
went in the request that issued them, so they are recorded as emailed then, except one
whose failure the timeline noted, recorded as failed; posted letters and the timeline are
left as they were."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("letters", "0003_letter_pdf_when_needed")]
AFTER = [("letters", "0004_letter_email_sent")]
ISSUED = dt.date(2026, 11, 2)


def test_letters_emailed_before_are_recorded_as_sent_or_failed_as_the_timeline_says():
    try:
        apps = migrated_to(BEFORE, "landlords", "complaints")
        landlord = apps.get_model("landlords", "Landlord").objects.create(
            name="Old data", slug="old-data"
        )
        complaint = apps.get_model("complaints", "Complaint").objects.create(
            landlord=landlord, reference="OD-1", received_on=ISSUED
        )
        Event = apps.get_model("complaints", "Event")
        Letter = apps.get_model("letters", "Letter")

        def letter(delivery: str):
            event = Event.objects.create(
                landlord=landlord,
                complaint=complaint,
                kind="letter",
                occurred_on=ISSUED,
                summary=f"Update letter sent by {delivery}",
            )
            return Letter.objects.create(
                landlord=landlord,
                complaint=complaint,
                stage=1,
                kind="update",
                subject="An update",
                body_text="Words",
                html="<p>Words</p>",
                issued_on=ISSUED,
                delivery=delivery,
                sent_to="amina@example.org" if delivery == "email" else "1 Mill Lane",
                event=event,
            )

        sent, failed, posted = letter("email"), letter("email"), letter("post")
        note = Event.objects.create(
            landlord=landlord,
            complaint=complaint,
            kind="note",
            occurred_on=ISSUED,
            summary="The update letter was issued but the email could not be sent.",
            detail={"letter": failed.pk, "error": "mail server down"},
        )
        timeline = list(Event.objects.order_by("pk").values_list("pk", "summary", "detail"))

        apps = migrated_to(AFTER, "landlords", "complaints")
        Letter = apps.get_model("letters", "Letter")
        Event = apps.get_model("complaints", "Event")
        sent, failed, posted = (Letter.objects.get(pk=x.pk) for x in (sent, failed, posted))
        assert sent.emailed_at == sent.created_at and sent.email_failed_at is None
        assert failed.emailed_at is None
        assert (failed.email_failed_at, failed.email_failure) == (
            Event.objects.get(pk=note.pk).recorded_at,
            "mail server down",
        )
        assert (posted.emailed_at, posted.email_failed_at, posted.email_failure) == (None, None, "")
        assert list(Event.objects.order_by("pk").values_list("pk", "summary", "detail")) == (
            timeline
        )
    finally:
        migrated_to_latest()
