"""Awaab's Law clocks on the staff pages (issue 17, item 8): start the clocks from the case,
record each step, see them on the case, the work queue and the hazard clocks list."""

from __future__ import annotations

import datetime as dt
import html as htmllib
from zoneinfo import ZoneInfo

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, HazardCase
from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def monday(time_machine) -> dt.date:
    """Monday 7 December 2026 at 10am: the deadlines below are worked out by hand for it,
    so these tests keep that day whatever day the suite runs on (scripts/test-dates)."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, tzinfo=LONDON))
    return dt.date(2026, 12, 7)


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def post(client, complaint, path, data, **kw):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return client.post(
        f"/staff/cases/{complaint.reference}/{path}/",
        {"version": complaint.version, **data},
        **kw,
    )


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def officer(landlord):
    return people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")


def _aware(complaint, day, hazard_class="emergency", hour=8):
    return services.hazard_record_awareness(
        complaint=complaint,
        hazard_class=hazard_class,
        description="Sparking socket in the kitchen",
        aware_at=dt.datetime.combine(day, dt.time(hour), LONDON),
        repairs_told_at=dt.datetime.combine(day, dt.time(hour, 5), LONDON),
        by=None,
    )


def test_a_flagged_case_offers_to_start_the_clocks_and_the_form_starts_them(
    landlord, officer, monday
):
    c = people.logged(landlord, description="There is black mould in my son's bedroom.")
    client = people.signed_in(officer)

    case = client.get(f"/staff/cases/{c.reference}/")
    assert f'href="/staff/cases/{c.reference}/hazard/"' in text(case)

    response = post(
        client,
        c,
        "hazard",
        {
            "hazard_class": "damp_mould",
            "description": "Black mould on the bedroom ceiling",
            **people.date_fields("on", monday),
            "time": "9am",
            **people.date_fields("told_on", monday),
            "told_time": "9:20am",
            "repairs_reference": "R-77",
        },
        follow=True,
    )

    page = text(response)
    assert "The hazard is recorded and its Awaab's Law clocks have started." in page
    assert "Hazard clocks (Awaab's Law)" in page
    assert "end of 21 December 2026" in page  # 10 working days after Monday 7 December
    hazard = HazardCase.objects.get(complaint=c)
    assert hazard.repairs_reference == "R-77"
    assert hazard.aware_at == dt.datetime(2026, 12, 7, 9, tzinfo=LONDON)
    assert f"/staff/cases/{c.reference}/hazard/investigated/" in page


def test_the_awareness_form_says_what_is_missing(landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)

    response = post(client, c, "hazard", {"description": "", "time": ""})

    page = text(response)
    assert response.status_code == 200
    assert "Choose what kind of hazard it is" in page
    assert "Enter what the hazard is and where" in page
    assert not HazardCase.objects.exists()


def test_a_step_recorded_late_shows_as_missed_on_the_case(landlord, officer, monday):
    c = people.logged(landlord, received_on=monday - dt.timedelta(days=3))
    _aware(c, monday - dt.timedelta(days=3))
    client = people.signed_in(officer)

    response = post(
        client,
        c,
        "hazard/investigated",
        {**people.date_fields("on", monday), "time": "9am", "note": "Socket replaced"},
        follow=True,
    )

    page = text(response)
    assert "Investigated: recorded on the hazard clocks." in page
    assert "Missed" in page
    assert "Overdue" in page  # still not made safe, 24 hours long gone
    assert HazardCase.objects.get(complaint=c).investigated_at == dt.datetime(
        2026, 12, 7, 9, tzinfo=LONDON
    )


def test_a_step_the_hazard_does_not_have_is_refused_in_words(landlord, officer, monday):
    c = people.logged(landlord)
    _aware(c, monday)
    client = people.signed_in(officer)

    response = post(
        client, c, "hazard/summary_sent", {**people.date_fields("on", monday), "time": "9am"}
    )

    assert response.status_code == 200
    assert (
        "Written summary sent to the resident is not a step recorded for an emergency hazard."
        in text(response)
    )
    assert client.get(f"/staff/cases/{c.reference}/hazard/painted/").status_code == 404


def test_the_list_puts_the_soonest_first_and_marks_the_overdue(landlord, officer, monday):
    late = people.logged(landlord, received_on=monday - dt.timedelta(days=2))
    _aware(late, monday - dt.timedelta(days=2))
    soon = people.logged(landlord)
    _aware(soon, monday, hour=9)
    damp = people.logged(landlord)
    _aware(damp, monday, hazard_class="damp_mould")
    safe = people.logged(landlord)
    _aware(safe, monday)
    at = dt.datetime.combine(monday, dt.time(9), LONDON)
    services.hazard_record_investigation(complaint=safe, at=at, by=None)
    services.hazard_record_made_safe(complaint=safe, at=at, by=None)

    page = text(people.signed_in(officer).get("/staff/hazard-clocks/"))

    assert "1 hazard with a clock overdue." in page
    assert "3 hazards open" in page
    order = [page.index(c.reference) for c in (late, soon, damp)]
    assert order == sorted(order)
    assert safe.reference not in page


def test_the_work_queue_marks_a_case_whose_hazard_clock_is_overdue(landlord, officer, monday):
    late = people.logged(landlord, received_on=monday - dt.timedelta(days=2))
    _aware(late, monday - dt.timedelta(days=2))
    running = people.logged(landlord)
    _aware(running, monday, hour=9)

    page = text(people.signed_in(officer).get("/staff/"))

    assert "Hazard clock overdue" in page
    assert "was due 8am on 6 December 2026" in page
    assert "due 9am on 8 December 2026" in page


def test_a_viewer_sees_the_clocks_but_cannot_record(landlord, monday):
    c = people.logged(landlord)
    _aware(c, monday)
    viewer = people.staff(landlord, Role.VIEWER, first="Vic", last="Viewer")
    client = people.signed_in(viewer)

    assert "Hazard clocks (Awaab's Law)" in text(client.get(f"/staff/cases/{c.reference}/"))
    assert client.get(f"/staff/cases/{c.reference}/hazard/investigated/").status_code == 403
    assert c.reference in text(client.get("/staff/hazard-clocks/"))


def test_the_work_queue_links_to_the_hazard_clocks(landlord, officer):
    page = text(people.signed_in(officer).get("/staff/"))

    assert 'href="/staff/hazard-clocks/" id="hazard-clocks-link"' in page
