"""Team tools (issue 12, item 6): reassigning several cases from the work queue with the
rules checked for each, the queue as a spreadsheet, the workload by person, and people
marked as away; an API key's own user never offered work."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from putright.api.keys import api_key_issue
from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role, StaffMembership
from putright.landlords.selectors import away_words
from putright.rules.lifecycle import LetterOwed
from putright.staff import exports
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def handler_of(c: Complaint):
    return Complaint.objects.get(pk=c.pk).current_stage.handler


def stage2_open(landlord, *, stage1_handler, stage2_handler, today):
    c = factories.stage1_responded(
        landlord, handler=stage1_handler, received_on=today - dt.timedelta(days=20), on=today
    )
    services.complaint_request_escalation(complaint=c, requested_on=today, by=None)
    services.complaint_allocate(complaint=c, handler=stage2_handler, by=None)
    return Complaint.objects.get(pk=c.pk)


# Reassigning several cases -----------------------------------------------------------------


def test_bulk_reassign_moves_each_case_the_rules_allow_and_says_why_one_was_refused(today):
    landlord = factories.landlord()
    off_sick = people.staff(landlord, Role.SENIOR_HANDLER, first="Ola", last="Sick")
    cover = people.staff(landlord, Role.SENIOR_HANDLER, first="Cara", last="Cover")
    first = people.stage1_open(landlord, handler=off_sick)
    second = people.stage1_open(landlord, handler=off_sick)
    # Cara handled this one's stage 1: its stage 2 must not go to her (Code 6.13).
    escalated = stage2_open(landlord, stage1_handler=cover, stage2_handler=off_sick, today=today)
    version_before = escalated.version
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post(
        "/staff/reassign/",
        {
            "reference": [first.reference, escalated.reference, second.reference],
            "handler": cover.pk,
        },
    )
    page = client.get(response["Location"])
    html = page.content.decode()

    assert response.status_code == 302
    assert handler_of(first) == cover and handler_of(second) == cover
    assert handler_of(escalated) == off_sick  # left exactly as it was
    assert Complaint.objects.get(pk=escalated.pk).version == version_before
    assert [r["reference"] for r in page.context["moved"]] == [first.reference, second.reference]
    assert page.context["refused"] == [
        {
            "reference": escalated.reference,
            "moved": False,
            "why_not": "The stage 2 handler must be a different person from the stage 1 handler.",
        }
    ]
    assert "2 cases reassigned to Cara Cover" in html
    assert "The stage 2 handler must be a different person" in html
    moved = Event.objects.filter(complaint=first, kind=EventKind.ALLOCATED).latest("id")
    assert moved.summary == "Allocated to Cara Cover."


def test_bulk_reassign_keeps_stage_2_for_roles_that_may_take_it_and_contractors_to_their_own(
    today,
):
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel")
    stage1_handler = people.staff(landlord, Role.HANDLER)
    senior = people.staff(landlord, Role.SENIOR_HANDLER)
    plain = people.staff(landlord, Role.HANDLER, first="Pat", last="Plain")
    theirs = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Kim", last="Kestrel", contractor=kestrel
    )
    escalated = stage2_open(
        landlord, stage1_handler=stage1_handler, stage2_handler=senior, today=today
    )
    ours = people.stage1_open(landlord, handler=senior)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    client.post("/staff/reassign/", {"reference": [escalated.reference], "handler": plain.pk})
    to_plain = client.get("/staff/reassign/done/").context["refused"]
    client.post("/staff/reassign/", {"reference": [ours.reference], "handler": theirs.pk})
    to_contractor = client.get("/staff/reassign/done/").context["refused"]

    assert to_plain[0]["why_not"] == (
        "Stage 2 goes to a senior handler or a complaints officer who did not handle stage 1 "
        "(Code 6.13), and Pat Plain is a handler."
    )
    assert to_contractor[0]["why_not"] == (
        "Kim Kestrel works for Kestrel, and the landlord itself handles this complaint: a "
        "contractor's handler handles only the complaints allocated to that contractor. To "
        "give it to Kim Kestrel, allocate the complaint to Kestrel too."
    )
    assert handler_of(escalated) == senior and handler_of(ours) == senior


def test_ticking_cases_on_the_queue_shows_them_ticked_with_the_people_to_choose():
    landlord = factories.landlord()
    sick = people.staff(landlord, Role.HANDLER, first="Ola", last="Sick")
    a = people.stage1_open(landlord, handler=sick)
    b = people.stage1_open(landlord, handler=sick)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    queue = client.get("/staff/?scope=all").content.decode()
    response = client.post(
        "/staff/reassign/", {"reference": [a.reference, b.reference], "queue": "scope=all"}
    )
    html = response.content.decode()

    assert f'name="reference" type="checkbox" value="{a.reference}"' in queue
    assert 'action="/staff/reassign/"' in queue
    assert response.status_code == 200
    assert not response.context["form"].errors
    for c in (a, b):
        assert f'value="{c.reference}" checked' in html
    assert f"{a.reference}: resident not recorded, stage 1, handled by Ola Sick" in html
    assert 'href="/staff/?scope=all"' in html


def test_nothing_ticked_goes_back_to_the_queue_and_says_so():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post("/staff/reassign/", {"queue": "scope=mine&overdue=on"}, follow=True)

    assert response.redirect_chain[-1][0] == "/staff/?scope=mine&overdue=on"
    assert "Select at least one case to reassign." in response.content.decode()


def test_a_case_unticked_stays_offered_while_the_form_is_wrong():
    landlord = factories.landlord()
    sick = people.staff(landlord, Role.HANDLER)
    a = people.stage1_open(landlord, handler=sick)
    b = people.stage1_open(landlord, handler=sick)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post(
        "/staff/reassign/",
        {"offered": [a.reference, b.reference], "reference": [a.reference], "handler": ""},
    )
    html = response.content.decode()

    assert [v for v, _ in response.context["form"].fields["reference"].choices] == [
        a.reference,
        b.reference,
    ]
    assert f'value="{a.reference}" checked' in html
    assert f'value="{b.reference}" checked' not in html
    assert f'name="offered" value="{b.reference}"' in html


def test_no_person_chosen_is_an_error_on_the_form_and_nothing_moves():
    landlord = factories.landlord()
    sick = people.staff(landlord, Role.HANDLER)
    a = people.stage1_open(landlord, handler=sick)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post("/staff/reassign/", {"reference": [a.reference], "handler": ""})

    assert response.status_code == 200
    assert "Choose who the cases go to" in response.content.decode()
    assert handler_of(a) == sick


def test_a_viewer_may_not_reassign_and_sees_no_boxes_to_tick():
    landlord = factories.landlord()
    a = people.stage1_open(landlord, handler=people.staff(landlord, Role.HANDLER))
    viewer = people.signed_in(people.staff(landlord, Role.VIEWER))

    assert 'name="reference"' not in viewer.get("/staff/?scope=all").content.decode()
    assert viewer.post("/staff/reassign/", {"reference": [a.reference]}).status_code == 403


def test_only_cases_the_person_may_see_are_reassigned():
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel")
    colleague = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)
    me = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)
    ours = people.stage1_open(landlord, handler=colleague, contractor=kestrel)
    landlords = people.stage1_open(landlord, handler=people.staff(landlord, Role.HANDLER))
    client = people.signed_in(me)

    response = client.post("/staff/reassign/", {"reference": [ours.reference, landlords.reference]})

    assert [value for value, _ in response.context["form"].fields["reference"].choices] == [
        ours.reference
    ]
    # Only Kestrel's people are offered to a Kestrel handler.
    offered = {v for v, _ in response.context["form"].fields["handler"].choices if v}
    assert offered == {colleague.pk, me.pk}


# The queue as a spreadsheet ------------------------------------------------------------------


def _rows_of_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_queue_downloads_as_filtered_with_every_page_and_the_pages_columns(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    area = people.area(landlord, "Repairs")
    made = [people.stage1_open(landlord, handler=handler, service_area=area) for _ in range(27)]
    other = people.staff(landlord, Role.HANDLER)
    people.stage1_open(landlord, handler=other)  # filtered out by handler
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    query = f"scope=all&handler={handler.pk}"

    page = client.get(f"/staff/?{query}")
    response = client.get(f"/staff/queue.csv?{query}")
    rows = _rows_of_csv(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert f'href="/staff/queue.csv?{query.replace("&", "&amp;")}"' in page.content.decode()
    assert rows[0] == list(exports.HEADINGS)
    assert len(rows) == 1 + 27  # every page, not the 25 shown
    assert [r[0] for r in rows[1:26]] == [
        row.complaint.reference for row in page.context["queue"].rows
    ]
    assert {r[0] for r in rows[1:]} == {c.reference for c in made}
    first = dict(zip(exports.HEADINGS, rows[1], strict=True))
    assert first["Handler"] == "Hamza Ali"
    assert first["Service area"] == "Repairs"
    assert first["Status"] == made[0].get_state_display()
    assert first["Due on"] == made[0].next_due_on.isoformat()
    assert first["Next deadline"] in page.content.decode()


def test_cells_a_spreadsheet_could_take_as_formulas_are_made_plain_text():
    landlord = factories.landlord()
    dangers = ['=HYPERLINK("http://x.example")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
    made = {}
    for name in dangers:
        person = people.resident(landlord, name)
        made[people.logged(landlord, resident=person).reference] = name
    safe = people.logged(landlord, resident=people.resident(landlord, "Amina Okafor"))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    rows = _rows_of_csv(client.get("/staff/queue.csv?scope=all"))
    book = load_workbook(io.BytesIO(client.get("/staff/queue.xlsx?scope=all").content))
    sheet = book.active
    resident = exports.HEADINGS.index("Resident")
    by_reference = {r[0]: r[resident] for r in rows[1:]}
    in_sheet = {
        line[0].value: line[resident] for line in sheet.iter_rows(min_row=2) if line[0].value
    }

    for reference, name in made.items():
        assert by_reference[reference] == "'" + name
        # Text as typed, with the spreadsheet's text mark (XML reads a carriage return as a
        # line end).
        assert in_sheet[reference].value == name.replace("\r", "\n")
        assert in_sheet[reference].data_type == "s"
        assert in_sheet[reference].quotePrefix
    assert by_reference[safe.reference] == "Amina Okafor"
    assert [c.value for c in sheet[1]] == list(exports.HEADINGS)


def test_a_letter_to_send_is_among_the_flags_as_on_the_page():
    landlord = factories.landlord()
    c = people.stage1_open(landlord, handler=people.staff(landlord), acknowledge=True)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    page = client.get("/staff/?scope=all").content.decode()
    rows = _rows_of_csv(client.get("/staff/queue.csv?scope=all"))

    flags = rows[1][exports.HEADINGS.index("Flags")]
    assert rows[1][0] == c.reference
    assert flags == LetterOwed.ACKNOWLEDGEMENT.label
    assert flags in page


def test_the_xlsx_holds_dates_as_dates(today):
    landlord = factories.landlord()
    c = people.stage1_open(landlord, handler=people.staff(landlord))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/queue.xlsx?scope=all")
    sheet = load_workbook(io.BytesIO(response.content)).active
    due = sheet.cell(row=2, column=exports.HEADINGS.index("Due on") + 1)

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert due.value.date() == Complaint.objects.get(pk=c.pk).next_due_on
    assert due.number_format == "d mmmm yyyy"


def test_a_download_in_another_format_is_not_found():
    client = people.signed_in(people.staff(factories.landlord(), Role.OFFICER))

    assert client.get("/staff/queue.pdf").status_code == 404


# Workload --------------------------------------------------------------------------------


def working_days_ago(landlord, n: int, today: dt.date) -> dt.date:
    day, calendar = today, landlord.calendar()
    while n:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def test_the_workload_counts_each_persons_stages_as_a_hand_count_does(today):
    landlord = factories.landlord()
    ann = people.staff(landlord, Role.HANDLER, first="Ann", last="Able")
    ben = people.staff(landlord, Role.SENIOR_HANDLER, first="Ben", last="Best")
    idle = people.staff(landlord, Role.HANDLER, first="Ida", last="Idle")
    viewer = people.staff(landlord, Role.VIEWER, first="Vic", last="Viewer")
    integration = api_key_issue(landlord=landlord, name="CRM", can_write=True).api_key.user
    cases = {
        ann: [
            people.stage1_open(
                landlord, handler=ann, received_on=working_days_ago(landlord, 9, today)
            ),
            people.stage1_open(
                landlord, handler=ann, received_on=working_days_ago(landlord, 2, today)
            ),
            people.stage1_open(landlord, handler=ann, acknowledge=True),
            people.stage1_open(
                landlord, handler=ann, received_on=working_days_ago(landlord, 4, today)
            ),
        ],
        ben: [
            people.stage1_open(landlord, handler=ben, acknowledge=True),
            people.stage1_open(
                landlord, handler=ben, received_on=working_days_ago(landlord, 7, today)
            ),
        ],
    }
    people.logged(landlord)  # waiting for triage: nobody's yet
    client = people.signed_in(people.staff(landlord, Role.OFFICER, first="Olu", last="Officer"))

    response = client.get("/staff/workload/")
    team = {w.name: w for w in response.context["team"]}

    sunday = today + dt.timedelta(days=6 - today.weekday())
    for person, made in cases.items():
        stages = [Complaint.objects.get(pk=c.pk) for c in made]
        figures = team[person.get_full_name()]
        assert figures.open_stages == len(stages)
        assert figures.overdue == sum(1 for c in stages if c.next_due_on < today)
        assert figures.due_this_week == sum(1 for c in stages if today <= c.next_due_on <= sunday)
        assert figures.letters_owed == sum(1 for c in stages if c.current_stage.letter_owed)
    assert team["Ann Able"].overdue >= 1  # 9 working days without an acknowledgement
    assert team["Ben Best"].letters_owed == 1  # acknowledged, its letter not yet sent
    assert team["Ida Idle"].open_stages == 0
    assert idle.get_full_name() in team
    assert viewer.get_full_name() not in team  # reads only: no work to give
    assert integration.get_full_name() not in team
    assert integration.get_full_name() not in response.content.decode()
    assert response.context["totals"]["open_stages"] == 6
    html = response.content.decode()
    assert f"/staff/?scope=all&amp;handler={ann.pk}&amp;overdue=on" in html
    letters = client.get(f"/staff/?scope=all&handler={ben.pk}&letter=on")
    assert len(letters.context["queue"].rows) == team["Ben Best"].letters_owed


def test_the_workload_counts_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    landlord = factories.landlord()
    for _ in range(6):
        h = people.staff(landlord, Role.HANDLER)
        people.stage1_open(landlord, handler=h)
        people.stage1_open(landlord, handler=h, acknowledge=True)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    client.get("/staff/workload/")

    with django_assert_max_num_queries(12):
        client.get("/staff/workload/")


def test_the_workload_is_in_the_staff_navigation_but_not_for_a_contractors_handler():
    landlord = factories.landlord()
    handler = people.signed_in(people.staff(landlord, Role.HANDLER))
    contractor = people.signed_in(
        people.staff(
            landlord, Role.CONTRACTOR_HANDLER, contractor=people.contractor(landlord, "Kestrel")
        )
    )

    assert 'href="/staff/workload/"' in handler.get("/staff/").content.decode()
    assert 'href="/staff/workload/"' not in contractor.get("/staff/").content.decode()
    assert contractor.get("/staff/workload/").status_code == 403


def test_someone_who_left_still_holding_cases_is_listed():
    landlord = factories.landlord()
    gone = people.staff(landlord, Role.HANDLER, first="Gus", last="Gone")
    people.stage1_open(landlord, handler=gone)
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    team = {w.name: w for w in client.get("/staff/workload/").context["team"]}

    assert team["Gus Gone"].open_stages == 1


# Away --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 14), "away until 14 December"),
        (dt.date(2026, 12, 1), None, "away, return date not known"),
        (dt.date(2026, 12, 21), dt.date(2027, 1, 4), "away from 21 December until 4 January 2027"),
        (dt.date(2026, 12, 21), None, "away from 21 December"),
        (dt.date(2026, 11, 2), dt.date(2026, 11, 6), ""),
        (None, None, ""),
    ],
)
def test_what_allocation_lists_say_of_someone_away(start, end, words):
    membership = StaffMembership(away_from=start, away_until=end)

    assert away_words(membership, dt.date(2026, 12, 7)) == words


def _away_label(today: dt.date, until: dt.date) -> str:
    return f"(away until {until:%-d %B}{'' if until.year == today.year else f' {until:%Y}'})"


def test_an_officer_marks_someone_away_and_every_allocation_list_says_so(today):
    landlord = factories.landlord()
    sick = people.staff(landlord, Role.SENIOR_HANDLER, first="Ola", last="Sick")
    c = people.stage1_open(landlord, handler=people.staff(landlord, Role.HANDLER))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    until = today + dt.timedelta(days=7)

    response = client.post(
        f"/staff/people/{sick.pk}/away/",
        {**people.date_fields("away_from", today), **people.date_fields("away_until", until)},
    )
    label = _away_label(today, until)
    allocate = client.get(f"/staff/cases/{c.reference}/allocate/").content.decode()
    reassign = client.post("/staff/reassign/", {"reference": [c.reference]}).content.decode()
    workload = client.get("/staff/workload/").content.decode()

    assert response.status_code == 302
    assert f"Ola Sick (Senior handler (may take stage 2)) {label}" in allocate
    assert f"Ola Sick (Senior handler (may take stage 2)) {label}" in reassign
    assert "A" + label.strip("()")[1:] in workload  # "Away until ..."


def test_a_person_marks_themselves_away_and_back(today):
    landlord = factories.landlord()
    me = people.staff(landlord, Role.HANDLER)
    client = people.signed_in(me)

    queue = client.get("/staff/").content.decode()
    client.post(f"/staff/people/{me.pk}/away/", people.date_fields("away_from", today))
    away = StaffMembership.objects.get(user=me)
    client.post(f"/staff/people/{me.pk}/away/", {"back": "now"})
    back = StaffMembership.objects.get(user=me)

    assert f'href="/staff/people/{me.pk}/away/"' in queue
    assert (away.away_from, away.away_until) == (today, None)
    assert (back.away_from, back.away_until) == (None, None)


def test_only_an_officer_or_administrator_marks_someone_else_away(today):
    landlord = factories.landlord()
    colleague = people.staff(landlord, Role.HANDLER)
    handler = people.signed_in(people.staff(landlord, Role.HANDLER))

    response = handler.post(
        f"/staff/people/{colleague.pk}/away/", people.date_fields("away_from", today)
    )

    assert response.status_code == 403
    assert StaffMembership.objects.get(user=colleague).away_from is None


def test_the_last_day_away_cannot_be_before_the_first(today):
    landlord = factories.landlord()
    me = people.staff(landlord, Role.HANDLER)
    client = people.signed_in(me)

    response = client.post(
        f"/staff/people/{me.pk}/away/",
        {
            **people.date_fields("away_from", today),
            **people.date_fields("away_until", today - dt.timedelta(days=1)),
        },
    )

    assert response.status_code == 200
    assert "The last day away must be on or after the first day" in response.content.decode()
    assert StaffMembership.objects.get(user=me).away_from is None


def test_an_api_keys_own_user_is_never_offered_work():
    landlord = factories.landlord()
    integration = api_key_issue(landlord=landlord, name="Housing CRM", can_write=True)
    c = people.stage1_open(landlord, handler=people.staff(landlord, Role.HANDLER))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    allocate = client.get(f"/staff/cases/{c.reference}/allocate/")
    reassign = client.post("/staff/reassign/", {"reference": [c.reference]})

    user_id = integration.api_key.user_id
    assert user_id not in [v for v, _ in allocate.context["form"].fields["handler"].choices]
    assert user_id not in [v for v, _ in reassign.context["form"].fields["handler"].choices]
    assert "API: Housing CRM" not in allocate.content.decode()
