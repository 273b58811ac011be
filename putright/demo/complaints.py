"""One complaint, made through ``putright.complaints.services`` with explicit dates from
logging to wherever today finds it: triage, allocation, the definition, the
acknowledgement, perhaps an extension, the response with its remedies and actions, the
letters, the follow-up of what was promised, perhaps stage 2.

Each step is taken only if its date has come. The mix follows the councils' published
reports: about two in three stage 1 complaints upheld or partly upheld, about one in six
escalated, about one in ten acknowledged or answered late. A step planned after today is
always planned on time, so the only cases overdue today are the ones the work queue
places there on purpose (``putright.demo.queue``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User

from putright.complaints import services
from putright.complaints.models import Complaint, Stage
from putright.demo import letters
from putright.demo.context import Demo
from putright.demo.landlord import (
    ALLOCATIONS,
    AREA_THEMES,
    ASB,
    CUSTOMER,
    DAMP,
    ESTATE,
    GROUNDS_CONTRACTOR,
    KITCHEN_RISE,
    KITCHEN_RISE_DAYS,
    LEASEHOLD,
    LETTINGS,
    RENTS,
    REPAIRS,
    REPAIRS_CONTRACTOR,
    SERVICE_AREAS,
    TENANCY,
    WORKMANSHIP,
)
from putright.demo.putting_right import (
    FollowUps,
    actions_promised,
    follow_up,
    remedies_offered,
)
from putright.demo.residents import BLOCKS
from putright.demo.words import (
    ESCALATION_REASONS,
    EXTENSION_REASONS,
    FINDINGS,
    FIXTURES,
    GOOD_REASONS,
    LGSCO_STORIES,
    NOT_ACCEPTED,
    NOTES,
    ROOMS,
    STORIES,
    TOPICS,
    WITHDRAWAL_REASONS,
    Story,
)
from putright.landlords.models import Contractor
from putright.letters.kinds import LetterKind
from putright.residents.models import Resident
from putright.rules.codes import (
    Channel,
    EscalationReason,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    Outcome,
    Tenure,
)
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS, stage_due_dates

CHANNELS = {
    Channel.PHONE: 35,
    Channel.EMAIL: 25,
    Channel.WEB: 24,
    Channel.LETTER: 4,
    Channel.IN_PERSON: 4,
    Channel.SOCIAL_MEDIA: 3,
    Channel.COUNCILLOR_MP: 3,
    Channel.CONTRACTOR: 2,
}
#: A representative whose consent is still awaited is rarely dealt with (Code 3.6); the
#: few who are show in the compliance view.
REPRESENTED = 0.5
REPRESENTED_AWAITING_CONSENT = 0.1
#: Extensions told to the resident without the Ombudsman's details (Code 6.5): a few.
EXTENSION_WITHOUT_OMBUDSMAN = 0.05


@dataclass
class Case:
    """What the demo decided about one complaint before making it: when, about what, who,
    and the words of the story (``words`` fills in its braces)."""

    received_on: dt.date
    area: str
    theme: str
    story: Story
    resident: Resident | None
    words: dict[str, str]
    jurisdiction: str = Jurisdiction.HOUSING
    raised_from: Complaint | None = None

    def points(self) -> list[str]:
        return [p.format(**self.words) for p in self.story.points]


@dataclass(frozen=True)
class Answer:
    """A stage's response: when, and the decision."""

    on: dt.date
    outcome: str


def case_new(
    demo: Demo, received_on: dt.date, area: str | None = None, lgsco: bool = False
) -> Case:
    """A complaint received on ``received_on``: its service area (in the year's shares),
    its theme (damp and mould twice as likely in winter; the contractor's kitchen upgrades
    rising over the last three months), the story and the resident who tells it."""
    rng, residents = demo.rng, demo.residents
    area = area or demo.pick({a: w[0] for a, w in SERVICE_AREAS.items()})
    weights = dict(AREA_THEMES[area])
    if received_on.month in (11, 12, 1, 2) and DAMP in weights:
        weights[DAMP] *= 2
    kitchens = (demo.today - received_on).days < KITCHEN_RISE_DAYS and WORKMANSHIP in weights
    if kitchens:
        weights[WORKMANSHIP] *= KITCHEN_RISE  # the trend signal's rise (learning/themes)
    theme = demo.pick(weights)
    if lgsco:
        area, theme, story = LETTINGS, ALLOCATIONS, rng.choice(LGSCO_STORIES)
        resident = residents.pick(rng, [Tenure.APPLICANT])
    elif kitchens and theme == WORKMANSHIP:
        story = STORIES[WORKMANSHIP][0]  # the contractor's unfinished kitchen upgrades
        resident = residents.pick(rng, residents.tenures_for(rng, area, theme))
    else:
        story = rng.choice(STORIES[theme])
        resident = residents.pick(rng, residents.tenures_for(rng, area, theme))
    words = {
        "room": rng.choice(ROOMS),
        "weeks": str(rng.randint(3, 14)),
        "fixture": rng.choice(FIXTURES),
        "times": rng.choice(("three", "four", "five", "six")),
        "topic": TOPICS[area],
        "block": rng.choice(BLOCKS),
        "contractor": REPAIRS_CONTRACTOR,
    }
    return Case(
        received_on=received_on,
        area=area,
        theme=theme,
        story=story,
        resident=resident,
        words=words,
        jurisdiction=Jurisdiction.LGSCO if lgsco else Jurisdiction.HOUSING,
    )


