"""Recording a stage response (Code 6.9, 6.19): a decision per point and overall, reasons,
remedies with amounts and dates and outstanding actions with owners and dates, in
repeatable fieldsets added and removed by submitting the form (no JavaScript needed)."""

from __future__ import annotations

import datetime as dt
import html as htmllib
from decimal import Decimal

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Role, SubCause, today
from putright.landlords.services import sub_causes_seed
from putright.ombudsman.models import GuidanceBand
from putright.rules.remedies import Edition
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

BY = today() + dt.timedelta(days=28)


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def base(c: Complaint, **more: str) -> dict[str, str]:
    return {
        "version": str(Complaint.objects.get(pk=c.pk).version),
        "point_1": "upheld",
        "point_2": "not_upheld",
        "outcome": "partly_upheld",
        "reasons": "The repair was late; the calls were returned.",
        "remedies-TOTAL_FORMS": "0",
        "remedies-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        **people.date_fields("on", today()),
        **more,
    }


def remedy(i: int, **fields: str) -> dict[str, str]:
    values = {
        "kind": "financial",
        "description": "For the delay",
        "amount": "150.00",
        "compensation_reason": "time_trouble",
        **fields,
    }
    data = {f"remedies-{i}-{k}": v for k, v in values.items()}
    data.update({f"remedies-{i}-{k}": v for k, v in people.date_fields("due_on", BY).items()})
    return data


def action(i: int, **fields: str) -> dict[str, str]:
    values = {"description": "Replace the window", "owner": "Repairs team", **fields}
    data = {f"actions-{i}-{k}": v for k, v in values.items()}
    data.update({f"actions-{i}-{k}": v for k, v in people.date_fields("due_on", BY).items()})
    return data


@pytest.fixture
def case():
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    return c, people.signed_in(handler)


def url(c: Complaint) -> str:
    return f"/staff/cases/{c.reference}/respond/"


def test_the_form_asks_for_a_decision_on_each_point(case):
    c, client = case
    page = text(client.get(url(c)))

    assert "Point 1: The boiler repair was not done" in page
    assert "Point 2: Nobody called back" in page
    assert "Add a remedy" in page
    assert "£600 to £1,000" in page or "Add a remedy" in page


def test_add_a_remedy_and_an_action_keep_everything_typed_and_show_no_errors(today, case):
    c, client = case

    one = client.post(url(c), {**base(c, reasons="Typed reasons"), "add": "remedy"})
    two = client.post(
        url(c),
        {
            **base(c, reasons="Typed reasons", **{"remedies-TOTAL_FORMS": "1"}),
            **remedy(0),
            "add": "action",
        },
    )

    page = text(one)
    assert 'name="remedies-0-kind"' in page
    assert "Typed reasons" in page
    assert "There is a problem" not in page
    page = text(two)
    assert 'name="actions-0-description"' in page
    assert 'value="150.00"' in page
    assert "There is a problem" not in page


def test_remove_a_remedy_moves_the_later_ones_up(today, case):
    c, client = case
    data = {
        **base(c, **{"remedies-TOTAL_FORMS": "2"}),
        **remedy(0, description="First"),
        **remedy(1, description="Second", amount="75.00"),
        "remove": "remedies-0",
    }

    response = client.post(url(c), data)

    formset = response.context["remedies"]
    assert formset.total_form_count() == 1
    assert "Second" in text(response)
    assert 'value="75.00"' in text(response)
    assert "First</textarea>" not in text(response)


def test_errors_in_a_remedy_or_action_link_to_the_field_and_keep_the_input(today, case):
    c, client = case
    data = {
        **base(c, **{"remedies-TOTAL_FORMS": "1", "actions-TOTAL_FORMS": "1"}),
        **remedy(0, amount=""),
        **action(0, owner=""),
    }
    data["point_2"] = ""

    response = client.post(url(c), data)
    page = text(response)

    assert '<a href="#id_point_2">Choose the decision on point 2</a>' in page
    assert '<a href="#id_remedies-0-amount">Enter the amount of the financial remedy</a>' in page
    assert '<a href="#id_actions-0-owner">Enter who will do it</a>' in page
    assert "Replace the window</textarea>" in page
    assert Complaint.objects.get(pk=c.pk).state == "stage1"


def test_the_response_is_recorded_with_remedies_and_actions(today, case):
    c, client = case
    data = {
        **base(c, **{"remedies-TOTAL_FORMS": "2", "actions-TOTAL_FORMS": "2"}),
        **remedy(0),
        # A row added and left blank is ignored.
        **{
            f"remedies-1-{k}": ""
            for k in (
                "kind",
                "description",
                "amount",
                "compensation_reason",
                "due_on_day",
                "due_on_month",
                "due_on_year",
            )
        },
        **action(0),
        **{
            f"actions-1-{k}": ""
            for k in ("description", "owner", "due_on_day", "due_on_month", "due_on_year")
        },
        "root_cause": "service_failure",
        "root_cause_detail": "delay",
    }

    response = client.post(url(c), data, follow=True)

    # Recorded, not sent: the next page is the response letter to write and issue.
    assert response.redirect_chain[-1][0] == (
        f"/staff/cases/{c.reference}/letters/stage1_response/"
    )
    assert "The stage 1 decision is recorded. The response is sent when its letter is" in text(
        response
    )
    c = Complaint.objects.get(pk=c.pk)
    stage = c.stage(1)
    assert (c.state, stage.outcome, stage.letter_owed) == ("stage1", "partly_upheld", "response")
    assert [p.outcome for p in stage.points.all()] == ["upheld", "not_upheld"]
    remedy_row = stage.remedies.get()
    assert (remedy_row.amount_offered, remedy_row.due_on, remedy_row.compensation_reason) == (
        Decimal("150.00"),
        BY,
        "time_trouble",
    )
    action_row = stage.actions.get()
    assert (action_row.owner, action_row.due_on) == ("Repairs team", BY)
    assert c.root_cause == "service_failure"


