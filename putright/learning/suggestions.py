"""Suggestions as a complaint is logged: the service area, theme and root cause a
description most likely belongs to, from a model trained on the landlord's own past
complaints (domain.md §8; Code 9.2: use complaints as a source of intelligence).

- Local: scikit-learn on this server; the fitted model is kept in the database
  (``SuggestionModel``), never sent anywhere. Before training, email addresses, phone
  numbers and postcodes are taken out of the descriptions, so the model's vocabulary does
  not hold them.
- Measured: each target is scored on a held-out fifth of the complaints (a stratified
  split, fixed seed) before the model is refitted on all of them; the page shows that
  accuracy beside each suggestion.
- Never in the way: ``suggest`` returns whatever it can and never raises; with no model, or
  too few past complaints for a target, it suggests nothing for it and says why.

The hazard flag (``putright.rules.hazards``, Awaab's Law) comes with the suggestions: it
needs no training.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import transaction
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, ServiceArea, Theme
from putright.learning.models import SuggestionModel
from putright.rules.codes import RootCause
from putright.rules.hazards import HazardFlag, hazard_flag

logger = logging.getLogger(__name__)

TARGETS = ("service_area", "theme", "root_cause")
TARGET_WORDS = {"service_area": "Service area", "theme": "Theme", "root_cause": "Root cause"}
#: Fewer labelled complaints than this and a target is not learned: too few to be useful.
MIN_EXAMPLES = 30
TEST_SHARE = 0.2
SEED = 2024

_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def scrub(text: str) -> str:
    """The description without email addresses, phone numbers or postcodes."""
    text = _EMAIL.sub(" ", text)
    text = _PHONE.sub(" ", text)
    return _POSTCODE.sub(" ", text)


@dataclass(frozen=True, slots=True)
class Suggestion:
    target: str
    value: str  # a ServiceArea or Theme id as text, or a root cause code
    label: str
    confidence: float
    accuracy: float | None

    @property
    def target_words(self) -> str:
        return TARGET_WORDS[self.target]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What to show beside the description as a complaint is logged."""

    hazard: HazardFlag
    items: tuple[Suggestion, ...] = ()
    note: str = ""
    trained_on: int = 0
    accuracy: dict[str, float | None] = field(default_factory=dict)

    def get(self, target: str) -> Suggestion | None:
        return next((s for s in self.items if s.target == target), None)


@dataclass(frozen=True, slots=True)
class TrainingReport:
    complaints: int
    accuracy: dict[str, float | None]
    tested_on: dict[str, int]
    baseline: dict[str, float | None]


def _labelled(landlord: Landlord) -> list[tuple[str, dict[str, str]]]:
    rows = (
        Complaint.objects.filter(landlord=landlord)
        .exclude(description="")
        .values_list("description", "service_area_id", "theme_id", "root_cause")
    )
    out = []
    for description, area, theme, cause in rows.iterator():
        labels = {
            "service_area": str(area) if area else "",
            "theme": str(theme) if theme else "",
            "root_cause": cause or "",
        }
        out.append((scrub(description), labels))
    return out


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, strip_accents="unicode"),
        LogisticRegression(max_iter=2000, C=5.0),
    )


def _split(
    texts: list[str], labels: list[str], seed: int
) -> tuple[list[str], list[str], list[str], list[str]]:
    """A held-out fifth, stratified by label where each label has at least two examples."""
    from sklearn.model_selection import train_test_split

    counts = Counter(labels)
    stratify = labels if min(counts.values()) >= 2 else None
    try:
        return train_test_split(
            texts, labels, test_size=TEST_SHARE, random_state=seed, stratify=stratify
        )
    except ValueError:  # too few of some label for a stratified split
        return train_test_split(texts, labels, test_size=TEST_SHARE, random_state=seed)


