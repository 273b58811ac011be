"""A group's work queue at /staff/groups/<slug>/queue/ (issue 15, item 4): every open record
of the group's landlords, each row naming its landlord, with the landlord queue's filters;
read by the group's people (who need no landlord role) and those who read every landlord's
reports; a case opened from it only as the person's own role at that landlord."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from putright.landlords.models import ClosureDay, GroupMembership, Role, StaffMembership
from putright.landlords.services import group_add
from putright.rules.timescales import working_days_left
from putright.web.access import SESSION_LANDLORD
from putright.web.models import CaseRead
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    first = factories.landlord("I4B Holdings", reference_prefix="IB")
    second = factories.landlord("First Wave Housing", reference_prefix="FW")
    return group_add(name="Brent group", landlords=[first, second], by=None)


@pytest.fixture
def i4b(group):
    return group.landlords.get(name="I4B Holdings")


@pytest.fixture
def first_wave(group):
    return group.landlords.get(name="First Wave Housing")


@pytest.fixture
def records(i4b, first_wave):
    """Open work at each landlord of the group, a closed case, and another landlord's."""
    outsider = factories.landlord("Elsewhere Homes", reference_prefix="EH")
    return {
        "i4b_new": people.logged(i4b),
        "i4b_open": people.stage1_open(
            i4b, handler=people.staff(i4b, Role.HANDLER), service_area=people.area(i4b)
        ),
        "i4b_closed": factories.stage1_responded(i4b),
        "first_wave_open": people.stage1_open(
            first_wave,
            handler=people.staff(first_wave, Role.HANDLER),
            service_area=people.area(first_wave),
        ),
        "outsider": people.logged(outsider),
    }


def _url(group) -> str:
    return reverse("staff:group_queue", args=[group.slug])


def _group_person(group, role: str = "officer"):
    user = factories.user()
    GroupMembership.objects.create(user=user, group=group, role=role)
    return user


def _refs(response) -> list[str]:
    return [row.complaint.reference for row in response.context["queue"].rows]


def test_a_group_officer_with_no_landlord_role_sees_every_landlords_open_work(group, records):
    client = people.signed_in(_group_person(group))
    response = client.get(_url(group))
    assert response.status_code == 200
    assert sorted(_refs(response)) == sorted(
        [records[k].reference for k in ("i4b_new", "i4b_open", "first_wave_open")]
    )
    page = response.content.decode()
    assert "Group work queue" in page
    # Each row names its landlord, in its own column.
    row = page[page.index(records["first_wave_open"].reference) :].split("</tr>")[0]
    assert '<td class="govuk-table__cell">First Wave Housing</td>' in row
    # The navigation offers the group queue, and nothing of a landlord's workspace.
    nav = page[page.index('aria-label="Staff menu"') : page.index("</nav>")]
    assert "Group queue" in nav
    assert "Work queue" not in nav


def test_the_landlord_filter_counts_and_keeps_one_landlords_records(group, records, first_wave):
    client = people.signed_in(_group_person(group))
    everything = client.get(_url(group))
    counts = {o.label: o.count for o in everything.context["queue"].facets["landlord"]}
    assert counts == {"I4B Holdings": 2, "First Wave Housing": 1}
    one = client.get(_url(group), {"landlord": first_wave.pk})
    assert _refs(one) == [records["first_wave_open"].reference]
    # Service areas of the same name at two landlords are told apart by their landlord.
    areas = {o.label for o in everything.context["queue"].facets["service_area"]}
    assert areas == {"Repairs (I4B Holdings)", "Repairs (First Wave Housing)"}


def test_a_search_looks_through_every_landlord_of_the_group(group, records):
    client = people.signed_in(_group_person(group, "viewer"))
    reference = records["first_wave_open"].reference
    assert _refs(client.get(_url(group), {"q": reference})) == [reference]
    # Another landlord's reference is not found through the group.
    assert _refs(client.get(_url(group), {"q": records["outsider"].reference})) == []


def test_each_rows_days_left_are_counted_by_its_own_landlords_closure_days(
    group, records, first_wave, today
):
    # A closure day at First Wave, before its record's deadline, counts there only.
    complaint = records["first_wave_open"]
    due = complaint.next_due_on
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5 or day >= due:
        day += dt.timedelta(days=1)
    assert day < due, "the fixture's deadline must be after a working day from today"
    ClosureDay.objects.create(landlord=first_wave, date=day, description="Office move")
    client = people.signed_in(_group_person(group))
    rows = {r.complaint.reference: r for r in client.get(_url(group)).context["queue"].rows}
    row = rows[complaint.reference]
    assert row.days_left == working_days_left(first_wave.calendar(), row.deadline.due_on, today)
    assert row.days_left == (
        working_days_left(records["i4b_open"].landlord.calendar(), row.deadline.due_on, today) - 1
    )


