"""Copies to the Member Responsible for Complaints (Code 9.7, 9.8; issue 17 item 6): every
Ombudsman determination, order and Complaint Handling Failure Order, and every upheld
decision when the landlord chooses, is emailed to the MRC through the task queue, and the
record shows the MRC was told and when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from putright.landlords.models import Role
from putright.landlords.services import landlord_mrc_set
from putright.ombudsman import services
from putright.ombudsman.models import FailureOrderKind, FindingKind, MrcCopy, OrderKind
from putright.ombudsman.retention import ombudsman_anonymise
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks_and_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def landlord_with_mrc(*, upheld: bool = False):
    landlord = factories.landlord("Riverside Homes", email="complaints@riverside.example")
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    landlord_mrc_set(
        landlord=landlord,
        mrc_name="Councillor Jane Smith",
        mrc_email="jane.smith@council.example",
        mrc_copy_upheld=upheld,
        by=admin,
    )
    return landlord


def determine(the_case):
    return services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 9, 2),
        findings=[
            FindingInput("The repairs to the roof", FindingKind.MALADMINISTRATION),
            FindingInput("The complaint handling", FindingKind.SERVICE_FAILURE),
        ],
        summary="The landlord took too long.",
        by=None,
    )


def test_a_determination_is_emailed_to_the_mrc_through_the_queue_and_noted_on_the_timeline(
    django_capture_on_commit_callbacks,
):
    landlord = landlord_with_mrc()
    complaint = closed_complaint(landlord)
    the_case = case(landlord, complaint=complaint)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        determine(the_case)

    assert len(callbacks) == 1  # the copy is queued only once the determination commits
    [email] = mail.outbox
    assert email.to == ["jane.smith@council.example"]
    assert email.reply_to == ["complaints@riverside.example"]
    assert email.from_email == "Riverside Homes <complaints@putright.localhost>"
    assert email.subject == ("Housing Ombudsman determination on case 202412345 (Riverside Homes)")
    assert email.body.startswith("Dear Councillor Jane Smith,\n")
    assert (
        f"The Housing Ombudsman's determination of 2 September 2024 on case 202412345, about "
        f"complaint {complaint.reference} has been recorded. Its findings:" in email.body
    )
    assert "1. The repairs to the roof: maladministration" in email.body
    assert "2. The complaint handling: service failure" in email.body
    assert "Summary: The landlord took too long." in email.body
    [copy] = MrcCopy.objects.all()
    assert copy.what == "determination"
    assert copy.case == the_case
    assert copy.complaint == complaint
    assert timezone.localdate(copy.sent_at) == dt.date(2026, 12, 7)
    entry = complaint.events.order_by("-id").first()
    assert entry.summary == (
        "Copied to the Member Responsible for Complaints, Councillor Jane Smith "
        "(jane.smith@council.example), by email: Housing Ombudsman determination on case "
        "202412345 (Riverside Homes)."
    )
    assert entry.detail["ombudsman"] == {
        "what": "mrc_copy",
        "mrc_copy": copy.pk,
        "copied": "determination",
    }
    assert entry.occurred_on == dt.date(2026, 12, 7)


def test_an_order_is_copied_with_its_due_date_and_owner_but_a_recommendation_is_not(
    django_capture_on_commit_callbacks,
):
    landlord = landlord_with_mrc()
    the_case = case(landlord)
    determination = determine(the_case)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_add(
            determination=determination,
            kind=OrderKind.WORKS,
            description="Repair the roof.",
            due_on=dt.date(2024, 10, 31),
            owner="Head of Repairs",
            by=None,
        )
        services.order_add(
            determination=determination,
            kind=OrderKind.TRAINING,
            description="Train the repairs team.",
            due_on=dt.date(2024, 12, 31),
            owner="Head of Repairs",
            is_recommendation=True,
            by=None,
        )
    [email] = mail.outbox
    assert email.to == ["jane.smith@council.example"]
    assert email.subject == "Housing Ombudsman order on case 202412345 (Riverside Homes)"
    assert "What: Works\nDetails: Repair the roof.\nDue by: 31 October 2024\n" in email.body
    assert "Owner: Head of Repairs" in email.body
    assert MrcCopy.objects.filter(what="order").count() == 1


def test_a_failure_order_is_copied_to_the_mrc(django_capture_on_commit_callbacks):
    landlord = landlord_with_mrc()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.failure_order_record(
            landlord=landlord,
            issued_on=dt.date(2024, 7, 1),
            kind=FailureOrderKind.TYPE_2,
            what_failed="The evidence was sent late.",
            by=None,
        )
    [email] = mail.outbox
    assert email.to == ["jane.smith@council.example"]
    assert email.subject == (
        "Complaint Handling Failure Order issued by the Housing Ombudsman (Riverside Homes)"
    )
    assert "on 1 July 2024:" in email.body
    assert "Type: Type 2: information not given to the Ombudsman on time" in email.body
    assert "What failed: The evidence was sent late." in email.body
    [copy] = MrcCopy.objects.all()
    assert copy.complaint is None and copy.sent_at is not None


def test_with_no_mrc_recorded_nothing_is_copied(django_capture_on_commit_callbacks):
    landlord = factories.landlord()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        determine(case(landlord))
    assert mail.outbox == []
    assert not MrcCopy.objects.exists()


def test_an_upheld_response_is_copied_when_the_landlord_chooses(
    django_capture_on_commit_callbacks,
):
    landlord = landlord_with_mrc(upheld=True)
    with django_capture_on_commit_callbacks(execute=True):
        upheld = factories.stage1_responded(landlord, outcome="upheld")
        factories.stage1_responded(landlord, outcome="not_upheld")
    [email] = mail.outbox
    assert email.to == ["jane.smith@council.example"]
    assert email.subject == (f"Complaint {upheld.reference} upheld at stage 1 (Riverside Homes)")
    assert (
        f"Our stage 1 response to complaint {upheld.reference} has been sent: the complaint "
        "was upheld." in email.body
    )
    assert "What it was about: The repair to my boiler was not done." in email.body
    assert "we copy you every decision that upholds a complaint" in email.body
    [copy] = MrcCopy.objects.all()
    assert copy.what == "upheld_decision" and copy.complaint == upheld
    assert upheld.events.filter(summary__startswith="Copied to the Member Responsible").count() == 1


def test_an_upheld_response_is_not_copied_unless_the_landlord_chooses(
    django_capture_on_commit_callbacks,
):
    landlord = landlord_with_mrc(upheld=False)
    with django_capture_on_commit_callbacks(execute=True):
        factories.stage1_responded(landlord, outcome="upheld")
    assert mail.outbox == []


def test_a_copy_the_mail_server_refuses_stays_unsent_with_the_reason(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.ombudsman.test_mrc_copies.RefusingBackend"
    landlord = landlord_with_mrc()
    complaint = closed_complaint(landlord)
    with django_capture_on_commit_callbacks(execute=True):
        determine(case(landlord, complaint=complaint))
    [copy] = MrcCopy.objects.all()
    assert copy.sent_at is None
    assert copy.failure == "550 mailbox unavailable"
    assert not complaint.events.filter(summary__startswith="Copied to the Member").exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.mrc_copy_send(copy_id=copy.pk)
    copy.refresh_from_db()
    assert copy.sent_at is not None and copy.failure == ""
    assert [m.to for m in mail.outbox] == [["jane.smith@council.example"]]
    services.mrc_copy_send(copy_id=copy.pk)  # sent once only
    assert len(mail.outbox) == 1


def test_the_retention_policy_removes_the_words_of_a_copy_and_keeps_the_record(
    django_capture_on_commit_callbacks,
):
    landlord = landlord_with_mrc()
    complaint = closed_complaint(landlord)
    with django_capture_on_commit_callbacks(execute=True):
        determine(case(landlord, complaint=complaint))
    ombudsman_anonymise(None, complaint=complaint, on=dt.date(2031, 1, 1))
    [copy] = MrcCopy.objects.all()
    assert "roof" not in copy.body
    assert copy.sent_at is not None and copy.to_email == "jane.smith@council.example"


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("550 mailbox unavailable")
