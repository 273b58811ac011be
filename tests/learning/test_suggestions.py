"""Suggestions as a complaint is logged, on generated complaints: they fire when the
landlord's past complaints teach something, stay quiet when they cannot, and never raise."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.complaints.models import Complaint
from putright.landlords.models import ServiceArea, Theme
from putright.learning.models import SuggestionModel
from putright.learning.suggestions import (
    MIN_EXAMPLES,
    PRESELECT_CONFIDENCE,
    Suggestion,
    Suggestions,
    preselections,
    scrub,
    suggest,
    train,
)
from putright.rules.hazards import hazard_flag
from tests import factories

pytestmark = pytest.mark.django_db

PHRASES = {
    ("Repairs", "Damp and mould", "service_failure"): [
        "black mould on the {room} walls",
        "damp patches and mould in the {room}",
        "condensation and mould keep coming back in the {room}",
    ],
    ("Repairs", "Repairs delay", "service_failure"): [
        "the {fixture} repair has been outstanding for weeks",
        "engineer missed the appointment for the {fixture}",
        "still waiting for the {fixture} to be fixed",
    ],
    ("Tenancy", "Staff conduct", "communication"): [
        "the housing officer was rude to me",
        "the officer shouted at me on the phone",
        "staff member was dismissive and unhelpful",
    ],
    ("Leasehold", "Service charges", "policy_procedure"): [
        "my service charge went up with no breakdown",
        "I was charged for cleaning that never happened",
        "no invoices for the service charge",
    ],
}
ROOMS = ("bedroom", "bathroom", "kitchen", "hall")
FIXTURES = ("boiler", "tap", "window", "door", "toilet")


def generated_complaints(landlord, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    areas = {
        n: ServiceArea.objects.create(landlord=landlord, name=n) for n in {k[0] for k in PHRASES}
    }
    themes = {n: Theme.objects.create(landlord=landlord, name=n) for n in {k[1] for k in PHRASES}}
    keys = list(PHRASES)
    rows = []
    for n in range(count):
        area, theme, cause = key = rng.choice(keys)
        text = rng.choice(PHRASES[key]).format(room=rng.choice(ROOMS), fixture=rng.choice(FIXTURES))
        rows.append(
            Complaint(
                landlord=landlord,
                reference=f"CU-{n:06d}",
                received_on=dt.date(2024, 1, 1) + dt.timedelta(days=n % 300),
                description=f"Hello, {text}. Call me on 07700 900{n % 1000:03d}. Thanks.",
                service_area=areas[area],
                theme=themes[theme],
                root_cause=cause,
            )
        )
    Complaint.objects.bulk_create(rows)


def test_trained_on_past_complaints_the_suggestions_fire_and_are_measured():
    landlord = factories.landlord()
    generated_complaints(landlord, 200)

    report = train(landlord)

    assert report.complaints == 200
    for target in ("service_area", "theme", "root_cause"):
        assert report.accuracy[target] >= 0.9, (target, report)
        assert report.accuracy[target] > report.baseline[target]
        assert report.tested_on[target] == 40  # a held-out fifth
    found = suggest(landlord, "There is mould all over the bedroom ceiling and it smells damp")
    assert found.get("theme").label == "Damp and mould"
    assert found.get("service_area").label == "Repairs"
    assert found.get("theme").accuracy == report.accuracy["theme"]
    assert 0 < found.get("theme").confidence <= 1
    assert found.hazard.flagged
    conduct = suggest(landlord, "The officer was rude and shouted at me")
    assert conduct.get("theme").label == "Staff conduct"
    assert conduct.get("root_cause").label == "Communication"
    assert not conduct.hazard.flagged


def test_without_a_model_there_are_no_suggestions_but_the_hazard_flag_still_shows():
    landlord = factories.landlord()
    found = suggest(landlord, "Gas smell in the kitchen")
    assert found.items == ()
    assert found.note == "No suggestions yet: the model has not been trained."
    assert found.hazard.emergency


def test_too_few_past_complaints_teach_nothing():
    landlord = factories.landlord()
    generated_complaints(landlord, MIN_EXAMPLES - 1)
    report = train(landlord)
    assert report.accuracy == {"service_area": None, "theme": None, "root_cause": None}
    assert suggest(landlord, "black mould in the bedroom").items == ()


def test_a_target_with_one_value_only_is_not_learned():
    landlord = factories.landlord()
    generated_complaints(landlord, 60)
    Complaint.objects.filter(landlord=landlord).update(root_cause="communication")
    report = train(landlord)
    assert report.accuracy["root_cause"] is None
    assert report.accuracy["theme"] is not None
    assert suggest(landlord, "black mould in the bedroom").get("root_cause") is None


def test_each_landlord_gets_its_own_model_and_retraining_replaces_it():
    first, second = factories.landlord(), factories.landlord()
    generated_complaints(first, 80)
    train(first)
    train(first)
    assert SuggestionModel.objects.count() == 1
    assert suggest(second, "black mould").items == ()


def test_a_damaged_model_never_stops_the_handler():
    landlord = factories.landlord()
    generated_complaints(landlord, 80)
    train(landlord)
    SuggestionModel.objects.filter(landlord=landlord).update(fitted=b"not a model")
    found = suggest(landlord, "black mould in the bedroom")
    assert found.items == ()
    assert found.note == "Suggestions are not available just now."
    assert found.hazard.flagged


def test_personal_details_are_taken_out_before_training():
    text = "Ring 07700 900123 or +44 20 7946 0958, email jo@example.org, at RV1 2AB please"
    cleaned = scrub(text)
    assert not any(ch.isdigit() for ch in cleaned), cleaned
    assert "@" not in cleaned and "RV1" not in cleaned
    assert cleaned.replace(",", " ").split() == ["Ring", "or", "email", "at", "please"]


def test_the_command_reports_accuracy_and_refuses_an_unknown_landlord():
    landlord = factories.landlord("Riverside Homes")
    generated_complaints(landlord, 100)
    out = io.StringIO()
    call_command("train_suggestions", "--landlord", "Riverside Homes", stdout=out)
    text = out.getvalue()
    assert "Trained on 100 records of Riverside Homes." in text
    assert "Theme: " in text and "right on 20 held-out records" in text
    with pytest.raises(CommandError, match="no landlord called"):
        call_command("train_suggestions", "--landlord", "Nobody")


def _found(**confidence: float) -> Suggestions:
    return Suggestions(
        hazard_flag(""),
        tuple(Suggestion(t, f"{t}-1", t.title(), c, 0.9) for t, c in confidence.items()),
    )


def test_a_sure_suggestion_fills_an_empty_field_and_a_doubtful_one_does_not():
    found = _found(service_area=0.8, theme=PRESELECT_CONFIDENCE - 0.01, root_cause=0.99)

    chosen = preselections(found, current={}, suggested_before={})

    assert chosen == {"service_area": "service_area-1"}  # root cause is not on the form


def test_a_suggestion_never_replaces_the_handlers_choice_but_may_replace_its_own():
    found = _found(service_area=0.9, theme=0.9)

    chosen = preselections(
        found,
        current={"service_area": "7", "theme": "8"},
        suggested_before={"service_area": "3", "theme": "8"},
    )

    assert chosen == {"theme": "theme-1"}
