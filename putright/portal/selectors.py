"""What the portal reads (style.md: selectors for reads): what a resident sees of their
complaint, in dates rather than working days, and the feedback figures the reports use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count

from putright.complaints.models import Complaint, OutstandingAction, Remedy, Stage
from putright.landlords.models import Landlord
from putright.letters.models import Letter
from putright.portal.models import Feedback, Person, PortalAccess, Satisfaction
from putright.portal.tokens import token_digest
from putright.residents.models import AdjustmentRequest
from putright.rules.codes import Kind
from putright.rules.lifecycle import StageStatus, State
from putright.rules.timescales import acknowledgement_due


def private_link_landlord(token: str) -> Landlord | None:
    """The landlord whose complaint a private link is to, whichever landlord's pages it was
    opened on (a link from before an installation had several landlords is at the root)."""
    access = (
        PortalAccess.objects.filter(token_digest=token_digest(token))
        .select_related("complaint__landlord")
        .first()
    )
    return access.complaint.landlord if access is not None else None


def may_see_everything(access: PortalAccess) -> bool:
    """The resident sees all of their complaint. Someone complaining for them sees only that
    it was received and where it is until the resident's consent is recorded (Code 3.6)."""
    if access.person == Person.RESIDENT:
        return True
    rep = access.complaint.representative
    return rep is not None and rep.has_consent and rep.email.lower() == access.email.lower()


def escalate_by(complaint: Complaint, stage1: Stage | None) -> dt.date | None:
    """The date the landlord asks a stage 2 request to come by: its escalation window after
    the stage 1 response (a request after it is still considered)."""
    if stage1 is None or stage1.responded_on is None:
        return None
    return stage1.responded_on + dt.timedelta(days=complaint.landlord.escalation_window_days)


def feedback_stage(complaint: Complaint, today: dt.date) -> int | None:
    """The stage whose answer the resident may now give feedback on: the last answered stage
    once the complaint is closed, or stage 1 once the time to ask for stage 2 has passed
    without a request. None before then."""
    answered = [s for s in complaint.stages.all() if s.responded_on is not None]
    if not answered:
        return None
    last = max(answered, key=lambda s: s.number)
    if complaint.state == State.CLOSED:
        return last.number
    if complaint.state == State.STAGE1_CLOSED:
        by = escalate_by(complaint, complaint.stage(1))
        if by is not None and today > by:
            return 1
    return None


@dataclass(frozen=True)
class ResidentView:
    """A complaint as its resident (or their representative) sees it.

    ``situation`` says where it is, in one word the template explains: received,
    acknowledging, investigating, stage1_answered, final_answer, escalation_refused,
    not_accepted, withdrawn, other_request or other_resolved. ``due`` is the date the
    landlord's next step is due and ``late`` whether that date has passed.
    """

    complaint: Complaint
    situation: str
    full_access: bool
    stage: Stage | None = None
    due: dt.date | None = None
    late: bool = False
    extended: bool = False
    escalate_by: dt.date | None = None
    can_escalate: bool = False
    feedback_stage: int | None = None
    feedback_given: bool = False
    letters: list[Letter] = field(default_factory=list)
    actions: list[OutstandingAction] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    adjustment_requests: list[AdjustmentRequest] = field(default_factory=list)


def _situation(complaint: Complaint, stage: Stage | None, today: dt.date) -> dict:
    state = complaint.state
    if complaint.kind != Kind.COMPLAINT:
        return {"situation": "other_resolved" if state == State.RESOLVED else "other_request"}
    if state == State.RECEIVED:
        due = acknowledgement_due(complaint.landlord.calendar(), complaint.received_on)
        return {"situation": "received", "due": due}
    if state in (State.STAGE1, State.STAGE2) and stage is not None:
        if stage.status == StageStatus.REQUESTED:
            return {"situation": "acknowledging", "due": stage.acknowledgement_due}
        return {
            "situation": "investigating",
            "due": stage.response_due_extended,
            "extended": stage.extension_working_days > 0,
        }
    if state == State.STAGE1_CLOSED:
        return {"situation": "stage1_answered", "can_escalate": True}
    if state == State.CLOSED:
        refused = stage is not None and stage.status == StageStatus.NOT_ACCEPTED
        return {"situation": "escalation_refused" if refused else "final_answer"}
    if state == State.NOT_ACCEPTED:
        return {"situation": "not_accepted"}
    return {"situation": "withdrawn"}


