"""The work queue at /staff/ (issue 3, item 2): mine / my team / all, every filter with its
count, sorted by due date, searched by reference, name, address, postcode and words, each
row with its next deadline in words, one page at a time, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from putright.complaints import services
from putright.landlords.models import Role, today
from putright.residents.models import ReasonableAdjustment, VulnerabilityFlag
from putright.rules.timescales import deadline_words, working_days_left
from putright.staff import selectors
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["counted", "too_many_to_count"])
def counting(request, monkeypatch):
    """Each filter test runs twice: counted in Python (the open work), and left to the
    database as for a result too big to count (a search over years of records)."""
    if request.param == "too_many_to_count":
        monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    return request.param


def refs(response) -> list[str]:
    return [row.complaint.reference for row in response.context["queue"].rows]


def option_count(response, facet: str, label: str) -> int | None:
    for option in response.context["queue"].facets[facet]:
        if option.label == label:
            return option.count
    return 0


def working_days_ago(landlord, n: int) -> dt.date:
    """The latest day that is ``n`` working days before today as lateness is counted
    (``working_days_left``: the working days after it up to today, today included when it
    is one), so a step due on it is ``n`` working days overdue on any day, a bank holiday
    or a weekend too."""
    now = today()
    calendar = landlord.calendar()
    day = now
    while calendar.working_days_between(day, now) < n:
        day -= dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def test_each_row_says_when_its_next_deadline_is_in_working_days(today):
    landlord = factories.landlord()
    late = people.stage1_open(landlord, received_on=working_days_ago(landlord, 8))
    fresh = people.stage1_open(landlord)
    client = people.signed_in(people.staff(landlord))

    response = client.get("/staff/")
    html = response.content.decode()

    calendar = landlord.calendar()
    for c in (late, fresh):
        words = deadline_words(working_days_left(calendar, c.next_due_on, today))
        assert words in html
    assert "3 working days overdue" in html
    assert "due in 5 working days" in html
    assert refs(response) == [late.reference, fresh.reference]


def test_mine_my_team_and_all(counting):
    landlord = factories.landlord()
    me = people.staff(landlord, Role.HANDLER, team="Repairs")
    colleague = people.staff(landlord, Role.HANDLER, team="Repairs")
    other = people.staff(landlord, Role.HANDLER, team="Tenancy")
    mine = people.stage1_open(landlord, handler=me)
    teams = people.stage1_open(landlord, handler=colleague)
    others = people.stage1_open(landlord, handler=other)
    client = people.signed_in(me)

    assert refs(client.get("/staff/")) == [mine.reference]  # a handler starts on their own
    assert refs(client.get("/staff/?scope=mine")) == [mine.reference]
    assert set(refs(client.get("/staff/?scope=team"))) == {mine.reference, teams.reference}
    assert set(refs(client.get("/staff/?scope=all"))) == {
        mine.reference,
        teams.reference,
        others.reference,
    }


def test_stage_2_is_the_stage_2_handlers_not_the_stage_1_handlers(today):
    landlord = factories.landlord()
    first = people.staff(landlord, Role.HANDLER)
    senior = people.staff(landlord, Role.SENIOR_HANDLER)
    c = factories.stage1_responded(
        landlord, handler=first, received_on=today - dt.timedelta(days=20), on=today
    )
    services.complaint_request_escalation(complaint=c, requested_on=today, by=None)
    services.complaint_allocate(complaint=c, handler=senior, by=None)

    assert refs(people.signed_in(first).get("/staff/?scope=mine")) == []
    assert refs(people.signed_in(senior).get("/staff/?scope=mine")) == [c.reference]


def test_filters_by_stage_service_area_handler_contractor_and_theme_with_counts(counting):
    landlord = factories.landlord()
    repairs, asb = people.area(landlord, "Repairs"), people.area(landlord, "Anti-social behaviour")
    damp = people.theme(landlord, "Damp and mould")
    kestrel = people.contractor(landlord, "Kestrel")
    hamza = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    a = people.stage1_open(
        landlord, handler=hamza, service_area=repairs, theme=damp, contractor=kestrel
    )
    b = people.stage1_open(landlord, service_area=repairs)
    c = people.logged(landlord, service_area=asb)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    everything = client.get("/staff/")
    assert set(refs(everything)) == {a.reference, b.reference, c.reference}
    by_area = client.get(f"/staff/?service_area={repairs.pk}")
    assert set(refs(by_area)) == {a.reference, b.reference}
    assert refs(client.get(f"/staff/?stage=1&service_area={repairs.pk}&theme={damp.pk}")) == [
        a.reference
    ]
    assert refs(client.get(f"/staff/?handler={hamza.pk}")) == [a.reference]
    assert refs(client.get(f"/staff/?contractor={kestrel.pk}")) == [a.reference]
    assert set(refs(client.get("/staff/?stage=1"))) == {a.reference, b.reference}
    if counting == "counted":
        assert option_count(everything, "service_area", "Repairs") == 2
        assert option_count(everything, "service_area", "Anti-social behaviour") == 1
        assert option_count(everything, "stage", "Stage 1") == 2
        assert option_count(everything, "handler", "Hamza Ali") == 1
        # A facet's counts leave out its own choice: other areas stay countable.
        assert option_count(by_area, "service_area", "Anti-social behaviour") == 1
        assert option_count(by_area, "theme", "Damp and mould") == 1
        assert "Repairs (2)" in everything.content.decode()
    else:
        assert option_count(everything, "service_area", "Repairs") is None
        assert "too many records to count" in everything.content.decode()


def test_filters_for_vulnerable_adjustments_overdue_due_soon_and_waiting(today, counting):
    landlord = factories.landlord()
    vulnerable_flag = people.resident(landlord, "Vera Flag")
    VulnerabilityFlag.objects.create(
        resident=vulnerable_flag, description="Recently bereaved", review_due_on=today
    )
    adjusted = people.resident(landlord, "Ada Just")
    ReasonableAdjustment.objects.create(
        resident=adjusted, kind="large_print", agreed_on=today, review_due_on=today
    )
    told_us = people.stage1_open(landlord, vulnerable=True)
    flagged = people.stage1_open(landlord, resident=vulnerable_flag)
    with_adjustment = people.stage1_open(landlord, resident=adjusted)
    overdue = people.stage1_open(landlord, received_on=working_days_ago(landlord, 7))
    due_soon = people.stage1_open(landlord, received_on=working_days_ago(landlord, 4))
    waiting = factories.stage1_responded(
        landlord, received_on=working_days_ago(landlord, 15), on=today
    )
    stage = waiting.stage(1)
    from putright.complaints.models import OutstandingAction

    OutstandingAction.objects.create(
        stage=stage, description="Fit a new window", owner="Repairs", due_on=today
    )
    services.complaint_request_escalation(complaint=waiting, requested_on=today, by=None)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    assert set(refs(client.get("/staff/?vulnerable=on"))) == {told_us.reference, flagged.reference}
    assert refs(client.get("/staff/?adjustments=on")) == [with_adjustment.reference]
    assert refs(client.get("/staff/?overdue=on")) == [overdue.reference]
    assert refs(client.get("/staff/?due_within=2")) == [due_soon.reference]
    assert refs(client.get("/staff/?waiting=on")) == [waiting.reference]
    assert refs(client.get("/staff/?vulnerable=on&overdue=on")) == []
    if counting == "counted":
        counts = client.get("/staff/").context["queue"]
        assert counts.flag_counts == {
            "vulnerable": 2,
            "adjustments": 1,
            "waiting": 1,
            "overdue": 1,
            "safety": 0,
            "letter": 0,
            "update": 0,
        }
        assert counts.due_within_counts[2] == 1
        assert counts.due_within_counts[10] == 5  # all but the overdue one


def test_status_filter_counts_every_state_and_shows_closed_cases():
    landlord = factories.landlord()
    waiting = people.logged(landlord)
    open_ = people.stage1_open(landlord)
    withdrawn = people.logged(landlord)
    services.complaint_withdraw(complaint=withdrawn, requested_by="the resident", by=None)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    default = client.get("/staff/")
    closed = client.get("/staff/?state=withdrawn")
    html = default.content.decode()

    assert set(refs(default)) == {waiting.reference, open_.reference}
    assert refs(closed) == [withdrawn.reference]
    assert "Open work (2)" in html
    assert "Withdrawn (1)" in html
    assert "Everything (3)" in html
    assert "Waiting for triage (1)" in html


@pytest.mark.parametrize(
    "query",
    [
        "CU-000002",
        "cu-000002",
        "Okafor",
        "amina okafor",
        "Willow Court",
        "EX2 3BB",
        "ex23bb",
        "EX2",
        "mould in the bathroom",
    ],
)
def test_search_by_reference_name_address_postcode_and_words(query, counting):
    landlord = factories.landlord()
    other = people.resident(landlord, "Bob Other", postcode="ZZ9 9ZZ", address="1 Far Road")
    people.logged(landlord, resident=other, description="The bins were not collected.")
    person = people.resident(landlord)
    wanted = people.logged(
        landlord, resident=person, description="There is black mould in the bathroom again."
    )
    services.complaint_withdraw(complaint=wanted, requested_by="the resident", by=None)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/", {"q": query})

    assert wanted.reference == "CU-000002"
    assert refs(response) == [wanted.reference]  # closed cases too: a search looks everywhere


def test_search_needs_every_word_and_respects_the_status_chosen():
    landlord = factories.landlord()
    mould = people.logged(landlord, description="Mould in the kitchen")
    both = people.logged(landlord, description="Mould and a leak in the kitchen")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    assert set(refs(client.get("/staff/?q=mould+kitchen"))) == {mould.reference, both.reference}
    assert refs(client.get("/staff/?q=leak+mould")) == [both.reference]
    assert refs(client.get("/staff/?q=mould&state=withdrawn")) == []


def test_sorted_by_due_date_soonest_first_or_latest_first_and_paged(today):
    landlord = factories.landlord()
    made = [
        people.stage1_open(landlord, received_on=working_days_ago(landlord, n)) for n in range(30)
    ]
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    first = client.get("/staff/")
    second = client.get("/staff/?page=2")
    latest = client.get("/staff/?sort=-due")

    oldest_first = [c.reference for c in reversed(made)]
    assert refs(first) == oldest_first[:25]
    assert refs(second) == oldest_first[25:]
    assert refs(latest)[0] == made[0].reference
    assert "Showing 25 of 30 records, page 1 of 2" in first.content.decode()
    assert re.search(r'href="\?page=2"[^>]*rel="next"', first.content.decode())


def test_nonsense_in_the_query_string_is_ignored_not_an_error():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord))

    response = client.get("/staff/?stage=9&handler=abc&due_within=7&sort=up&page=-3&state=nope")

    assert response.status_code == 200


def test_the_queue_takes_the_same_few_queries_however_many_rows(
    today, django_assert_max_num_queries
):
    landlord = factories.landlord()
    area = people.area(landlord)
    handler = people.staff(landlord, Role.HANDLER)
    for n in range(40):
        person = people.resident(landlord, f"Resident {n}", postcode=f"EX{n} 1AA")
        VulnerabilityFlag.objects.create(resident=person, description="x", review_due_on=today)
        people.stage1_open(landlord, handler=handler, resident=person, service_area=area)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    client.get("/staff/")

    # 13 for the queue itself, 3 to name each row's next deadline (the page's stages, and
    # the Ombudsman's contacts and orders on its records), 2 for the Ombudsman's deadlines
    # above it (contacts, orders), 1 for the responses waiting for approval, both of
    # which an officer sees, and 1 for the notice of exceptional circumstances in force
    # (Code 8.5), which marks the late rows.
    with django_assert_max_num_queries(20):
        response = client.get("/staff/?vulnerable=on")
    with django_assert_max_num_queries(24):
        client.get("/staff/?q=Resident")

    assert len(response.context["queue"].rows) == 25


def test_a_search_matching_too_many_shows_the_newest_and_says_so(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 2)
    landlord = factories.landlord()
    made = [people.logged(landlord, description=f"Mould again, time {n}") for n in range(3)]
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/?q=mould")

    assert set(refs(response)) == {made[2].reference, made[1].reference}
    assert "More than 2 records match the search." in response.content.decode()


def test_a_name_that_finds_a_resident_gives_their_records_not_every_mention():
    landlord = factories.landlord()
    person = people.resident(landlord, "Grace Oduya")
    theirs = people.logged(landlord, resident=person)
    people.logged(landlord, description="My neighbour Grace Oduya plays loud music.")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    assert refs(client.get("/staff/?q=grace+oduya")) == [theirs.reference]
