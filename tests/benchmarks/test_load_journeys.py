"""The load test's journeys (benchmarks/load, issue 16 item 3) against a live server, once
each, so the locustfile cannot rot when a URL or a form changes. The load run itself is
scripts/load-test, never part of make test."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import Resolver404, resolve

from benchmarks import staff_bench
from benchmarks.load.journeys import (
    Integration,
    JourneyError,
    Page,
    RequestsClient,
    Resident,
    Staff,
    forms_of,
)
from benchmarks.load.people import make_people
from benchmarks.staff_bench import build
from putright.complaints.models import Complaint, Event
from putright.landlords.models import Landlord
from putright.letters.models import Letter
from putright.residents import models as residents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people(transactional_db, tmp_path):
    build(60, seed=3)
    return make_people(landlord=Landlord.objects.get(), staff=1, residents=1, outbox=str(tmp_path))


def _code_from_mail(email: str) -> str:
    sent = [m for m in mail.outbox if email in m.to]
    found = re.search(r"\b(\d{6})\b", sent[-1].body)
    assert found is not None
    return found[1]


def test_staff_sign_in_with_the_authenticator_and_work_a_case(live_server, people, today):
    staff = Staff(RequestsClient(live_server.url), people["staff"][0], people["password"])
    staff.sign_in()
    assert staff.browser.page.path == "/staff/"

    staff.queue()
    staff.search()
    staff.open_case()
    assert staff.browser.page.status == 200
    contacts = Event.objects.filter(kind="contact").count()
    staff.record_contact()
    assert Event.objects.filter(kind="contact").count() == contacts + 1

    # Every resident needs large print, so the letter asks how that need is met (Code 5.10).
    large_print = residents.ReasonableAdjustment.objects.filter(kind="large_print")
    residents.ReasonableAdjustment.objects.bulk_create(
        residents.ReasonableAdjustment(
            resident=r,
            kind="large_print",
            agreed_on=today,
            review_due_on=today + dt.timedelta(days=300),
        )
        for r in residents.Resident.objects.exclude(pk__in=large_print.values("resident"))
    )
    staff.issue_letter()
    assert Letter.objects.count() == 1


def test_a_resident_signs_in_with_the_emailed_code_and_logs_a_complaint(live_server, people):
    who = people["residents"][0]
    resident = Resident(RequestsClient(live_server.url), who, _code_from_mail)
    resident.sign_in()
    assert resident.browser.page.path == "/track/complaint/"
    assert who["reference"] in resident.browser.page.text

    resident.complaint()
    before = Complaint.objects.count()
    resident.complain()
    assert Complaint.objects.count() == before + 1


def test_the_integration_logs_a_complaint_and_a_contact_through_the_api(live_server, people):
    before = Complaint.objects.count()
    Integration(RequestsClient(live_server.url), people["api_key"]).log_with_contact()
    assert Complaint.objects.count() == before + 1
    logged = Complaint.objects.order_by("-id").first()
    assert logged is not None
    assert logged.events.filter(kind="contact").count() == 1


def test_the_bare_view_is_routed_only_by_the_load_tests_settings(rf):
    match = resolve("/load-test/bare", urlconf="benchmarks.load.urls")
    assert match.func(rf.get("/load-test/bare")).content == b"ok"
    with pytest.raises(Resolver404):
        resolve("/load-test/bare", urlconf="putright.urls")


def test_a_refused_form_is_a_journey_error_naming_the_problem(live_server, people):
    staff = Staff(RequestsClient(live_server.url), people["staff"][0], "not-the-password")
    with pytest.raises(JourneyError, match="refused at /staff/sign-in/"):
        staff.sign_in()


def test_forms_are_read_as_a_browser_would_send_them():
    html = """<form method="post" action="/x/"><input type="hidden" name="a" value="1">
    <input type="checkbox" name="b" value="y"><input type="radio" name="c" value="z" checked>
    <select name="d"><option value="p">P</option><option value="q" selected>Q</option></select>
    <textarea name="e">
hello</textarea><button name="action" value="issue">Issue</button></form>"""
    (form,) = forms_of(html)
    assert form.fields == [("a", "1"), ("c", "z"), ("d", "q"), ("e", "hello")]
    assert form.names == {"a", "b", "c", "d", "e", "action"}
    assert Page("/x/", 200, html).path == "/x/"


def test_the_locustfile_offers_the_mixed_day_and_the_baselines():
    listed = subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", "benchmarks/load/locustfile.py",
         "--list"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert sorted(listed.stdout.split()[2:]) == [
        "ApiWriteUser",
        "BareViewUser",
        "IntegrationUser",
        "ResidentUser",
        "StaffUser",
    ]


def test_the_load_test_refuses_a_phase_it_does_not_have():
    """``--phases`` names which of the load test's phases to run; a wrong name is refused
    before anything starts, naming it and the phases there are."""
    script = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"
    done = subprocess.run(
        [sys.executable, str(script), "--phases", "bare,api"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--phases: api: choose from bare, api-write, mixed-day" in done.stderr


def test_the_staff_bench_runs_the_staff_journey_in_process(db, capsys, today):
    """``benchmarks/staff_bench.py --journeys N``: the load test's staff journey through
    Django's test client, each request timed under its journey name."""
    build(60, seed=3)
    staff_bench.journeys(1)
    out = capsys.readouterr().out
    rows = {line.split(" | ")[0].lstrip("| ") for line in out.splitlines() if "| /staff/" in line}
    assert rows == {
        "/staff/ (queue)",
        "/staff/?q= (search)",
        "/staff/cases/{reference}/",
        "/staff/cases/{reference}/letters/update/",
        "/staff/cases/{reference}/letters/{kind}/ (issue)",
    }
    assert Letter.objects.count() == 1