def resident_view(access: PortalAccess, today: dt.date) -> ResidentView:
    """What the person following the complaint sees today: where it is, what happens next
    and by when, the letters issued, and what the landlord promised to do."""
    complaint = (
        Complaint.objects.select_related("landlord", "representative", "resident")
        .prefetch_related("stages")
        .get(pk=access.complaint_id)
    )
    access.complaint = complaint
    stage = complaint.current_stage
    facts = _situation(complaint, stage, today)
    full = may_see_everything(access)
    due = facts.get("due")
    fb_stage = feedback_stage(complaint, today) if full else None
    letters: list[Letter] = []
    actions: list[OutstandingAction] = []
    remedies: list[Remedy] = []
    if full:
        letters = list(Letter.objects.filter(complaint=complaint).order_by("issued_on", "id"))
        actions = list(
            OutstandingAction.objects.filter(stage__complaint=complaint).order_by("due_on", "id")
        )
        remedies = list(Remedy.objects.filter(stage__complaint=complaint).order_by("due_on", "id"))
    return ResidentView(
        complaint=complaint,
        situation=facts["situation"],
        full_access=full,
        stage=stage,
        due=due,
        late=due is not None and today > due,
        extended=facts.get("extended", False),
        escalate_by=escalate_by(complaint, complaint.stage(1)),
        can_escalate=full and facts.get("can_escalate", False),
        feedback_stage=fb_stage,
        feedback_given=fb_stage is not None
        and Feedback.objects.filter(complaint=complaint, stage=fb_stage).exists(),
        letters=letters,
        actions=actions,
        remedies=remedies,
        adjustment_requests=list(AdjustmentRequest.objects.filter(complaint=complaint)),
    )


def letter_for(access: PortalAccess, letter_id: int) -> Letter | None:
    """An issued letter of this person's complaint, if they may see it; None otherwise."""
    if not may_see_everything(access):
        return None
    return Letter.objects.filter(pk=letter_id, complaint_id=access.complaint_id).first()


@dataclass(frozen=True)
class FeedbackFigures:
    """Feedback given in a period: how many, and how many at each point of each scale."""

    responses: int
    process: dict[int, int]
    outcome: dict[int, int]

    @staticmethod
    def _satisfied_pct(counts: dict[int, int], total: int) -> float | None:
        if not total:
            return None
        satisfied = counts[Satisfaction.VERY_SATISFIED] + counts[Satisfaction.FAIRLY_SATISFIED]
        return round(100 * satisfied / total, 1)

    @property
    def process_satisfied_pct(self) -> float | None:
        """Very or fairly satisfied with how the complaint was handled, as a percentage."""
        return self._satisfied_pct(self.process, self.responses)

    @property
    def outcome_satisfied_pct(self) -> float | None:
        return self._satisfied_pct(self.outcome, self.responses)


def feedback_figures(landlord: Landlord, start: dt.date, end: dt.date) -> FeedbackFigures:
    """Feedback given from ``start`` to ``end`` inclusive, for the landlord's reports."""
    given = Feedback.objects.filter(landlord=landlord, given_on__range=(start, end))

    def counts(column: str) -> dict[int, int]:
        rows = given.order_by().values(column).annotate(n=Count("id")).values_list(column, "n")
        found = dict(rows)
        return {int(s): found.get(s, 0) for s in Satisfaction.values}

    return FeedbackFigures(
        responses=given.count(),
        process=counts("process_satisfaction"),
        outcome=counts("outcome_satisfaction"),
    )
