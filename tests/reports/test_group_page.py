"""The staff page "Group report" (issue 15, item 4): the group's figures beside each of its
landlords' own, for the group's people and those who read every landlord's reports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from putright.landlords.models import GroupMembership, HomesCount, Role, StaffMembership
from putright.landlords.services import group_add
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = 2023  # factories.stage1_responded: received 29 March 2024, answered in 2023/24


@pytest.fixture
def group():
    first, second = factories.landlord("I4B Holdings"), factories.landlord("First Wave")
    HomesCount.objects.create(landlord=first, year=YEAR, lcra=1000)
    HomesCount.objects.create(landlord=second, year=YEAR, lcra=3000)
    factories.stage1_responded(first)
    factories.stage1_responded(second)
    factories.stage1_responded(second)
    return group_add(name="Brent group", landlords=[first, second], by=None)


def _url(group):
    return reverse("reports:group", args=[group.slug, YEAR])


def test_a_group_officer_sees_the_group_beside_each_landlord(client, group):
    first = group.landlords.get(name="I4B Holdings")
    user = factories.user(landlord=first, role=Role.HANDLER)
    GroupMembership.objects.create(user=user, group=group, role="officer")
    client.force_login(user)
    page = client.get(_url(group)).content.decode()
    assert "Group report: Brent group" in page
    table = page[page.index('id="group-figures"') :]
    # Headings: the group, then each landlord by name.
    assert table.index("The group") < table.index("First Wave") < table.index("I4B Holdings")
    homes = table[table.index("Homes at the end of the year") :].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in homes.split('numeric">')[1:]] == [
        "4,000",
        "3,000",
        "1,000",
    ]
    received = table[table.index("Stage 1 complaints received") :].split("</tr>")[0]
    assert [c.split("<")[0] for c in received.split('numeric">')[1:]] == ["3", "2", "1"]
    # 3 received over 4,000 homes, not the average of 0.67 and 1.0.
    rate = table[table.index("Stage 1 per 1,000 homes") :].split("</tr>")[0]
    assert [c.split("<")[0] for c in rate.split('numeric">')[1:]] == ["0.75", "0.67", "1.0"]
    # No stage 1 response in the year: nothing to divide by, so no percentage.
    on_time = table[table.index("Stage 1 on time, with agreed") :].split("</tr>")[0]
    assert on_time.count("not applicable") == 3
    assert "Stage 1 complaints received and upheld, by service area" in page


def test_someone_who_reads_every_landlords_reports_sees_the_group(client, group):
    first, second = group.landlords.order_by("name")
    user = factories.user(landlord=first, role=Role.VIEWER)
    StaffMembership.objects.create(user=user, landlord=second, role=Role.OFFICER)
    client.force_login(user)
    assert client.get(_url(group)).status_code == 200


def test_someone_at_one_landlord_of_the_group_only_is_refused(client, group):
    first = group.landlords.get(name="I4B Holdings")
    client.force_login(factories.user(landlord=first, role=Role.ADMINISTRATOR))
    response = client.get(_url(group))
    assert response.status_code == 403
    assert "Only the group&#x27;s officers and viewers" in response.content.decode()
    assert "Group report" not in client.get(reverse("reports:index")).content.decode()


def test_a_handler_at_every_landlord_does_not_read_the_group(client, group):
    first, second = group.landlords.order_by("name")
    user = factories.user(landlord=first, role=Role.HANDLER)
    StaffMembership.objects.create(user=user, landlord=second, role=Role.HANDLER)
    client.force_login(user)
    assert client.get(_url(group)).status_code == 403


def test_a_group_that_does_not_exist_is_not_found(client, group):
    client.force_login(factories.user(landlord=factories.landlord(), role=Role.OFFICER))
    assert client.get(reverse("reports:group", args=["no-such-group", YEAR])).status_code == 404


def test_the_reports_list_links_to_the_group_report_and_settings_name_the_group(client, group):
    first = group.landlords.get(name="I4B Holdings")
    user = factories.user(landlord=first, role=Role.ADMINISTRATOR)
    GroupMembership.objects.create(user=user, group=group, role="viewer")
    client.force_login(user)
    index = client.get(reverse("reports:index")).content.decode()
    assert "Group report: Brent group" in index
    assert _url(group) in index
    settings_page = client.get(reverse("staff:settings")).content.decode()
    assert "is reported with the group <strong>Brent group</strong>, with First Wave." in (
        settings_page
    )
