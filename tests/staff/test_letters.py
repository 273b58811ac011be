"""Letters (issue 3, item 5): generated from the record, previewed, edited, then issued by
email or post, frozen as HTML and PDF; a letter missing a required element cannot be
issued and the page names the element; issued letters are served only to staff who can
see the case. And the landlord's template editor."""

from __future__ import annotations

import hashlib
import html as htmllib
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from putright.landlords.models import Role
from putright.letters.models import Letter, LetterTemplate
from putright.web.models import CaseRead
from tests import factories
from tests.staff import people
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db


def words(response) -> str:
    """The page's words, without tags, each run of spaces one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def acknowledged():
    landlord = factories.landlord(
        phone="01632 960 001", email="complaints@example.org", address="1 Quay Street\nExampleton"
    )
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )
    return c, handler


def url(c, kind="acknowledgement_stage1") -> str:
    return f"/staff/cases/{c.reference}/letters/{kind}/"


def test_the_case_offers_the_letters_that_fit_now(acknowledged):
    c, handler = acknowledged
    response = people.signed_in(handler).get(f"/staff/cases/{c.reference}/")

    kinds = [k.value for k in response.context["letter_kinds"]]
    assert kinds == ["acknowledgement_stage1", "update"]
    assert "Write the stage 1 acknowledgement letter" in text(response)


def test_the_draft_comes_from_the_record_with_a_preview(acknowledged):
    c, handler = acknowledged
    response = people.signed_in(handler).get(url(c))
    page = text(response)

    due = c.stage(1).response_due_extended
    assert "The boiler repair was not done" in page
    assert f"{due.day} {due:%B %Y}" in page
    # The whole letter, escaped, so that the preview frame holds all of it.
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in response.content.decode()
    assert "The letter has everything it must include" in page
    assert response.context["form"].initial["delivery"] == "email"


def test_an_edited_letter_missing_an_element_names_it_and_cannot_be_issued(acknowledged):
    c, handler = acknowledged
    client = people.signed_in(handler)
    draft = client.get(url(c)).context["form"].initial
    due = c.stage(1).response_due_extended
    body = draft["body_text"].replace(f"{due.day} {due:%B %Y}", "soon")

    preview = client.post(
        url(c),
        {"subject": draft["subject"], "body_text": body, "delivery": "email", "action": "preview"},
    )
    issue = client.post(
        url(c),
        {"subject": draft["subject"], "body_text": body, "delivery": "email", "action": "issue"},
    )

    assert "This letter cannot be issued yet." in text(preview)
    assert "does not include the response due date" in text(preview)
    assert "There is a problem" not in text(preview)
    assert "There is a problem" in text(issue)
    assert "does not include the response due date" in text(issue)
    assert "soon" in text(issue)
    assert not Letter.objects.exists()


def test_issue_by_email_freezes_html_and_pdf_on_the_timeline(
    acknowledged, django_capture_on_commit_callbacks, today
):
    c, handler = acknowledged
    client = people.signed_in(handler)
    draft = client.get(url(c)).context["form"].initial

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(c),
            {
                "subject": draft["subject"],
                "body_text": draft["body_text"],
                "delivery": "email",
                "action": "issue",
            },
            follow=True,
        )

    letter = Letter.objects.get()
    assert "letter is issued and will be emailed to amina@example.org" in text(response)
    assert letter.event.complaint == c
    # The background worker sends it; until then the case's letters say it is waiting.
    assert mail.outbox == []
    assert "Waiting to go To be emailed to amina@example.org." in words(response)
    run_queued()
    assert len(mail.outbox) == 1
    case_page = words(client.get(f"/staff/cases/{c.reference}/"))
    assert "Waiting to go" not in case_page
    assert re.search(
        rf"Emailed to amina@example\.org at 10(:\d\d)?am on {today.day} {today:%B %Y}", case_page
    )
    html = client.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.html")
    pdf = client.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.pdf")
    assert html.status_code == 200 and "The boiler repair was not done" in html.content.decode()
    assert "default-src 'none'" in html["Content-Security-Policy"]
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert CaseRead.objects.filter(complaint=c, what="letter").count() == 2
    assert CaseRead.objects.filter(complaint=c, what="letter_draft").count() == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"amina@example.org": (550, b"No such user")})


class UnreachableBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise TimeoutError("timed out")


def _issued_by_email(c, client, capture) -> None:
    """The acknowledgement issued by email as drafted, its task queued on commit."""
    draft = client.get(url(c)).context["form"].initial
    with capture(execute=True):
        client.post(
            url(c),
            {
                "subject": draft["subject"],
                "body_text": draft["body_text"],
                "delivery": "email",
                "action": "issue",
            },
        )


def test_the_case_page_says_when_an_emailed_letter_could_not_be_sent(
    acknowledged, django_capture_on_commit_callbacks, settings
):
    c, handler = acknowledged
    client = people.signed_in(handler)
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableBackend"
    _issued_by_email(c, client, django_capture_on_commit_callbacks)

    run_queued()  # the mail server does not answer: tried again later
    assert (
        "Waiting to go To be emailed to amina@example.org: the last try failed "
        "(TimeoutError: timed out) and it will be tried again."
    ) in words(client.get(f"/staff/cases/{c.reference}/"))

    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    run_queued()  # the next try: the address is refused for good
    page = words(client.get(f"/staff/cases/{c.reference}/"))
    assert "Waiting to go" not in page
    assert (
        "Not sent The email to amina@example.org could not be sent (SMTPRecipientsRefused: "
    ) in page
    assert "Send it again or post it." in page
    assert mail.outbox == []


def _refused_by_email(c, client, capture, settings) -> Letter:
    """The acknowledgement issued by email, then refused for good by the mail server."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    _issued_by_email(c, client, capture)
    run_queued()
    return Letter.objects.get()


