"""One form per command on a case (triage, define, allocate, acknowledge, extend, escalate,
refuse stage 2, withdraw, resolve, note, attach, correct), and who may be allocated it."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.landlords.models import Landlord, today
from putright.landlords.selectors import allocatable, with_away
from putright.rules.allocation import handler_roles
from putright.rules.codes import (
    EscalationReason,
    ExtensionReason,
    Kind,
    MemberRole,
    NotAcceptedReason,
)
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS
from putright.rules.updates import MAX_INTERVAL_WORKING_DAYS, MIN_INTERVAL_WORKING_DAYS
from putright.staff.forms.base import (
    TEXT,
    StaffForm,
    date_on,
    long_text,
    radios,
    select,
    short_text,
)
from putright.web.govuk import DateField, choice_field, choices_with_blank

TRIAGE_CHOICES = [
    (Kind.COMPLAINT.value, "Accept it as a stage 1 complaint"),
    (Kind.SERVICE_REQUEST.value, "Treat it as a service request"),
    (Kind.MEMBER_ENQUIRY.value, "Treat it as a member enquiry"),
    ("not_accepted", "Do not accept it as a complaint"),
]


class TriageForm(StaffForm):
    conditionals = {
        "decision": {"not_accepted": ("reason", "explanation", "discretion_considered")}
    }
    item_hints = {
        "decision": {
            Kind.COMPLAINT.value: "Stage 1 starts. It is counted from the date it was received.",
            Kind.SERVICE_REQUEST.value: "A first request to put something right, such as a repair.",
            Kind.MEMBER_ENQUIRY.value: "An enquiry from an MP or councillor for the resident.",
            "not_accepted": "The resident can take this decision to the Ombudsman.",
        }
    }
    decision = radios("What is your decision?", TRIAGE_CHOICES, "Choose your decision")
    reason = select(
        "Reason it is not accepted",
        NotAcceptedReason.choices(),
        "Choose the reason it is not accepted",
        required=False,
    )
    explanation = long_text(
        "Explain why, for the resident",
        required=False,
        rows=4,
        help_text="This goes in the letter to the resident.",
    )
    discretion_considered = long_text(
        "How you considered discretion",
        required=False,
        rows=3,
        help_text="Needed when the issue arose more than 12 months ago (Code 4.1).",
    )
    on = date_on("the date of the decision", "Date of the decision")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "not_accepted":
            if not data.get("reason"):
                self.add_error("reason", "Choose the reason it is not accepted")
            if not (data.get("explanation") or "").strip():
                self.add_error("explanation", "Explain why the complaint is not accepted")
        return data


class DefineForm(StaffForm):
    """Code 5.6: the points, the outcomes sought, and what is not the landlord's
    responsibility. Points are a list: "Add another point" adds a box."""

    outcomes_sought = long_text(
        "What the resident wants to happen",
        rows=3,
        required_message="Enter what the resident wants to happen",
    )
    not_responsible = long_text(
        "Anything we are not responsible for",
        required=False,
        rows=3,
        help_text="For example, a fence that belongs to a neighbour. Leave blank if there is nothing.",
    )
    on = date_on("the date of the definition", "Date defined")

    def __init__(self, *args: Any, points: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            points = max(points, self._points_in_data())
        self.point_names = []
        for i in range(1, points + 1):
            name = f"point_{i}"
            self.fields[name] = short_text(
                f"Point {i}", required=False, widget=forms.TextInput(attrs=TEXT)
            )
            self.point_names.append(name)
        # Keep the date and other fields after the points.
        self.order_fields(
            [*self.point_names, "outcomes_sought", "not_responsible", "on", "version"]
        )

    def _points_in_data(self) -> int:
        numbers = [
            int(k.removeprefix("point_"))
            for k in self.data
            if k.startswith("point_") and k.removeprefix("point_").isdigit()
        ]
        return min(max(numbers, default=1), 30)

    @property
    def point_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.point_names]

    def points(self) -> list[str]:
        return [
            (self.cleaned_data.get(n) or "").strip()
            for n in self.point_names
            if (self.cleaned_data.get(n) or "").strip()
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.point_names and not any((data.get(n) or "").strip() for n in self.point_names):
            self.add_error(self.point_names[0], "Enter at least one point the complaint is about")
        return data


class AllocateForm(StaffForm):
    handler = select("Handler", [], "Choose who will handle it", coerce=int, empty_value=None)
    contractor = select(
        "Who handles it",
        [],
        "Choose who handles it",
        required=False,
        coerce=str,
        empty_value="",
        blank="Leave as it is",
        help_text=(
            "A contractor's handler handles only the complaints of their contractor: to give "
            "it to one, choose their contractor here too."
        ),
    )

    def __init__(
        self,
        *args: Any,
        handlers: list[tuple[int, str]],
        contractors: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "handler").choices = choices_with_blank(handlers, "Choose a handler")
        choice_field(self, "contractor").choices = choices_with_blank(
            [("landlord", "The landlord itself"), *[(str(i), n) for i, n in contractors]],
            "Leave as it is",
        )


def handler_choices(
    landlord: Landlord,
    *,
    stage: int | None,
    exclude_user: int | None,
    contractor_id: int | None,
    names: dict[int, str],
) -> list[tuple[int, str]]:
    """Who can be allocated, as ``putright.rules.allocation`` says: the landlord's staff
    whose role handles complaints, people only (never an API key's own user); at stage 2,
    only senior handlers and complaints officers of the landlord's own staff, never the
    stage 1 handler (Code 6.13); for a contractor's handler, only their colleagues. The
    service checks the choice again. Someone away says so: "Sam Jones (Handler) (away until
    14 December)" (issue 12)."""
    memberships = allocatable(landlord).filter(role__in=handler_roles(stage or 1))
    if stage == 2:
        memberships = memberships.filter(contractor__isnull=True)
    if contractor_id is not None:
        memberships = memberships.filter(contractor_id=contractor_id)
    on = today()
    choices = []
    for m in memberships.select_related("contractor"):
        if m.user_id == exclude_user:
            continue
        label = names.get(m.user_id, "")
        extra = m.contractor.name if m.contractor else m.get_role_display()
        choices.append((m.user_id, with_away(f"{label} ({extra})", m, on)))
    return sorted(choices, key=lambda c: c[1])