# The remedies guidance beside each amount (Code 7.4, domain.md §6) ---------------------------


def flat(response) -> str:
    """The page's text with its runs of white space made single spaces."""
    return " ".join(text(response).split())


def test_an_amount_typed_shows_its_band_in_the_remedies_guidance_without_javascript(today, case):
    c, client = case
    GuidanceBand.objects.create(
        landlord=c.landlord,
        edition=Edition.LANDLORD_POLICY,
        position=1,
        impact="Standard",
        lower=0,
        upper=500,
    )

    page = flat(
        client.post(
            url(c),
            {
                **base(c, **{"remedies-TOTAL_FORMS": "1"}),
                **remedy(0, amount="250"),
                "add": "action",
            },
        )
    )

    assert "The Housing Ombudsman's remedies guidance" in page
    assert "£250.00 is in the band for <strong>some impact</strong> (£100 to £600)." in page
    assert "In our compensation policy it is <strong>standard</strong> (£0 to £500)." in page
    assert 'id="remedies-0-guidance-region" aria-live="polite"' in page
    assert '<details class="govuk-details" open>' in page


def test_without_an_amount_the_guidance_bands_are_there_folded_away(today, case):
    c, client = case

    page = text(client.post(url(c), {**base(c), "add": "remedy"}))

    assert "Enter an amount to see which band of the guidance it falls in." in page
    assert "Minor impact" in page  # the bands, in the folded details
    assert '<details class="govuk-details">' in page


def test_the_amount_asks_htmx_for_the_guidance_as_it_is_typed(today, case):
    c, client = case
    page = text(client.post(url(c), {**base(c), "add": "remedy"}))
    fragment = flat(
        client.get(
            "/staff/ombudsman/remedy-guidance/",
            {
                "field": "remedies-0-amount",
                "remedies-0-amount": "£1,200",
                "id": "remedies-0-guidance",
                "compact": "1",
            },
        )
    )

    assert (
        'hx-get="/staff/ombudsman/remedy-guidance/?field=remedies-0-amount&id=remedies-0-guidance&compact=1"'
        in page
    )
    assert 'hx-target="#remedies-0-guidance-region"' in page
    assert 'id="remedies-0-guidance"' in fragment
    assert '<h3 class="govuk-heading-s">' in fragment
    assert "£1,200.00 is in the band for <strong>severe long-term impact</strong>" in fragment


# Issue 13, item 5: the landlord's own sub-cause, chosen under the root cause -------------


@pytest.fixture
def coded_case(case):
    c, client = case
    sub_causes_seed(landlord=c.landlord)
    SubCause.objects.filter(landlord=c.landlord, code="service_other").update(active=False)
    return c, client


def test_the_sub_causes_are_offered_grouped_under_their_root_cause(coded_case):
    c, client = coded_case
    page = text(client.get(url(c)))
    assert 'data-options-follow="id_root_cause"' in page
    assert '<optgroup label="Service failure"><option value="delay">' in page
    assert '<option value="not_kept_informed">Not kept informed or updated</option>' in page
    assert "service_other" not in page  # retired: not offered for a new response


def test_a_response_records_its_sub_cause(coded_case):
    c, client = coded_case
    response = client.post(
        url(c), base(c, root_cause="service_failure", sub_cause="delay", save="1")
    )
    assert response.status_code == 302
    c = Complaint.objects.get(pk=c.pk)
    assert (c.root_cause, c.sub_cause.code) == ("service_failure", "delay")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"root_cause": "communication", "sub_cause": "delay"},
         "Choose a sub-cause under communication, or change the root cause"),
        ({"sub_cause": "delay"}, "Choose the root cause the sub-cause is under"),
        ({"root_cause": "service_failure", "sub_cause": "service_other"},
         "Choose a sub-cause from the list"),
    ],
)  # fmt: skip
def test_a_sub_cause_outside_its_root_cause_is_refused_keeping_what_was_typed(
    coded_case, fields, error
):
    c, client = coded_case
    response = client.post(url(c), base(c, save="1", **fields))
    page = text(response)
    assert response.status_code == 200
    assert 'class="govuk-error-summary' in page
    assert error in page
    assert "The repair was late; the calls were returned." in page
    assert Complaint.objects.get(pk=c.pk).sub_cause is None
