"""The page that records how an accessible format or language the resident needs was met
without a letter, such as a BSL interpreter at a meeting (issue 17, Code 5.10): offered on
the case page only where the resident has such a need; errors keep what was typed."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role
from putright.residents.models import ReasonableAdjustment
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def handler(landlord):
    return people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")


def _case(landlord, handler, today, needs=(("bsl", ""), ("language", "Polish"))):
    person = people.resident(landlord)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True, resident=person)
    for kind, details in needs:
        ReasonableAdjustment.objects.create(
            resident=person, kind=kind, details=details, agreed_on=today, review_due_on=today
        )
    return c


def _post(client, complaint, data, **kw):
    version = Complaint.objects.get(pk=complaint.pk).version
    return client.post(
        f"/staff/cases/{complaint.reference}/format-met/", {"version": version, **data}, **kw
    )


def _offers(client, complaint) -> list[str]:
    response = client.get(f"/staff/cases/{complaint.reference}/")
    return [offer.label for offer in response.context["offers"]]


def test_the_case_page_offers_it_only_where_the_resident_has_a_format_need(
    today, landlord, handler
):
    client = people.signed_in(handler)
    with_needs = _case(landlord, handler, today)
    without = _case(landlord, handler, today, needs=(("other", "Calls after 2pm"),))

    assert "Record how a need was met" in _offers(client, with_needs)
    assert "Record how a need was met" not in _offers(client, without)
    refused = client.get(f"/staff/cases/{without.reference}/format-met/")
    assert refused.status_code == 409
    assert "no accessible format or language recorded as a need" in text(refused)


def test_the_form_asks_which_of_the_residents_needs_was_met(today, landlord, handler):
    c = _case(landlord, handler, today)

    response = people.signed_in(handler).get(f"/staff/cases/{c.reference}/format-met/")

    page = text(response)
    assert '<h1 class="govuk-heading-l">Record how a need was met</h1>' in page
    choices = response.context["form"].fields["kind"].choices
    assert choices == [
        ("language", "A language other than English: Polish"),
        ("bsl", "British Sign Language"),
    ]


def test_a_bsl_interpreter_at_a_meeting_is_recorded_on_the_timeline(today, landlord, handler):
    c = _case(landlord, handler, today)
    client = people.signed_in(handler)
    met_on = today - dt.timedelta(days=4)

    response = _post(
        client,
        c,
        {
            "kind": "bsl",
            "what": "the meeting on 3 December",
            "how": "A BSL interpreter from SignLive joined the meeting.",
            **people.date_fields("on", met_on),
        },
        follow=True,
    )

    event = Event.objects.get(complaint=c, kind=EventKind.FORMAT_MET)
    assert event.detail == {
        "format": "bsl",
        "details": "",
        "how": "A BSL interpreter from SignLive joined the meeting.",
        "for": "the meeting on 3 December",
    }
    assert event.occurred_on == met_on
    assert event.actor == handler
    page = text(response)
    assert "How the need was met is recorded on the timeline." in page
    assert "provided for the meeting on 3 December" in page


def test_errors_say_what_and_where_and_keep_what_was_typed(today, landlord, handler):
    c = _case(landlord, handler, today)
    client = people.signed_in(handler)

    response = _post(
        client,
        c,
        {
            "what": "the call on 4 December",
            "how": "",
            **people.date_fields("on", today + dt.timedelta(days=1)),
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["kind"] == ["Choose which need was met"]
    assert form.errors["how"] == ["Enter how the need was met"]
    page = text(response)
    assert 'href="#id_kind">Choose which need was met</a>' in page
    assert 'value="the call on 4 December"' in page
    assert not Event.objects.filter(complaint=c, kind=EventKind.FORMAT_MET).exists()


def test_a_date_in_the_future_is_refused_on_the_date(today, landlord, handler):
    c = _case(landlord, handler, today)
    client = people.signed_in(handler)

    response = _post(
        client,
        c,
        {
            "kind": "language",
            "what": "the call on 4 December",
            "how": "A Polish interpreter from LanguageLine on the call.",
            **people.date_fields("on", today + dt.timedelta(days=1)),
        },
    )

    assert response.status_code == 200
    assert "on" in response.context["form"].errors
    assert "A Polish interpreter from LanguageLine on the call." in text(response)
    assert not Event.objects.filter(complaint=c, kind=EventKind.FORMAT_MET).exists()


def test_a_viewer_cannot_record_it(today, landlord, handler):
    c = _case(landlord, handler, today)
    viewer = people.staff(landlord, Role.VIEWER, first="Vic", last="Ward")

    response = people.signed_in(viewer).get(f"/staff/cases/{c.reference}/format-met/")

    assert response.status_code == 403