def test_a_letter_that_could_not_be_emailed_is_sent_again_from_the_case_page(
    acknowledged, django_capture_on_commit_callbacks, settings
):
    c, handler = acknowledged
    client = people.signed_in(handler)
    letter = _refused_by_email(c, client, django_capture_on_commit_callbacks, settings)
    again = f"/staff/cases/{c.reference}/issued-letters/{letter.pk}/send-again/"
    assert again in text(client.get(f"/staff/cases/{c.reference}/"))
    timeline_before = list(c.events.values_list("pk", "summary"))

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(again, follow=True)

    assert (
        "The stage 1 acknowledgement letter will be emailed to amina@example.org again."
    ) in words(response)
    page = words(response)
    assert "Waiting to go To be emailed to amina@example.org." in page
    assert again not in text(response)  # waiting: nothing to send again
    events = list(c.events.values_list("pk", "summary"))
    assert events[: len(timeline_before)] == timeline_before  # nothing rewritten
    assert events[-1][1] == (
        "The stage 1 acknowledgement letter is to be emailed to amina@example.org again."
    )
    run_queued()
    assert len(mail.outbox) == 1
    assert Letter.objects.get().email_status == "sent"
    refused = client.post(again, follow=True)  # sent now: refused, nothing queued
    assert "This letter was emailed on" in words(refused)
    assert run_queued() == []


def test_only_staff_who_act_on_the_case_see_or_use_send_again(
    acknowledged, django_capture_on_commit_callbacks, settings
):
    c, handler = acknowledged
    letter = _refused_by_email(
        c, people.signed_in(handler), django_capture_on_commit_callbacks, settings
    )
    viewer = people.signed_in(people.staff(c.landlord, Role.VIEWER))
    again = f"/staff/cases/{c.reference}/issued-letters/{letter.pk}/send-again/"

    assert again not in text(viewer.get(f"/staff/cases/{c.reference}/"))
    assert viewer.post(again).status_code == 403
    assert Letter.objects.get().email_status == "failed"
    assert run_queued() == []


