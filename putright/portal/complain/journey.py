"""The complaint form's pages in order, and the answers kept in the session between them.

A page is done when it has been sent and its answers still pass its form (an earlier answer
can change what a later page needs: someone who now wants phone calls must give a phone
number). Pages that do not apply (the representative's page, for someone complaining for
themselves) are skipped. Nothing is written to the database until the answers are sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from putright.landlords.models import Landlord
from putright.portal.complain import forms as f
from putright.portal.models import PendingUpload
from putright.portal.services import ComplaintAnswers

SESSION_KEY = "portal.complaint"
SENT_KEY = "portal.sent"


def _always(answers: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Step:
    """One page: its URL name, its form, and when it applies."""

    name: str
    form: type[f.StepForm]
    applies: Callable[[dict[str, Any]], bool] = _always

    @property
    def url(self) -> str:
        return reverse(f"complain:{self.name}")


STEPS: tuple[Step, ...] = (
    Step("who", f.WhoForm),
    Step("representative", f.RepresentativeForm, f.for_someone_else),
    Step("name", f.NameForm),
    Step("contact_method", f.ContactMethodForm),
    Step("contact_details", f.ContactDetailsForm),
    Step("address", f.AddressForm),
    Step("what_happened", f.WhatHappenedForm),
    Step("put_right", f.PutRightForm),
    Step("support", f.SupportStepForm),
    Step("files", f.FilesForm),
)
STEP_BY_NAME = {s.name: s for s in STEPS}


class Answers:
    """The answers of one person's form to one landlord, in their session. Answers begun on
    another landlord's pages are not carried over: the form starts again."""

    def __init__(self, session: SessionBase, landlord: Landlord) -> None:
        self.session = session
        state = session.get(SESSION_KEY)
        if (
            not isinstance(state, dict)
            or "draft" not in state
            or state.get("landlord", landlord.pk) != landlord.pk
        ):
            state = {"draft": str(uuid.uuid4()), "answers": {}, "done": []}
        state["landlord"] = landlord.pk
        self.state = state

    @property
    def draft(self) -> uuid.UUID:
        return uuid.UUID(self.state["draft"])

    @property
    def values(self) -> dict[str, Any]:
        return self.state["answers"]

    def save(self, step: Step, cleaned: dict[str, Any]) -> None:
        """Keep a page's answers (as plain strings and lists) and mark it done."""
        form_fields = step.form.base_fields
        for name, value in cleaned.items():
            if name in form_fields and name != "files":
                self.values[name] = value
        if step.name not in self.state["done"]:
            self.state["done"].append(step.name)
        self.session[SESSION_KEY] = self.state
        self.session.modified = True

    def form_for(self, step: Step, **kwargs: Any) -> f.StepForm:
        return step.form(answers=self.values, **kwargs)

    def is_done(self, step: Step) -> bool:
        if step.name not in self.state["done"]:
            return False
        if step.name == "files":
            return True
        return self.form_for(step, data=self.values).is_valid()

    def steps(self) -> list[Step]:
        """The pages that apply to these answers, in order."""
        return [s for s in STEPS if s.applies(self.values)]

    def first_not_done(self) -> Step | None:
        return next((s for s in self.steps() if not self.is_done(s)), None)

    def may_visit(self, step: Step) -> bool:
        """A page may be shown once every page before it is done."""
        for s in self.steps():
            if s == step:
                return True
            if not self.is_done(s):
                return False
        return False

    def next_url(self, step: Step, changing: bool) -> str:
        """Where to go after a page: back to check answers when changing an answer (unless
        the change means another page needs answering), else the next page."""
        waiting = self.first_not_done()
        if changing or waiting is None:
            return waiting.url if waiting is not None else reverse("complain:check")
        steps = self.steps()
        later = steps[steps.index(step) + 1 :] if step in steps else []
        return later[0].url if later else reverse("complain:check")

    def previous_url(self, step: Step) -> str:
        steps = self.steps()
        if step not in steps or steps.index(step) == 0:
            return reverse("web:start")
        return steps[steps.index(step) - 1].url

    def uploads(self) -> list[PendingUpload]:
        return list(PendingUpload.objects.filter(draft=self.draft))

    def to_complaint(self) -> ComplaintAnswers:
        """The answers for the service, only from pages that apply."""
        v = self.values
        someone_else = f.for_someone_else(v)
        return ComplaintAnswers(
            draft=self.draft,
            person=v["person"],
            resident_name=v["resident_name"],
            contact_method=v["contact_method"],
            email=v["email"],
            phone=v.get("phone", ""),
            address_line_1=v["address_line_1"],
            address_line_2=v.get("address_line_2", ""),
            town=v["town"],
            postcode=v["postcode"],
            what_happened=v["what_happened"],
            put_right=v.get("put_right", ""),
            representative_name=v.get("representative_name", "") if someone_else else "",
            representative_kind=v.get("representative_kind", "") if someone_else else "",
            support=[k for k in v.get("support", []) if k != "none"],
            interpreter_language=v.get("interpreter_language", ""),
            support_other=v.get("support_other", ""),
        )

    def forget(self) -> None:
        self.session.pop(SESSION_KEY, None)
