"""Suggestions while a contact is logged (issue 5, item 7): the service area, theme and root
cause suggested from the landlord's own past complaints with their measured accuracy, and
the hazard flag, beside the description; updated in place by htmx, or by the "Suggest"
button without JavaScript, keeping everything typed. A suggestion fills only an empty
field, the handler can change it, and it never stops the form being sent."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role, ServiceArea, Theme
from putright.learning.suggestions import train
from tests import factories
from tests.learning.test_suggestions import generated_complaints
from tests.staff import people

pytestmark = pytest.mark.django_db

MOULD = "There is black mould on the bedroom walls and my baby has asthma."


def trained_landlord() -> Landlord:
    landlord = factories.landlord()
    generated_complaints(landlord, 200)
    Landlord.objects.filter(pk=landlord.pk).update(next_reference_number=100_000)
    train(landlord)
    return landlord


def typed(**changes: str) -> dict[str, str]:
    """What a handler has typed into the log form so far."""
    return {
        "kind": "complaint",
        "channel": "phone",
        "received_on_day": "",
        "received_on_month": "",
        "received_on_year": "",
        "description": MOULD,
        "outcome_wanted": "Treat the mould",
        "resident_name": "Amina Okafor",
        "resident_email": "",
        "resident_phone": "07700 900123",
        "vulnerable": "yes",
        "service_area": "",
        "theme": "",
        "contractor": "",
        "jurisdiction": "housing",
        "suggested_service_area": "",
        "suggested_theme": "",
        **changes,
    }


def pk_of(landlord: Landlord, model, name: str) -> str:
    return str(model.objects.get(landlord=landlord, name=name).pk)


def test_the_log_form_has_a_suggestions_region_that_htmx_updates_as_the_description_changes():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    html = client.get("/staff/log/").content.decode()

    assert 'id="suggestions" aria-live="polite"' in html
    assert "No suggestions yet: the model has not been trained." not in html
    assert "Write the description to see suggestions." in html
    assert 'hx-post="/staff/log/"' in html
    assert 'hx-trigger="input changed delay:700ms, change"' in html
    assert 'hx-target="#suggestions"' in html
    assert '<button type="submit" name="suggest" value="1"' in html
    assert "build/htmx.min.js" in html


def test_suggest_without_javascript_keeps_everything_typed_and_fills_the_empty_fields():
    landlord = trained_landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post("/staff/log/", typed(suggest="1"))
    html = response.content.decode()
    form = response.context["form"]

    assert response.status_code == 200
    assert not Complaint.objects.filter(description=MOULD).exists()  # nothing was sent
    assert "govuk-error-summary" not in html and not html.startswith("Error")
    assert form["description"].value() == MOULD
    assert form["resident_phone"].value() == "07700 900123"
    assert form["service_area"].value() == pk_of(landlord, ServiceArea, "Repairs")
    assert form["theme"].value() == pk_of(landlord, Theme, "Damp and mould")
    assert "Suggested from past complaints: check it is right" in html
    assert "The service area and theme below were filled in from them" in html
    assert "of the time on past complaints" in html  # the measured accuracy
    assert "Possible hazard (Damp and mould, Vulnerable household)" in html


def test_a_field_the_handler_chose_is_never_changed_by_a_suggestion():
    landlord = trained_landlord()
    leasehold = pk_of(landlord, ServiceArea, "Leasehold")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    form = client.post("/staff/log/", typed(suggest="1", service_area=leasehold)).context["form"]

    assert form["service_area"].value() == leasehold
    assert form["theme"].value() == pk_of(landlord, Theme, "Damp and mould")


def test_a_field_still_holding_an_earlier_suggestion_takes_a_better_one():
    landlord = trained_landlord()
    tenancy = pk_of(landlord, ServiceArea, "Tenancy")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    form = client.post(
        "/staff/log/",
        typed(suggest="1", service_area=tenancy, suggested_service_area=tenancy),
    ).context["form"]

    assert form["service_area"].value() == pk_of(landlord, ServiceArea, "Repairs")


def test_htmx_gets_only_the_suggestions_and_the_fields_they_filled():
    landlord = trained_landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post(
        "/staff/log/",
        typed(suggest="as-typed", theme=pk_of(landlord, Theme, "Repairs delay")),
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html
    assert "Suggested from past complaints" in html
    assert '<div id="log-field-service_area" hx-swap-oob="true">' in html
    assert 'name="suggested_service_area" value="' in html
    assert "log-field-theme" not in html  # the handler chose the theme


def test_logging_goes_ahead_with_what_the_handler_left_in_the_fields():
    landlord = trained_landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    repairs = pk_of(landlord, ServiceArea, "Repairs")

    response = client.post(
        "/staff/log/",
        typed(
            service_area=repairs,
            suggested_service_area=repairs,
            received_on_day="1",
            received_on_month="4",
            received_on_year="2024",
        ),
    )

    assert response.status_code == 302
    logged = Complaint.objects.get(description=MOULD)
    assert str(logged.service_area_id) == repairs
    assert logged.theme_id is None


def test_without_a_model_the_form_says_so_and_logs_as_ever():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    suggested = client.post("/staff/log/", typed(suggest="1")).content.decode()
    sent = client.post(
        "/staff/log/",
        typed(received_on_day="1", received_on_month="4", received_on_year="2024"),
    )

    assert "No suggestions yet: the model has not been trained." in suggested
    assert "Possible hazard" in suggested  # the hazard flag needs no model
    assert sent.status_code == 302