def train(landlord: Landlord, *, seed: int = SEED) -> TrainingReport:
    """Fit the landlord's suggestion model on its own complaints, measure each target's
    accuracy on a held-out fifth, refit on them all, and keep it (replacing the last)."""
    import joblib

    rows = _labelled(landlord)
    fitted: dict[str, Any] = {}
    accuracy: dict[str, float | None] = {}
    baseline: dict[str, float | None] = {}
    tested_on: dict[str, int] = {}
    for target in TARGETS:
        examples = [(text, labels[target]) for text, labels in rows if labels[target]]
        classes = {label for _, label in examples}
        if len(examples) < MIN_EXAMPLES or len(classes) < 2:
            accuracy[target] = baseline[target] = None
            tested_on[target] = 0
            continue
        texts = [t for t, _ in examples]
        labels = [label for _, label in examples]
        x_train, x_test, y_train, y_test = _split(texts, labels, seed)
        model = _pipeline().fit(x_train, y_train)
        predicted = model.predict(x_test)
        accuracy[target] = sum(p == y for p, y in zip(predicted, y_test, strict=True)) / len(y_test)
        most_common = Counter(y_train).most_common(1)[0][0]
        baseline[target] = sum(y == most_common for y in y_test) / len(y_test)
        tested_on[target] = len(y_test)
        fitted[target] = _pipeline().fit(texts, labels)
    buffer = io.BytesIO()
    joblib.dump(fitted, buffer, compress=3)
    blob = buffer.getvalue()
    with transaction.atomic():
        SuggestionModel.objects.update_or_create(
            landlord=landlord,
            defaults={
                "trained_at": timezone.now(),
                "complaints": len(rows),
                "accuracy": accuracy,
                "tested_on": tested_on,
                "fitted": blob,
                "sha256": hashlib.sha256(blob).hexdigest(),
            },
        )
    return TrainingReport(len(rows), accuracy, tested_on, baseline)


@lru_cache(maxsize=16)
def _load(sha256: str, blob: bytes) -> dict[str, Any]:
    import joblib

    if hashlib.sha256(blob).hexdigest() != sha256:
        raise ValueError("the stored suggestion model does not match its checksum")
    return joblib.load(io.BytesIO(blob))


def _labels(landlord: Landlord, target: str) -> dict[str, str]:
    if target == "service_area":
        return {
            str(pk): name
            for pk, name in ServiceArea.objects.filter(landlord=landlord).values_list("pk", "name")
        }
    if target == "theme":
        return {
            str(pk): name
            for pk, name in Theme.objects.filter(landlord=landlord).values_list("pk", "name")
        }
    return {code.value: code.label for code in RootCause}


#: The targets the log form has a field for (a root cause is chosen when the complaint is
#: answered, so it is only shown).
FORM_TARGETS = ("service_area", "theme")
#: A suggestion fills an empty field only when the model is at least this sure of it; a
#: less sure one is shown beside the form and the handler chooses.
PRESELECT_CONFIDENCE = 0.5


def preselections(
    found: Suggestions,
    *,
    current: Mapping[str, str],
    suggested_before: Mapping[str, str],
) -> dict[str, str]:
    """The form fields a suggestion fills, and with what: a field left empty, or one still
    holding what an earlier suggestion put there (the handler has not changed it), and only
    with a suggestion the model is at least ``PRESELECT_CONFIDENCE`` sure of. A field the
    handler chose is never touched, and the handler can change a filled one: it is a
    suggestion, never a decision (Code 9.2 asks for intelligence, not automation)."""
    chosen: dict[str, str] = {}
    for target in FORM_TARGETS:
        suggestion = found.get(target)
        if suggestion is None or suggestion.confidence < PRESELECT_CONFIDENCE:
            continue
        value = (current.get(target) or "").strip()
        before = (suggested_before.get(target) or "").strip()
        if not value or (before and value == before):
            chosen[target] = suggestion.value
    return chosen


def suggest(landlord: Landlord, description: str) -> Suggestions:
    """Suggest a service area, theme and root cause for ``description``, each with the
    model's confidence and its measured accuracy, and flag any hazard it mentions. Never
    raises: the person logging the complaint is never held up by it."""
    flag = hazard_flag(description)
    if not description.strip():
        return Suggestions(flag, note="Write the description to see suggestions.")
    try:
        stored = (
            SuggestionModel.objects.filter(landlord=landlord)
            .values_list("sha256", "fitted", "accuracy", "complaints")
            .first()
        )
        if stored is None:
            return Suggestions(flag, note="No suggestions yet: the model has not been trained.")
        sha256, blob, accuracy, complaints = stored
        fitted = _load(sha256, bytes(blob))
        text = scrub(description)
        items = []
        for target in TARGETS:
            model = fitted.get(target)
            if model is None:
                continue
            probabilities = model.predict_proba([text])[0]
            best = int(probabilities.argmax())
            value = str(model.classes_[best])
            label = _labels(landlord, target).get(value)
            if label is None:  # an area or theme removed since training
                continue
            items.append(
                Suggestion(target, value, label, float(probabilities[best]), accuracy.get(target))
            )
        return Suggestions(flag, tuple(items), trained_on=complaints, accuracy=accuracy)
    except Exception:  # never in the way of logging a complaint
        logger.exception("Suggestions failed for landlord %s", landlord.pk)
        return Suggestions(flag, note="Suggestions are not available just now.")