def test_issue_by_post_to_the_address_on_record(acknowledged):
    c, handler = acknowledged
    client = people.signed_in(handler)
    draft = client.get(url(c)).context["form"].initial

    client.post(
        url(c),
        {
            "subject": draft["subject"],
            "body_text": draft["body_text"],
            "delivery": "post",
            "large_print": "on",
            "action": "issue",
        },
    )

    letter = Letter.objects.get()
    assert (letter.delivery, letter.large_print) == ("post", True)
    assert letter.sent_to.startswith("Amina Okafor\nFlat 4, Willow Court")
    assert not mail.outbox
    # Its PDF is made when someone first opens it to print, and kept from then on.
    assert not letter.sha256
    pdf = client.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.pdf")
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF")
    assert Letter.objects.get().sha256 == hashlib.sha256(content).hexdigest()


def test_issued_letters_are_served_only_to_staff_who_can_see_the_case(acknowledged):
    c, handler = acknowledged
    landlord = c.landlord
    client = people.signed_in(handler)
    draft = client.get(url(c)).context["form"].initial
    client.post(
        url(c),
        {
            "subject": draft["subject"],
            "body_text": draft["body_text"],
            "delivery": "post",
            "action": "issue",
        },
    )
    letter = Letter.objects.get()
    kestrel = people.contractor(landlord, "Kestrel")
    contractor = people.signed_in(
        people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)
    )
    viewer = people.signed_in(people.staff(landlord, Role.VIEWER))
    other = factories.landlord()
    stranger = people.signed_in(people.staff(other, Role.ADMINISTRATOR))

    assert (
        contractor.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.pdf").status_code
        == 403
    )
    assert (
        viewer.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.pdf").status_code == 200
    )
    assert (
        stranger.get(f"/staff/cases/{c.reference}/issued-letters/{letter.pk}.pdf").status_code
        == 404
    )
    assert viewer.get(url(c)).status_code == 403


def test_a_letter_that_does_not_fit_now_says_why(acknowledged):
    c, handler = acknowledged
    response = people.signed_in(handler).get(url(c, "stage1_response"))

    assert response.status_code == 409
    assert "can only be issued once the stage 1 decision is recorded" in text(response)


def test_the_template_editor_saves_refuses_what_leaves_out_an_element_and_resets():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    page = client.get("/staff/letter-templates/extension/")
    subject = page.context["form"].initial["subject"]
    body = page.context["form"].initial["body"]

    refused = client.post(
        "/staff/letter-templates/extension/",
        {"subject": subject, "body": "Dear {{ resident_name }}, we need more time."},
    )
    broken = client.post(
        "/staff/letter-templates/extension/", {"subject": subject, "body": body + "\n{% if %}"}
    )
    saved = client.post(
        "/staff/letter-templates/extension/",
        {"subject": subject, "body": "Hello.\n\n" + body},
        follow=True,
    )

    assert "A letter from this template does not include the new response date" in text(
        refused
    ) or ("the new response date" in text(refused))
    assert "we need more time." in text(refused)
    assert "The letter template has a mistake on line" in text(broken)
    assert "The extension letter template is saved." in text(saved)
    assert LetterTemplate.objects.get(landlord=landlord).body.startswith("Hello.")
    assert "Your own" in text(client.get("/staff/letter-templates/"))
    client.post("/staff/letter-templates/extension/", {"action": "reset"})
    assert not LetterTemplate.objects.exists()


def test_the_template_editor_refuses_a_template_that_would_be_slow_on_the_field():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    page = client.get("/staff/letter-templates/extension/")
    subject = page.context["form"].initial["subject"]
    body = page.context["form"].initial["body"]
    slow = '{% for a in "abcdefghijklmnopqrstuvwxyz"|make_list %}x{% endfor %}\n'

    refused = client.post(
        "/staff/letter-templates/extension/", {"subject": subject, "body": slow + body}
    )

    assert refused.context["form"].errors["body"] == [
        "The letter template has a mistake on line 1 of the body: Invalid filter: 'make_list'."
    ]
    assert not LetterTemplate.objects.exists()
