"""Group keys (issue 15, item 5): a key for a group of landlords reads the group's reports,
its figures added up from its landlords' with each landlord's beside them, and nothing
else; it never writes."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.api.keys import ApiKeyError, api_key_issue
from putright.landlords.models import HomesCount
from putright.landlords.services import group_add
from putright.reports.group import group_annual_json, group_tsm_return
from tests import factories
from tests.api.helpers import client, get, new_complaint, post

pytestmark = pytest.mark.django_db


def _group():
    first, second = factories.landlord("I4B Holdings"), factories.landlord("First Wave")
    outside = factories.landlord("Outside Homes", reference_prefix="OU")
    HomesCount.objects.create(landlord=first, year=2023, lcra=1000)
    HomesCount.objects.create(landlord=second, year=2023, lcra=3000)
    factories.stage1_responded(first)  # received 29 March 2024, in 2023/24
    factories.stage1_responded(second)
    factories.stage1_responded(outside)
    group = group_add(name="Brent group", landlords=[first, second], by=None)
    secret = api_key_issue(landlord=first, name="Group board", can_write=False, group=group).secret
    return group, client(secret)


def test_a_group_key_reads_the_groups_annual_figures_and_each_landlords():
    group, c = _group()
    response = get(c, "/reports/annual", year=2023)
    assert response.status_code == 200
    body = response.json()
    assert body["group"] == "Brent group"
    assert body["landlords"] == ["First Wave", "I4B Holdings"]
    assert body["stage1"]["received"] == 2  # not Outside Homes' complaint
    assert body["homes"]["total"] == 4000
    assert [f["landlord"] for f in body["by_landlord"]] == ["First Wave", "I4B Holdings"]
    assert body == json.loads(json.dumps(group_annual_json(group, 2023)))


def test_a_group_key_reads_the_groups_tsm_return(tmp_path):
    group, c = _group()
    body = get(c, "/reports/tsm", year=2023).json()
    assert body["CH01"]["stage1_received"] == 2
    assert body["CH01"]["stage1_per_1000_homes"] == 0.5
    assert body == json.loads(json.dumps(group_tsm_return(group, 2023)))
    out = tmp_path / "tsm.json"
    call_command("report", "tsm", "--group", "Brent group", "--year", "2023", "--out", str(out))
    assert out.read_bytes() == get(c, "/reports/tsm", year=2023).content


def test_a_group_key_is_refused_every_write_and_every_other_read():
    _, c = _group()
    refused = post(c, "/complaints", new_complaint())
    assert refused.status_code == 403
    assert refused.json()["code"] == "group_key"
    assert "cannot change records" in refused.json()["message"]
    for path in ("/complaints", "/handlers", "/reports/2023/breakdown"):
        response = get(c, path)
        assert response.status_code == 403, path
        assert response.json()["code"] == "group_key"


def test_a_group_key_cannot_write_nor_be_for_a_landlord_outside_the_group():
    first, outside = factories.landlord("In"), factories.landlord("Out")
    group = group_add(name="G", landlords=[first], by=None)
    with pytest.raises(ApiKeyError, match="cannot write"):
        api_key_issue(landlord=first, name="x", can_write=True, group=group)
    with pytest.raises(ApiKeyError, match="Out is not a landlord of the group G"):
        api_key_issue(landlord=outside, name="x", can_write=False, group=group)


def test_the_api_key_command_issues_a_group_key(capsys):
    first = factories.landlord("I4B Holdings")
    group_add(name="Brent group", landlords=[first], by=None)
    call_command("api_key", "add", "--group", "brent group", "--name", "Board dashboard")
    captured = capsys.readouterr()
    assert "for the group Brent group (its reports only)" in captured.err
    secret = captured.out.strip()
    assert get(client(secret), "/reports/annual", year=2023).json()["group"] == "Brent group"
    with pytest.raises(CommandError, match="There is no group called 'Nobody'"):
        call_command("api_key", "add", "--group", "Nobody", "--name", "x")
