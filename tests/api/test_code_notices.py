"""``GET /ombudsman/exceptional-circumstances`` (Code 8.5 notices, in force and past) and
``GET /spotlight-reports`` (each recommendation with the landlord's assessment), for any
key of the landlord; another landlord's are never listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from putright.landlords.models import ExceptionalCircumstances, Role
from putright.selfassessment.services import (
    spotlight_action_add,
    spotlight_assess,
    spotlight_record,
)
from tests import factories
from tests.api.helpers import client, get, key

pytestmark = pytest.mark.django_db


def _notice(landlord, started_on, **fields):
    return ExceptionalCircumstances.objects.create(
        landlord=landlord,
        what_happened="A cyber attack.",
        started_on=started_on,
        back_to_compliance="By January.",
        ombudsman_emailed_to="casework@ombudsman.example",
        **fields,
    )


def test_a_read_key_lists_the_landlords_notices_in_force_and_past(today):
    landlord = factories.landlord()
    past = _notice(
        landlord,
        dt.date(2026, 6, 1),
        withdrawn_on=dt.date(2026, 7, 1),
        withdrawn_note="Systems restored.",
        ombudsman_email_failed_at=timezone.now(),
        ombudsman_email_failure="SMTPRecipientsRefused: no such user",
        letters=[
            {"reference": "CMP-1", "letter": 7, "problem": ""},
            {"reference": "CMP-2", "letter": None, "problem": "No address"},
        ],
    )
    current = _notice(landlord, dt.date(2026, 12, 1), ombudsman_email_sent_at=timezone.now())
    _notice(factories.landlord(), dt.date(2026, 12, 2))
    c = client(key(landlord, write=False))

    items = get(c, "/ombudsman/exceptional-circumstances").json()["items"]

    assert [i["id"] for i in items] == [current.pk, past.pk]
    assert items[0]["in_force"] is True
    assert items[0]["ombudsman_email"] == "sent"
    assert items[1] | {"recorded_at": None} == {
        "id": past.pk,
        "what_happened": "A cyber attack.",
        "started_on": "2026-06-01",
        "back_to_compliance": "By January.",
        "in_force": False,
        "withdrawn_on": "2026-07-01",
        "withdrawn_note": "Systems restored.",
        "recorded_at": None,
        "ombudsman_emailed_to": "casework@ombudsman.example",
        "ombudsman_email": "failed",
        "ombudsman_email_sent_at": None,
        "ombudsman_email_failed_at": items[1]["ombudsman_email_failed_at"],
        "ombudsman_email_failure": "SMTPRecipientsRefused: no such user",
        "residents_written_to": 1,
        "residents_not_written_to": ["CMP-2"],
    }
    assert items[1]["ombudsman_email_failed_at"] is not None
    in_force = get(c, "/ombudsman/exceptional-circumstances", in_force="true").json()["items"]
    assert [i["id"] for i in in_force] == [current.pk]
    withdrawn = get(c, "/ombudsman/exceptional-circumstances", in_force="false").json()["items"]
    assert [i["id"] for i in withdrawn] == [past.pk]


def test_a_read_key_lists_spotlight_reports_with_each_recommendations_assessment(today):
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    report = spotlight_record(
        landlord=landlord,
        title="Spotlight on damp and mould",
        published_on=dt.date(2024, 1, 15),
        recommendations="",
        recommendations_csv=(
            b"reference,recommendation\nR1,Take a zero-tolerance approach.\nR2,Keep records.\n"
        ),
        by=officer,
    )
    first = report.recommendations.get(number=1)
    spotlight_assess(
        recommendation=first,
        status="not_met",
        evidence="",
        commentary="No policy yet.",
        by=officer,
    )
    action = spotlight_action_add(
        recommendation=first,
        improvement="Adopt a damp policy",
        owner="Head of repairs",
        due_on=dt.date(2027, 3, 31),
        by=officer,
    )
    spotlight_record(
        landlord=factories.landlord(),
        title="Not ours",
        published_on=dt.date(2024, 1, 15),
        recommendations="One",
        by=None,
    )
    c = client(key(landlord, write=False))

    items = get(c, "/spotlight-reports").json()["items"]

    assert items == [
        {
            "id": report.pk,
            "title": "Spotlight on damp and mould",
            "published_on": "2024-01-15",
            "recommendations": [
                {
                    "number": 1,
                    "reference": "R1",
                    "text": "Take a zero-tolerance approach.",
                    "status": "not_met",
                    "evidence": "",
                    "commentary": "No policy yet.",
                    "assessed_on": today.isoformat(),
                    "action_ids": [action.pk],
                },
                {
                    "number": 2,
                    "reference": "R2",
                    "text": "Keep records.",
                    "status": "",
                    "evidence": "",
                    "commentary": "",
                    "assessed_on": None,
                    "action_ids": [],
                },
            ],
        }
    ]


def test_the_spotlight_list_does_not_ask_once_per_report(today, django_assert_max_num_queries):
    landlord = factories.landlord()
    for n in range(3):
        spotlight_record(
            landlord=landlord,
            title=f"Report {n}",
            published_on=dt.date(2024, 1, 15),
            recommendations="One\nTwo",
            by=None,
        )
    c = client(key(landlord, write=False))
    # The key, its use, the reports, their recommendations and their actions.
    with django_assert_max_num_queries(8):
        assert len(get(c, "/spotlight-reports").json()["items"]) == 3