def stage2_handler(demo: Demo, stage1_handler: User) -> User:
    """Code 6.13: a senior person who did not handle stage 1."""
    seniors = {"senior": 50, "grace.oduya": 25, "david.kowalski": 25}
    seniors = {k: w for k, w in seniors.items() if demo.staff[k].pk != stage1_handler.pk}
    return demo.staff[demo.pick(seniors)]


class ComplaintMaker:
    """Makes one complaint (or service request, or member enquiry) through the services.

    Steps after a response (a remedy paid, an action done) wait in ``later`` and are
    taken, in date order, before any later step on the complaint (``at``) and at the end
    (``finish``): the timeline stays in date order."""

    def __init__(self, demo: Demo, case: Case) -> None:
        self.demo = demo
        self.case = case
        self.complaint: Complaint
        self.later = FollowUps()

    def at(self, day: dt.date) -> dt.date:
        """Before a step dated ``day``: take the follow-ups that come before it."""
        self.later.run_until(day)
        return day

    def finish(self) -> None:
        """Take the follow-ups whose day has come; the rest are still to do today."""
        self.later.run_until(self.demo.today)

    # Logging and triage -----------------------------------------------------------------

    def log(
        self,
        kind: str = Kind.COMPLAINT,
        channel: str | None = None,
        *,
        member_name: str = "",
        member_role: str = "",
    ) -> Complaint:
        """Log what came in: by the complaints officer, or by nobody for the web form. A
        service request or member enquiry the officer logs is theirs to own (issue 17,
        item 3); a member enquiry names its councillor or MP."""
        demo, case = self.demo, self.case
        channel = channel or demo.pick(CHANNELS)
        resident = case.resident
        representative = demo.residents.representatives.get(resident.pk) if resident else None
        if representative is not None and not demo.chance(
            REPRESENTED if representative.has_consent else REPRESENTED_AWAITING_CONSENT
        ):
            representative = None
        vulnerable = (
            True if resident is not None and resident.pk in demo.residents.vulnerable else None
        )
        self.complaint = services.complaint_log(
            landlord=demo.landlord,
            received_on=case.received_on,
            channel=channel,
            description=case.story.description.format(**case.words),
            outcome_wanted=case.story.outcome_wanted,
            by=None if channel == Channel.WEB else demo.officer,
            kind=kind,
            jurisdiction=case.jurisdiction,
            resident=resident,
            representative=representative,
            service_area=demo.areas[case.area],
            theme=demo.themes[case.theme],
            vulnerable=vulnerable,
            raised_from=case.raised_from,
            owner=demo.officer if kind != Kind.COMPLAINT else None,
            member_name=member_name,
            member_role=member_role,
        )
        return self.complaint

    def first_action_day(self, received_on: dt.date) -> dt.date:
        """Triage happens on the day or within two working days."""
        return self.demo.add_days(received_on, self.demo.pick({0: 50, 1: 35, 2: 15}))

    def make(self, path: str) -> None:
        """A complaint from logging to wherever today finds it. ``path``: stage1 (answered,
        perhaps escalated), not_accepted, withdrawn, withdrawn_before_triage."""
        self.log()
        self.walk(path)
        self.finish()

    def walk(self, path: str) -> None:
        demo, case, complaint = self.demo, self.case, self.complaint
        officer = demo.officer
        triage_on = self.first_action_day(case.received_on)
        if not demo.come(triage_on):
            return
        if path == "withdrawn_before_triage":
            services.complaint_withdraw(
                complaint=complaint,
                requested_by=case.resident.name if case.resident else "the resident",
                reason=demo.rng.choice(WITHDRAWAL_REASONS),
                by=officer,
                on=triage_on,
            )
            return
        if path == "not_accepted":
            reason, _, explanation, discretion = demo.rng.choices(
                NOT_ACCEPTED, weights=[w for _, w, _, _ in NOT_ACCEPTED]
            )[0]
            services.complaint_not_accept(
                complaint=complaint,
                reason=reason,
                explanation=explanation,
                discretion_considered=discretion,
                by=officer,
                on=triage_on,
            )
            letters.not_accepted_letter(demo, complaint, triage_on, officer)
            return
        services.complaint_triage(
            complaint=complaint, decision=Kind.COMPLAINT, by=officer, on=triage_on
        )
        handler, contractor = self.stage1_desk()
        answer = self.work_stage(
            1, case.received_on, triage_on, handler, contractor, withdraw=path == "withdrawn"
        )
        if answer is not None:
            self.maybe_escalate(answer, handler, contractor)

    def stage1_desk(self) -> tuple[User, Contractor | None]:
        """Who handles stage 1: Kestrel's complaints officer takes some repairs, Greenway
        some estate services; otherwise the service's handler, or now and then a senior."""
        demo, area = self.demo, self.case.area
        staff, rng = demo.staff, demo.rng
        if demo.chance(0.04):
            return staff[rng.choice(("senior", "grace.oduya", "david.kowalski"))], None
        if area == REPAIRS and demo.chance(0.45):
            return staff["contractor"], demo.contractors[REPAIRS_CONTRACTOR]
        if area == ESTATE and demo.chance(0.3):
            return staff["sam.fletcher"], demo.contractors[GROUNDS_CONTRACTOR]
        choices = {
            REPAIRS: ("handler", "handler", "tom.reed"),
            ESTATE: ("tom.reed",),
            TENANCY: ("priya.shah", "priya.shah", "handler"),
            ASB: ("priya.shah", "priya.shah", "handler"),
            RENTS: ("priya.shah", "handler"),
            LETTINGS: ("priya.shah", "handler"),
            LEASEHOLD: ("handler", "priya.shah"),
            CUSTOMER: ("officer", "handler"),
        }[area]
        return staff[rng.choice(choices)], None

    # A stage ------------------------------------------------------------------------------

    def work_stage(
        self,
        number: int,
        requested_on: dt.date,
        first_day: dt.date,
        handler: User,
        contractor: Contractor | None,
        *,
        withdraw: bool = False,
        definition: tuple[Sequence[str], str] | None = None,
    ) -> Answer | None:
        """Allocate, define, acknowledge, perhaps extend, and respond to one stage; return
        the answer, or None if the stage is still open today (or withdrawn)."""
        demo, case, complaint = self.demo, self.case, self.complaint
        rng, officer = demo.rng, demo.officer
        due = stage_due_dates(demo.calendar, number, requested_on, None)
        if not demo.come(first_day):
            return None
        services.complaint_allocate(
            complaint=complaint,
            handler=handler,
            contractor=contractor,
            by=officer,
            on=self.at(first_day),
        )
        acknowledge_on = demo.add_days(requested_on, demo.pick({1: 25, 2: 25, 3: 20, 4: 15, 5: 15}))
        if demo.chance(0.13):  # a late acknowledgement, once its day has come
            late = demo.add_days(due.acknowledgement_due, rng.randint(1, 4))
            acknowledge_on = late if demo.come(late) else acknowledge_on
        acknowledge_on = max(acknowledge_on, first_day)
        if not demo.come(acknowledge_on):
            return None
        points, outcomes_sought = definition or (case.points(), case.story.outcome_wanted)
        services.complaint_define(
            complaint=complaint,
            points=points,
            outcomes_sought=outcomes_sought,
            not_responsible=case.story.not_responsible if number == 1 else "",
            by=handler,
            on=self.at(max(first_day, demo.add_days(acknowledge_on, -rng.randint(0, 1)))),
        )
        services.complaint_acknowledge(complaint=complaint, by=handler, on=self.at(acknowledge_on))
        if withdraw:
            withdrawn_on = demo.add_days(acknowledge_on, rng.randint(1, 6))
            if not demo.come(withdrawn_on):
                letters.acknowledgement_letter(demo, complaint, number, acknowledge_on, handler)
                return None
            services.complaint_withdraw(
                complaint=complaint,
                requested_by=case.resident.name if case.resident else "the resident",
                reason=rng.choice(WITHDRAWAL_REASONS),
                by=officer,
                on=self.at(withdrawn_on),
            )
            return None
        # Plan the rest first, then make it in date order: a note, an extension, the answer.
        response_due = stage_due_dates(
            demo.calendar, number, requested_on, acknowledge_on
        ).response_due
        extension_days, decided_on = 0, None
        if demo.chance(0.10 if number == 1 else 0.08):
            decided_on = max(acknowledge_on, demo.add_days(response_due, -rng.randint(1, 3)))
            if demo.come(decided_on):
                extension_days = self.extension_days(number)
                response_due = demo.add_days(response_due, extension_days)
            else:
                decided_on = None
        respond_on = max(
            decided_on or acknowledge_on,
            demo.add_days(response_due, -demo.pick({0: 20, 1: 20, 2: 20, 3: 15, 5: 15, 7: 10})),
        )
        if demo.chance(0.12):  # a late response, once its day has come
            late = demo.add_days(response_due, rng.randint(1, 6))
            respond_on = late if demo.come(late) else respond_on
        if not demo.come(respond_on):  # still open today: on the work queue
            letters.acknowledgement_letter(demo, complaint, number, acknowledge_on, handler)
        note_on = demo.add_days(acknowledge_on, rng.randint(0, 3))
        if demo.chance(0.3) and demo.come(note_on) and note_on < (decided_on or respond_on):
            services.complaint_add_note(
                complaint=complaint, text=rng.choice(NOTES), by=handler, on=self.at(note_on)
            )
        if decided_on is not None:
            services.complaint_extend(
                complaint=complaint,
                working_days=extension_days,
                reason=rng.choice(EXTENSION_REASONS),
                good_reason=rng.choice(GOOD_REASONS)
                if extension_days > EXTENSION_LIMIT_WORKING_DAYS[number]
                else "",
                ombudsman_details_given=number == 2 or not demo.chance(EXTENSION_WITHOUT_OMBUDSMAN),
                by=handler,
                on=self.at(decided_on),
            )
        if not demo.come(respond_on):
            return None
        outcome = self.respond(number, handler, contractor, respond_on, len(points))
        if outcome is None:  # decided; the letter that sends it is still to go
            return None
        return Answer(respond_on, outcome)

    def extension_days(self, number: int) -> int:
        """Code 6.4 / 6.16: an extension for complexity, up to 10 (stage 1) or 20 (stage 2)
        working days; a few go past that, with a good reason."""
        limit = EXTENSION_LIMIT_WORKING_DAYS[number]
        if self.demo.chance(0.15):
            return limit + self.demo.rng.choice((3, 5))
        return self.demo.rng.choice((5, 10, limit))

    def respond(
        self,
        number: int,
        handler: User,
        contractor: Contractor | None,
        on: dt.date,
        points: int,
        *,
        may_wait: bool = True,
    ) -> str | None:
        """Code 6.9 / 6.19: the decision on each of the ``points`` and overall, reasons,
        remedies and any outstanding actions; then the response letter, which sends it, and
        the follow-up of what it promised. Returns the outcome, or None while the letter is
        still to send."""
        demo, complaint = self.demo, self.complaint
        weights = (
            {Outcome.UPHELD: 48, Outcome.PARTLY_UPHELD: 18, Outcome.NOT_UPHELD: 34}
            if number == 1
            else {Outcome.UPHELD: 30, Outcome.PARTLY_UPHELD: 42, Outcome.NOT_UPHELD: 28}
        )
        outcome = demo.pick(weights)
        point_outcomes = [outcome] * points
        if outcome == Outcome.PARTLY_UPHELD and points > 1:
            point_outcomes = [Outcome.UPHELD] + [Outcome.NOT_UPHELD] * (points - 1)
        finding = FINDINGS[self.case.theme]
        if outcome == Outcome.UPHELD:
            reasons = (
                f"We have looked at {finding.evidence} and spoken to the staff involved. "
                f"We found that {finding.failure}. That falls short of {finding.policy}. "
                "We are sorry, and we set out below how we will put it right."
            )
        elif outcome == Outcome.PARTLY_UPHELD:
            reasons = (
                f"We have looked at {finding.evidence}. We found that {finding.failure}, and "
                f"we are sorry for that. But {finding.defence}, so we do not uphold the rest."
            )
        else:
            reasons = (
                f"We have looked at {finding.evidence}. We found that {finding.defence}, in "
                f"line with {finding.policy}, so we do not uphold your complaint."
            )
        owner = contractor.name if contractor else finding.owner
        stage = services.complaint_respond(
            complaint=complaint,
            outcome=outcome,
            reasons=reasons,
            point_outcomes=point_outcomes,
            remedies=remedies_offered(demo, outcome, number, on, finding),
            actions=actions_promised(demo, outcome, on, finding, owner),
            root_cause=finding.root_cause[0],
            root_cause_detail=finding.root_cause[1],
            by=handler,
            on=self.at(on),
        )
        letters.response_letter(demo, complaint, number, on, handler, may_wait=may_wait)
        stage = Stage.objects.get(pk=stage.pk)
        if stage.responded_on is None:
            return None
        follow_up(demo, stage, handler, self.later)  # sent: what it promised is followed up
        return outcome

    def acknowledge(self, handler: User, points: Sequence[str], on: dt.date) -> None:
        """Code 6.2: acknowledged, defined and logged together (a case placed on the work
        queue, whose next step is its response)."""
        case = self.case
        services.complaint_define(
            complaint=self.complaint,
            points=points,
            outcomes_sought=case.story.outcome_wanted,
            not_responsible=case.story.not_responsible,
            by=handler,
            on=self.at(on),
        )
        services.complaint_acknowledge(complaint=self.complaint, by=handler, on=on)

    # Stage 2 ------------------------------------------------------------------------------

    def maybe_escalate(
        self, stage1: Answer, stage1_handler: User, contractor: Contractor | None
    ) -> None:
        """About one in six ask for stage 2, more of those not upheld (Code 6.12: no reason
        required). A few are refused for a valid reason; a few withdraw."""
        demo = self.demo
        chance = {Outcome.UPHELD: 0.07, Outcome.PARTLY_UPHELD: 0.26, Outcome.NOT_UPHELD: 0.28}
        if not demo.chance(chance[Outcome(stage1.outcome)]):
            return
        gap = demo.rng.randint(2, 27) if demo.chance(0.93) else demo.rng.randint(30, 50)
        requested_on = stage1.on + dt.timedelta(days=gap)
        if not demo.come(requested_on):
            return
        reason = demo.pick({k: w for k, (w, _) in ESCALATION_REASONS.items()})
        services.complaint_request_escalation(
            complaint=self.complaint,
            requested_on=self.at(requested_on),
            reason=reason,
            reason_text=ESCALATION_REASONS[reason][1],
            by=demo.officer if demo.chance(0.7) else None,
        )
        self.work_stage2(requested_on, stage1_handler, contractor, reason)

    def work_stage2(
        self,
        requested_on: dt.date,
        stage1_handler: User,
        contractor: Contractor | None,
        reason: str,
    ) -> None:
        """Stage 2, by a senior handler who did not handle stage 1 (Code 6.13), unless it
        is refused for a valid reason (Code 6.12) or withdrawn."""
        demo = self.demo
        # About 3 in 100 escalations refused and 4 in 100 withdrawn, the first of each early
        # so that a mid-sized demo shows both.
        demo.escalations += 1
        path = (
            "refused"
            if demo.escalations % 30 == 2
            else "withdrawn"
            if demo.escalations % 25 == 5
            else "answered"
        )
        first_day = demo.add_days(requested_on, 0)
        if path == "refused":
            refused_on = demo.add_days(requested_on, demo.rng.randint(1, 3))
            if demo.come(refused_on):
                senior = demo.staff["senior"]
                services.complaint_refuse_escalation(
                    complaint=self.complaint,
                    reason=NotAcceptedReason.PREVIOUSLY_CONSIDERED,
                    explanation="We gave our final response on the same matter in an earlier "
                    "complaint, and nothing new has been raised. You can ask the Housing "
                    "Ombudsman to look at that response, or at this decision.",
                    by=senior,
                    on=self.at(refused_on),
                )
                letters.letter_send(
                    demo, self.complaint, LetterKind.ESCALATION_REFUSED, refused_on, senior
                )
            return
        points = [
            f"The resident remains unhappy: {EscalationReason(reason).label.lower()}",
            *self.case.points()[:1],
        ]
        # The contractor stays named on the complaint: stage 1 was theirs (reports count
        # the handler by it), and the landlord's senior handler takes stage 2.
        self.work_stage(
            2,
            requested_on,
            first_day,
            stage2_handler(demo, stage1_handler),
            contractor,
            withdraw=path == "withdrawn",
            definition=(points, f"A fresh review. {self.case.story.outcome_wanted}"),
        )
