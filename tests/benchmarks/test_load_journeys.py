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
from benchmarks.load import seed
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
from putright.landlords.models import HomesCount
from putright.letters.models import Letter
from putright.residents import models as residents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _load_test_urls(settings):
    """The journeys run against the URLs the load test serves (its settings' own)."""
    settings.ROOT_URLCONF = "benchmarks.load.urls"


@pytest.fixture(params=["one landlord", "national"])
def people(request, transactional_db, tmp_path):
    """The people of a load test on each of its data sets: one landlord's records
    (staff_bench's ``build``, ``--complaints``), or a tiny national data set (``putright
    generate``, ``--national``), whose largest landlord the day runs at: its residents have
    no email address until ``make_people`` gives them one, its records one "imported"
    timeline entry each, and its public pages are under /l/<slug>/."""
    if request.param == "one landlord":
        landlord, _ = seed.one_landlord(60)
        return make_people(landlord=landlord, staff=1, residents=1, outbox=str(tmp_path))
    landlord, _ = seed.national(3, 3_000, 2)
    made = make_people(
        landlord=landlord, staff=1, residents=1, outbox=str(tmp_path), give_emails=True
    )
    assert made["site"] == f"/l/{landlord.slug}"
    return made


def test_the_national_seeding_runs_the_day_at_its_largest_landlord(db, tmp_path):
    """``scripts/load-test --national``: ``putright generate`` at a tiny size, the day at
    the landlord with the most homes, described for the output; its residents, who have no
    email address, are given one only for the open complaints the residents follow."""
    landlord, described = seed.national(3, 3_000, 2)

    latest = HomesCount.objects.latest("year").year
    homes = {
        h.landlord.slug: h.lcra + h.lcho
        for h in HomesCount.objects.filter(year=latest).select_related("landlord")
    }
    assert len(homes) == 3 and sum(homes.values()) == 3_000
    assert homes[landlord.slug] == max(homes.values()) == described["landlord"]["homes"]
    own = Complaint.objects.filter(landlord=landlord)
    assert described["landlord"]["records"] == own.count() < described["records"]
    assert described["records"] == described["generated records"] == Complaint.objects.count()
    assert described["landlord"]["open_complaints"] == (
        own.filter(kind="complaint", state__in=["stage1", "stage2"]).count()
    )
    assert landlord.slug in seed.summary(described)[1]

    assert not residents.Resident.objects.exclude(email="").exists()
    none = make_people(landlord=landlord, staff=0, residents=3, outbox=str(tmp_path))
    assert none["residents"] == []
    made = make_people(
        landlord=landlord, staff=1, residents=3, outbox=str(tmp_path), give_emails=True
    )
    given = residents.Resident.objects.exclude(email="")
    assert sorted(given.values_list("email", flat=True)) == sorted(
        r["email"] for r in made["residents"]
    )
    assert len(made["residents"]) == 3
    for who in made["residents"]:
        complaint = own.get(reference=who["reference"])
        assert complaint.state in {"stage1", "stage2"}
        assert complaint.resident is not None and complaint.resident.email == who["email"]
        assert complaint.resident.contact_preference == "letter"  # as generated


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
    resident = Resident(RequestsClient(live_server.url), who, _code_from_mail, site=people["site"])
    resident.sign_in()
    assert resident.browser.page.path == people["site"] + "/track/complaint/"
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


def test_the_load_test_refuses_a_national_size_it_cannot_generate():
    """``--national LANDLORDS,HOMES,YEARS`` is checked before anything starts, and cannot
    be given with ``--complaints`` (one data set or the other)."""
    script = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(script), *arguments], capture_output=True, text=True, timeout=60
        )

    for given in ["140,440000", "1400,4400000,10,1", "a,b,c", "10,5,2", "3,3000,31"]:
        done = run("--national", given)
        assert done.returncode == 2
        assert f"--national: {given!r}: " in done.stderr
    both = run("--national", "3,3000,2", "--complaints", "60")
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr


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