def test_the_rows_are_read_in_the_same_few_queries_however_many_rows_and_landlords(
    group, records, i4b, first_wave, django_assert_max_num_queries
):
    client = people.signed_in(_group_person(group))
    client.get(_url(group))  # the session noted as seen: once a minute, not per page
    # The session, the person and their second factor; the group and who may read it; the
    # landlords, their staff, filters and closure days; the counts by state; one query for
    # every row's columns and one for the page's records, with their stages and the
    # Ombudsman's deadlines on them; the landlords the person may open cases of.
    with django_assert_max_num_queries(25) as small:
        client.get(_url(group))
    third = factories.landlord("Third Homes", reference_prefix="TH")
    third.group = group
    third.save()
    for landlord in (i4b, first_wave, third):
        handler = people.staff(landlord, Role.HANDLER)
        for _ in range(12):
            people.stage1_open(landlord, handler=handler, service_area=people.area(landlord))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url(group))
    assert response.context["queue"].total == 3 + 36
    assert len(response.context["queue"].rows) == 25


def test_a_group_viewer_without_a_landlord_role_cannot_open_or_act_on_a_case(group, records):
    user = _group_person(group, "viewer")
    client = people.signed_in(user)
    page = client.get(_url(group)).content.decode()
    assert "not open its cases" in page
    assert reverse("staff:group_case", args=[group.slug, "i4b-holdings", "IB-000001"]) not in page
    complaint = records["i4b_open"]
    refused = client.post(
        reverse("staff:group_case", args=[group.slug, complaint.landlord.slug, complaint.reference])
    )
    assert refused.status_code == 403
    assert "you do not work for I4B Holdings in Putright" in refused.content.decode()
    # Nor through the workspace itself, which is for a landlord's staff.
    assert client.get(reverse("staff:case", args=[complaint.reference])).status_code == 403
    assert client.post(reverse("staff:reassign")).status_code == 403
    assert not CaseRead.objects.filter(user=user).exists()


def test_someone_at_one_landlord_opens_its_cases_as_their_role_there_and_the_read_is_logged(
    group, records, i4b, first_wave
):
    user = people.staff(first_wave, Role.OFFICER)
    StaffMembership.objects.create(user=user, landlord=i4b, role=Role.VIEWER)
    GroupMembership.objects.create(user=user, group=group, role="viewer")
    client = people.signed_in(user)
    complaint = records["i4b_open"]
    opening = reverse("staff:group_case", args=[group.slug, i4b.slug, complaint.reference])
    assert opening in client.get(_url(group)).content.decode()

    response = client.post(opening)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:case", args=[complaint.reference])
    assert client.session[SESSION_LANDLORD] == i4b.pk
    case = client.get(response["Location"])
    assert case.status_code == 200
    assert case.context["membership"].role == Role.VIEWER
    assert CaseRead.objects.get(user=user).complaint == complaint
    # As a viewer at I4B they read it and change nothing.
    assert client.post(reverse("staff:reassign")).status_code == 403


def test_only_the_people_who_work_for_a_landlord_get_a_way_into_its_cases(
    group, records, i4b, first_wave
):
    user = people.staff(i4b, Role.HANDLER)
    GroupMembership.objects.create(user=user, group=group, role="officer")
    client = people.signed_in(user)
    page = client.get(_url(group)).content.decode()
    own = records["i4b_open"]
    other = records["first_wave_open"]
    assert reverse("staff:group_case", args=[group.slug, i4b.slug, own.reference]) in page
    other_case = reverse("staff:group_case", args=[group.slug, first_wave.slug, other.reference])
    assert other_case not in page
    assert client.post(other_case).status_code == 403
    assert client.session.get(SESSION_LANDLORD) is None


def test_a_landlord_outside_the_group_is_not_found_through_it(group, records):
    client = people.signed_in(_group_person(group))
    outsider = records["outsider"]
    url = reverse("staff:group_case", args=[group.slug, outsider.landlord.slug, outsider.reference])
    assert client.post(url).status_code == 404


def test_who_reads_the_group_queue(client, group, records, i4b, first_wave):
    # Someone at one landlord only, not of the group's people, is refused.
    one = people.staff(i4b, Role.ADMINISTRATOR)
    refused = people.signed_in(one).get(_url(group))
    assert refused.status_code == 403
    assert "Only the group&#x27;s officers and viewers" in refused.content.decode()
    assert "Group queue" not in people.signed_in(one).get(reverse("staff:queue")).content.decode()
    # Someone who reads the reports of every landlord of the group reads it.
    both = people.staff(i4b, Role.VIEWER)
    StaffMembership.objects.create(user=both, landlord=first_wave, role=Role.OFFICER)
    assert people.signed_in(both).get(_url(group)).status_code == 200
    # Signed out: to the sign-in page; a group that does not exist: not found.
    assert client.get(_url(group)).status_code == 302
    member = people.signed_in(_group_person(group))
    missing = reverse("staff:group_queue", args=["no-such-group"])
    assert member.get(missing).status_code == 404


def test_a_group_officer_in_a_landlords_workspace_finds_the_group_queue_in_the_menu(
    group, records, i4b
):
    user = people.staff(i4b, Role.HANDLER)
    GroupMembership.objects.create(user=user, group=group, role="officer")
    page = people.signed_in(user).get(reverse("staff:queue")).content.decode()
    nav = page[page.index('aria-label="Staff menu"') : page.index("</nav>")]
    assert f'href="{_url(group)}"' in nav


def test_a_group_officer_with_no_landlord_role_reads_the_group_report(group, records):
    client = people.signed_in(_group_person(group))
    page = client.get(reverse("reports:group", args=[group.slug, 2023]))
    assert page.status_code == 200
    assert "Group report: Brent group" in page.content.decode()
    assert _url(group) in page.content.decode()
