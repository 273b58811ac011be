"""`putright demo` (interfaces.md): a demo landlord with a realistic year of records, every
one made through the services, and sign-ins to try it with. These make small demos; the
default year, made once, is tested in tests/demo/test_year.py."""

from __future__ import annotations

import base64
import datetime as dt
from io import StringIO
from itertools import groupby

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.complaints.models import Complaint, Event, Extension, Remedy, Stage
from putright.demo import create as demo
from putright.demo import staff as demo_staff
from putright.landlords.models import ClosureDay, HomesCount, Landlord, StaffMembership
from putright.rules.codes import Kind
from putright.rules.counting import financial_year, financial_year_of
from putright.rules.lifecycle import StageStatus, State
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The demo hashes its password once; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def open_stages_due(landlord: Landlord) -> list[tuple[Stage, dt.date]]:
    stages = Stage.objects.filter(
        landlord=landlord, status__in=[StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED]
    )
    return [(s, s.next_due) for s in stages]


def test_demo_makes_the_sign_ins_it_prints():
    said = run_demo("--complaints", "20", "--password", "try-it-out")
    landlord = Landlord.objects.get(name=demo.DEFAULT_LANDLORD)
    users = get_user_model().objects
    roles = dict(
        StaffMembership.objects.filter(landlord=landlord).values_list("user__username", "role")
    )
    assert {
        "officer": "officer",
        "handler": "handler",
        "senior": "senior_handler",
        "contractor": "contractor_handler",
        "viewer": "viewer",
        "admin": "administrator",
    }.items() <= roles.items()
    assert sum(role == "senior_handler" for role in roles.values()) >= 2  # for Code 6.13
    assert StaffMembership.objects.get(user__username="contractor").contractor is not None
    admin = users.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert users.get(username="officer").check_password("try-it-out")
    assert not users.get(username="officer").is_staff
    assert "Demo sign-ins: officer / try-it-out" in said
    # Officers and the administrator give a security code: their app has the published key.
    key = base64.b32decode(demo_staff.DEMO_AUTHENTICATOR_KEY).hex()
    with_app = set(TOTPDevice.objects.filter(key=key).values_list("user__username", flat=True))
    assert {"officer", "admin"} <= with_app
    assert not with_app & {"handler", "senior", "contractor", "viewer"}
    assert f"oathtool --totp -b {demo_staff.DEMO_AUTHENTICATOR_KEY}" in said
    assert "admin / try-it-out" in said
    assert "http://127.0.0.1:8000/" in said


def test_demo_year_is_made_through_the_services_with_a_monday_morning_queue(today):
    run_demo("--complaints", "40")
    landlord = Landlord.objects.get()
    on = today
    records = Complaint.objects.filter(landlord=landlord)
    complaints = records.filter(kind=Kind.COMPLAINT)
    assert complaints.count() == 40
    assert records.filter(kind=Kind.SERVICE_REQUEST).exists()
    assert records.filter(kind=Kind.MEMBER_ENQUIRY).exists()
    assert complaints.exclude(raised_from=None).exists()  # Code 1.5

    states = set(complaints.values_list("state", flat=True))
    assert {State.RECEIVED, State.STAGE1, State.STAGE1_CLOSED, State.STAGE2} <= states
    assert states & {State.NOT_ACCEPTED, State.WITHDRAWN}

    due = open_stages_due(landlord)
    assert any(d < on for _, d in due), "some open cases are overdue"
    soon = landlord.calendar().add_working_days(on, 5)
    assert any(on <= d <= soon for _, d in due), "some are due in the coming days"

    assert Extension.objects.filter(stage__landlord=landlord).exists()
    assert Remedy.objects.filter(stage__landlord=landlord).exists()
    assert HomesCount.objects.filter(landlord=landlord, year=financial_year_of(on)).exists()
    assert ClosureDay.objects.filter(landlord=landlord, date__month=12).exists()


def test_every_demo_record_has_a_timeline_in_date_order_none_of_it_to_come(today):
    run_demo("--complaints", "40")
    assert not Complaint.objects.filter(events__isnull=True).exists()
    assert not Event.objects.filter(occurred_on__gt=today).exists()
    events = Event.objects.order_by("complaint_id", "id").values_list("complaint_id", "occurred_on")
    for _, timeline in groupby(events, key=lambda e: e[0]):
        dates = [occurred for _, occurred in timeline]
        assert dates == sorted(dates)
    kinds = Event.objects.order_by("complaint_id", "id").values_list("complaint_id", "kind")
    assert {next(timeline)[1] for _, timeline in groupby(kinds, key=lambda e: e[0])} == {"logged"}


def test_demo_stage_2_handler_is_never_the_stage_1_handler():
    """Code 6.13."""
    run_demo("--complaints", "40")
    second = Stage.objects.filter(number=2).exclude(handler=None).select_related("complaint")
    assert second.exists()
    for stage in second:
        assert stage.handler_id != stage.complaint.stage(1).handler_id


def test_demo_if_empty_does_nothing_the_second_time_but_prints_the_sign_ins():
    run_demo("--complaints", "16", "--if-empty")
    before = (Landlord.objects.count(), Complaint.objects.count(), Event.objects.count())
    said = run_demo("--complaints", "16", "--if-empty")
    assert (Landlord.objects.count(), Complaint.objects.count(), Event.objects.count()) == before
    assert "Demo sign-ins: officer / putright-demo" in said


def test_demo_of_a_past_year_is_made_up_to_its_31_march(today):
    year = financial_year_of(today) - 1
    run_demo("--year", str(year), "--complaints", "20", "--landlord", "Past Homes")
    start, end = financial_year(year)
    received = Complaint.objects.values_list("received_on", flat=True)
    assert min(received) >= start
    assert max(received) <= end
    assert HomesCount.objects.filter(landlord__name="Past Homes", year=year).exists()


def test_demo_refuses_a_year_not_started_and_a_name_taken(today):
    with pytest.raises(CommandError, match="has not started"):
        run_demo("--year", str(financial_year_of(today) + 1))
    factories.landlord("Riverside Homes (Demo)")
    with pytest.raises(CommandError, match="exists already"):
        run_demo("--complaints", "5")
    assert not Complaint.objects.exists()


def test_demo_beside_another_landlord_keeps_existing_users_passwords():
    existing = factories.user("admin")
    said = run_demo("--complaints", "5", "--landlord", "Second Demo")
    assert "admin / (its own password)" in said
    existing.refresh_from_db()
    assert existing.check_password("a-long-test-password")
    assert not existing.is_superuser
    assert StaffMembership.objects.filter(user=existing, landlord__name="Second Demo").exists()