class AcknowledgeForm(StaffForm):
    on = date_on("the date of the acknowledgement", "Date acknowledged")


class ExtendForm(StaffForm):
    working_days = forms.IntegerField(
        label="How many more working days?",
        min_value=1,
        max_value=60,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many more working days are needed",
            "invalid": "The number of working days must be a whole number, like 5",
            "min_value": "The extension must be at least 1 working day",
            "max_value": "The extension must be 60 working days or fewer",
        },
    )
    reason_code = radios(
        "What is the main reason?",
        ExtensionReason.choices(),
        "Choose the main reason more time is needed",
        help_text="For the record and the annual report, which counts extensions by reason.",
    )
    reason = long_text(
        "Why more time is needed",
        rows=4,
        help_text="This goes in the letter to the resident.",
        required_message="Explain why more time is needed",
    )
    good_reason = long_text("The good reason for going past the limit", required=False, rows=3)
    # The Ombudsman's details go in the extension letter: given when it is issued (6.5).
    on = date_on(
        "the date the extension was agreed",
        "Date the extension was agreed",
        help_text="On or before the day the response is due. For example, 27 3 2024",
    )

    def __init__(self, *args: Any, stage: int, used: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = EXTENSION_LIMIT_WORKING_DAYS[stage]
        self.limit = limit
        self.used = used
        self.fields["working_days"].help_text = (
            f"The Code allows up to {limit} working days at stage {stage} in all without good "
            f"reason. {used} used so far, so {max(0, limit - used)} left."
        )
        self.fields[
            "good_reason"
        ].help_text = f"Needed only if the extensions add up to more than {limit} working days."


class EscalateForm(StaffForm):
    requested_on = DateField(
        label="Date the resident asked for stage 2",
        what="the date the resident asked",
        initial=today,
        help_text="For example, 27 3 2024",
    )
    reason = radios(
        "Did they say why?",
        EscalationReason.choices(),
        "Choose why they asked, or that they did not say",
        initial=EscalationReason.NOT_GIVEN.value,
        help_text="They do not have to give a reason (Code 6.12).",
    )
    reason_text = long_text("What they said", required=False, rows=3)


class RefuseEscalationForm(StaffForm):
    reason = select(
        "Reason stage 2 is refused",
        NotAcceptedReason.choices(),
        "Choose the reason stage 2 is refused",
    )
    explanation = long_text(
        "Explain why, for the resident",
        rows=4,
        help_text="This goes in the letter. The resident can take this decision to the Ombudsman.",
        required_message="Explain why stage 2 is refused",
    )
    on = date_on("the date of the decision", "Date of the decision")


class WithdrawForm(StaffForm):
    requested_by = short_text(
        "Who asked to withdraw it",
        help_text="For example, the resident, or their advocate by name.",
        message="Enter who asked to withdraw it",
    )
    reason = long_text("What they said", required=False, rows=3)
    on = date_on("the date it was withdrawn", "Date withdrawn")


class ResolveForm(StaffForm):
    """The response to a service request or member enquiry, which resolves it (the field
    keeps its name, ``summary``, for the page's older posts)."""

    summary = long_text(
        "What the response said",
        rows=4,
        help_text="What you told the resident, or the councillor or MP. It is part of the record.",
        required_message="Enter what the response said",
    )
    on = date_on("the date of the response", "Date responded")


class OwnerForm(StaffForm):
    owner = select("Owner", [], "Choose who owns it", coerce=int, empty_value=None, required=False)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "owner").choices = choices_with_blank(people, "Nobody")


def owner_choices(landlord: Landlord, names: dict[int, str]) -> list[tuple[int, str]]:
    """Who can own a service request or member enquiry: the landlord's staff whose role
    handles complaints (the service checks again), by name, with their role and any
    absence."""
    on = today()
    return sorted(
        (
            (m.user_id, with_away(f"{names.get(m.user_id, '')} ({m.get_role_display()})", m, on))
            for m in allocatable(landlord)
        ),
        key=lambda c: c[1],
    )


class MemberForm(StaffForm):
    member_name = short_text(
        "The councillor's or MP's name",
        message="Enter the councillor's or MP's name",
        max_length=200,
    )
    member_role = radios(
        "Are they a councillor or an MP?",
        MemberRole.choices(),
        "Choose whether the member is a councillor or an MP",
    )


class NoteForm(StaffForm):
    text = long_text(
        "Note",
        rows=5,
        help_text="A call, an email, or anything else that happened. Notes are part of the record.",
        required_message="Enter the note",
    )
    on = date_on("the date it happened", "Date it happened")


class UpdateIntervalForm(StaffForm):
    """Code 5.9: how often the resident will hear from us, as agreed with them."""

    working_days = forms.IntegerField(
        label="How often will the resident be updated, in working days?",
        required=False,
        min_value=MIN_INTERVAL_WORKING_DAYS,
        max_value=MAX_INTERVAL_WORKING_DAYS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        help_text="For example, 10 for every 10 working days. Leave it empty to stop regular "
        "updates agreed before.",
        error_messages={
            "invalid": "The update interval must be a whole number of working days, like 10",
            "min_value": f"The update interval must be at least {MIN_INTERVAL_WORKING_DAYS} "
            "working day",
            "max_value": f"The update interval must be {MAX_INTERVAL_WORKING_DAYS} working "
            "days or fewer",
        },
    )
    note = long_text(
        "What was agreed",
        required=False,
        rows=3,
        help_text="For example, while the works are outstanding, by phone. For the record.",
    )
    on = date_on("the date it was agreed", "Date it was agreed")


class AttachForm(StaffForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, image, Word document, text, email, audio or video file, smaller than 20 MB.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    description = short_text("What the file is", required=False)


class CorrectForm(StaffForm):
    correction = long_text(
        "The correction",
        rows=4,
        help_text="The entry stays as it was. Your correction is added next to it.",
        required_message="Enter the correction",
    )


class ApprovalForm(StaffForm):
    """Sign-off before a response goes (issue 17, item 2): approve it, or send it back."""

    item_hints = {
        "decision": {
            "approve": "Its letter can then be sent.",
            "send_back": "The handler corrects the response; it then waits for approval again.",
        }
    }
    decision = radios(
        "Do you approve this response?",
        [("approve", "Approve it"), ("send_back", "Send it back for changes")],
        "Choose whether you approve the response",
    )
    note = long_text(
        "Comments",
        required=False,
        rows=4,
        help_text="When you send it back, say what needs to change. The handler sees this on "
        "the timeline.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "send_back" and not (data.get("note") or "").strip():
            self.add_error("note", "Say what needs to change")
        return data
