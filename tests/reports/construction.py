"""Landlords' records whose report figures are known by construction, for the report tests.

``build_landlord``: two financial years, 2022/23 and 2023/24, mostly imported as a
complaint register (the rows below), with one complaint worked through the services for
what a register cannot hold (an apology, a remedy's dates, a resident's equality data).
Every date was checked by hand against the England and Wales bank holidays; the comment on
each row says what it adds to the figures. ``EXPECTED_2023`` in test_annual_report.py is
the whole JSON counted by hand from these rows.

``build_worked_landlord``: one year worked through the services from start to finish, with
the Ombudsman's casework, learning, residents' feedback and an approved self-assessment;
``EXPECTED_WORKED_2023`` in test_worked_report.py is its whole JSON counted by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from putright.complaints import services
from putright.landlords.models import HomesCount, Landlord, Role, ServiceArea, Theme
from putright.learning.models import LearningRecord
from putright.ombudsman.models import (
    Contact,
    Determination,
    FailureOrder,
    Finding,
    OmbudsmanCase,
    Order,
)
from putright.portal.models import Feedback
from putright.residents.models import EqualityData, Resident
from putright.selfassessment.catalogue import PROVISIONS
from putright.selfassessment.services import (
    AnswerInput,
    answers_save,
    assessment_approve,
    assessment_start,
)
from tests import factories
from tests.registers.support import import_dicts

D = dt.date

REGISTER = (
    # R1: received Mon 5 June 2023, acknowledged 7 June (due 12 June), answered 20 June
    # (due 21 June): upheld, £100 for distress. Escalated 3 July (compensation),
    # acknowledged 5 July (due 10 July), final response 31 July (due 2 August): not upheld,
    # £50.50 goodwill.
    {
        "reference": "R1",
        "received_date": "2023-06-05",
        "tenure": "tenant",
        "service_area": "Repairs",
        "theme": "Damp and mould",
        "root_cause": "communication",
        "s1_acknowledged_date": "2023-06-07",
        "s1_responded_date": "2023-06-20",
        "s1_outcome": "upheld",
        "s1_compensation_gbp": "100",
        "s1_compensation_reason": "distress_inconvenience",
        "escalation_requested_date": "2023-07-03",
        "escalation_reason": "compensation",
        "s2_acknowledged_date": "2023-07-05",
        "s2_responded_date": "2023-07-31",
        "s2_outcome": "not_upheld",
        "s2_compensation_gbp": "50.50",
        "s2_compensation_reason": "goodwill",
        "age_band": "31_50",
        "sex": "female",
        "ethnicity": "White British",
        "disability": "no",
    },
    # R2: a contractor's; acknowledged late (21 June, due 19 June); answered 12 July, late
    # against 3 July but inside the 10-day extension agreed (to 17 July): partly upheld. The
    # register says the response did not go as a letter with every element (Code 6.9).
    {
        "reference": "R2",
        "received_date": "2023-06-12",
        "tenure": "leaseholder",
        "service_area": "Repairs",
        "handled_by": "Fixit Ltd",
        "theme": "Repairs delay",
        "root_cause": "service_failure",
        "s1_acknowledged_date": "2023-06-21",
        "s1_extension_working_days": "10",
        "s1_extension_reason": "Waiting for a survey",
        "s1_responded_date": "2023-07-12",
        "s1_outcome": "partly_upheld",
        "s1_letter_sent": "no",
        "age_band": "31_50",
        "sex": "female",
        "ethnicity": "White British",
        "disability": "yes",
    },
    # R3: received in March 2024, answered in April 2024 (the next year).
    {
        "reference": "R3",
        "received_date": "2024-03-25",
        "tenure": "tenant",
        "service_area": "Repairs",
        "s1_acknowledged_date": "2024-03-26",
        "s1_responded_date": "2024-04-05",
        "s1_outcome": "not_upheld",
    },
    # R4: withdrawn at stage 1, still counted as received; tenure not recorded.
    {
        "reference": "R4",
        "received_date": "2023-09-04",
        "s1_acknowledged_date": "2023-09-05",
        "withdrawn_date": "2023-09-08",
    },
    # R5: not accepted: legal proceedings.
    {
        "reference": "R5",
        "received_date": "2023-10-02",
        "tenure": "tenant",
        "not_accepted_reason": "legal_proceedings",
        "not_accepted_detail": "Court proceedings have started.",
    },
    # R6: answered late (30 November, due 16 November); stage 2 refused.
    {
        "reference": "R6",
        "received_date": "2023-11-01",
        "tenure": "tenant",
        "service_area": "Tenancy",
        "root_cause": "policy_procedure",
        "s1_acknowledged_date": "2023-11-02",
        "s1_responded_date": "2023-11-30",
        "s1_outcome": "not_upheld",
        "escalation_requested_date": "2023-12-04",
        "s2_not_accepted_reason": "previously_considered",
    },
    # R7: a service request; R8: a member enquiry; R9: under the LGSCO (never counted).
    {"reference": "R7", "kind": "service_request", "received_date": "2023-08-02"},
    {"reference": "R8", "kind": "member_enquiry", "received_date": "2023-08-03"},
    {
        "reference": "R9",
        "received_date": "2023-08-01",
        "jurisdiction": "lgsco",
        "s1_acknowledged_date": "2023-08-02",
        "s1_responded_date": "2023-08-10",
        "s1_outcome": "upheld",
    },
    # R10: received in March 2023 (the year before), answered 3 April 2023 (due 4 April).
    {
        "reference": "R10",
        "received_date": "2023-03-20",
        "root_cause": "communication",
        "s1_acknowledged_date": "2023-03-21",
        "s1_responded_date": "2023-04-03",
        "s1_outcome": "upheld",
    },
    # R11: a contractor's, extended by 15 working days (over the limit, no reason given):
    # due 25 July, extended to 15 August, answered 14 August: upheld, £250 time and trouble.
    {
        "reference": "R11",
        "received_date": "2023-07-10",
        "tenure": "shared_owner",
        "service_area": "Repairs",
        "handled_by": "Fixit Ltd",
        "theme": "Damp and mould",
        "root_cause": "service_failure",
        "s1_acknowledged_date": "2023-07-11",
        "s1_extension_working_days": "15",
        "s1_responded_date": "2023-08-14",
        "s1_outcome": "upheld",
        "s1_compensation_gbp": "250",
        "s1_compensation_reason": "time_trouble",
    },
    # R12 - R16: received and acknowledged the same day in January 2024, not yet answered;
    # all gave the same equality answers.
    *(
        {
            "reference": f"R{12 + i}",
            "received_date": f"2024-01-{8 + i:02d}",
            "tenure": "tenant",
            "service_area": "Repairs",
            "s1_acknowledged_date": f"2024-01-{8 + i:02d}",
            "age_band": "31_50",
            "sex": "female",
            "ethnicity": "White British",
            "disability": "no",
        }
        for i in range(5)
    ),
    # 2022/23: P1 answered on time (acknowledged 7 June 2022, due 13 June; answered 15
    # June, due 21 June); P2 not accepted; P3 a service request.
    {
        "reference": "P1",
        "received_date": "2022-06-06",
        "tenure": "tenant",
        "service_area": "Repairs",
        "root_cause": "communication",
        "s1_acknowledged_date": "2022-06-07",
        "s1_responded_date": "2022-06-15",
        "s1_outcome": "upheld",
    },
    {"reference": "P2", "received_date": "2022-07-04", "not_accepted_reason": "over_12_months"},
    {"reference": "P3", "kind": "service_request", "received_date": "2022-05-05"},
)


def build_landlord(name: str = "Known Homes") -> Landlord:
    """The landlord of this module's record: the register, S1 and the homes counts."""
    landlord = factories.landlord(name)
    HomesCount.objects.create(landlord=landlord, year=2022, lcra=3900, lcho=1000)
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=4000, lcho=1000)
    summary = import_dicts(landlord, *REGISTER)
    assert summary.created == len(REGISTER), summary
    add_s1(landlord)
    return landlord


def add_s1(landlord: Landlord) -> None:
    """S1, through the services: received Tue 2 May 2023 (8 May was the coronation bank
    holiday), acknowledged 3 May (due 10 May), answered 10 May (due 18 May): partly upheld,
    with an apology done early and £75 reimbursement accepted and paid, done late. Its
    resident gave equality data."""
    resident = Resident.objects.create(landlord=landlord, name="Sam Example", tenure="tenant")
    EqualityData.objects.create(
        landlord=landlord,
        resident=resident,
        age_band="66_plus",
        sex="male",
        ethnicity="Black British, Caribbean",
        disability="yes",
    )
    tenancy, _ = ServiceArea.objects.get_or_create(landlord=landlord, name="Tenancy")
    complaint = services.complaint_log(
        landlord=landlord,
        received_on=D(2023, 5, 2),
        channel="email",
        description="Nobody told me about the rent change.",
        by=None,
        resident=resident,
        tenure="tenant",
        service_area=tenancy,
    )
    services.complaint_triage(complaint=complaint, decision="complaint", by=None, on=D(2023, 5, 2))
    services.complaint_define(
        complaint=complaint,
        points=["Not told about the rent change"],
        outcomes_sought="An apology",
        by=None,
        on=D(2023, 5, 3),
    )
    services.complaint_allocate(
        complaint=complaint, handler=factories.user(landlord=landlord), by=None
    )
    services.complaint_acknowledge(complaint=complaint, by=None, on=D(2023, 5, 3))
    services.complaint_respond(
        complaint=complaint,
        outcome="partly_upheld",
        reasons="We should have written to you.",
        point_outcomes=["partly_upheld"],
        remedies=[
            services.RemedyInput(kind="apology", description="Apology", due_on=D(2023, 5, 17)),
            services.RemedyInput(
                kind="financial",
                description="Postage and calls",
                due_on=D(2023, 5, 31),
                amount=Decimal("75"),
                compensation_reason="reimbursement",
            ),
        ],
        root_cause="communication",
        by=None,
        on=D(2023, 5, 10),
    )
    factories.response_letter_sent(complaint, on=D(2023, 5, 10))
    stage = complaint.stages.get(number=1)
    apology = stage.remedies.get(kind="apology")
    money = stage.remedies.get(kind="financial")
    services.remedy_record_progress(remedy=apology, by=None, done_on=D(2023, 5, 15))
    services.remedy_record_progress(
        remedy=money,
        by=None,
        accepted_on=D(2023, 5, 12),
        amount_accepted=Decimal("75"),
        paid_on=D(2023, 5, 20),
        amount_paid=Decimal("75"),
        payment_method="rent_account",
        done_on=D(2023, 6, 5),
    )


# A second record, worked through the services from start to finish -----------------------
#
# "Worked Homes" has one year, 2023/24, and nothing before it: every case below went through
# Putright, so it holds what a register cannot (extensions decided with their dates and
# whether the Ombudsman's details were given, remedies followed through, a stage 2 handler),
# and the other apps' records fill the report's sections: the Ombudsman's casework and a
# failure order, learning, residents' feedback and an approved self-assessment. (The
# extension letters, which give the Ombudsman's details, are not issued here: the
# extensions that gave them say so, as the API does for letters another system sent.)
# ``EXPECTED_WORKED_2023`` in test_worked_report.py is the whole JSON counted by hand.
#
# 2023 bank holidays: 1 and 8 May, 29 May, 28 August, 25 and 26 December; 2024: 1 January,
# 29 March and 1 April (Easter). Working days are counted on from the day after.


def _accept_define_allocate(complaint, on, handler):
    services.complaint_triage(complaint=complaint, decision="complaint", by=None, on=on)
    services.complaint_define(
        complaint=complaint, points=["What went wrong"], outcomes_sought="Put it right",
        by=None, on=on,
    )  # fmt: skip
    services.complaint_allocate(complaint=complaint, handler=handler, by=None)


def _escalate(complaint, requested_on, handler, *, acknowledged_on, reason=""):
    services.complaint_request_escalation(
        complaint=complaint, requested_on=requested_on, by=None, reason=reason
    )
    services.complaint_define(
        complaint=complaint, points=["Still wrong"], outcomes_sought="Put it right",
        by=None, on=requested_on,
    )  # fmt: skip
    services.complaint_allocate(complaint=complaint, handler=handler, by=None)
    services.complaint_acknowledge(complaint=complaint, by=None, on=acknowledged_on)


def _respond(complaint, on, outcome, root_cause, remedies=()):
    """The decision recorded and sent the same day, as issuing its letter sends it."""
    services.complaint_respond(
        complaint=complaint, outcome=outcome, reasons="Our reasons.", point_outcomes=[outcome],
        remedies=list(remedies), root_cause=root_cause, by=None, on=on,
    )  # fmt: skip
    factories.response_letter_sent(complaint, on=on)


def _money(description, amount, reason, due_on):
    return services.RemedyInput(
        kind="financial", description=description, due_on=due_on, amount=Decimal(amount),
        compensation_reason=reason,
    )  # fmt: skip


def build_worked_landlord(name: str = "Worked Homes") -> Landlord:
    """The landlord of the second record (see above)."""
    landlord = factories.landlord(name)
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=2000, lcho=500)
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    estates = ServiceArea.objects.create(landlord=landlord, name="Estates")
    damp = Theme.objects.create(landlord=landlord, name="Damp and mould")
    fixit = factories.contractor(landlord, "Fixit Ltd")
    first = factories.user(landlord=landlord)
    second = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)  # stage 2 (Code 6.13)
    resident = Resident.objects.create(landlord=landlord, name="Pat Example", tenure="tenant")
    EqualityData.objects.create(
        landlord=landlord, resident=resident, age_band="31_50", sex="female",
        ethnicity="White British", disability="no",
    )  # fmt: skip

    # E1: received Mon 4 September 2023, acknowledged 5 September (due 11 September). The
    # response was due 19 September; extended on 15 September by 5 working days to 26
    # September (the Ombudsman's details given); answered 22 September: upheld, £100 for
    # distress (accepted, paid and done 2 October, before its date of 6 October), £40 for
    # time and trouble (done 10 October, after it) and an apology, in the letter itself.
    e1 = factories.complaint(
        landlord, received_on=D(2023, 9, 4), resident=resident, tenure="tenant",
        service_area=repairs, theme=damp,
    )  # fmt: skip
    _accept_define_allocate(e1, D(2023, 9, 4), first)
    services.complaint_acknowledge(complaint=e1, by=None, on=D(2023, 9, 5))
    services.complaint_extend(
        complaint=e1, working_days=5, reason="Waiting for a surveyor", by=None,
        ombudsman_details_given=True, on=D(2023, 9, 15),
    )  # fmt: skip
    _respond(
        e1, D(2023, 9, 22), "upheld", "service_failure",
        [
            _money("For the distress", "100", "distress_inconvenience", D(2023, 10, 6)),
            _money("For your time", "40", "time_trouble", D(2023, 10, 6)),
            services.RemedyInput(kind="apology", description="We are sorry", due_on=D(2023, 9, 22)),
        ],
    )  # fmt: skip
    distress, time_trouble = (
        e1.stage(1).remedies.get(compensation_reason=reason)
        for reason in ("distress_inconvenience", "time_trouble")
    )
    services.remedy_record_progress(
        remedy=distress, by=None, accepted_on=D(2023, 9, 28), amount_accepted=Decimal("100"),
        paid_on=D(2023, 10, 2), amount_paid=Decimal("100"), payment_method="bank_transfer",
        done_on=D(2023, 10, 2),
    )  # fmt: skip
    services.remedy_record_progress(remedy=time_trouble, by=None, done_on=D(2023, 10, 10))
    apology = e1.stage(1).remedies.get(kind="apology")
    services.remedy_record_progress(remedy=apology, by=None, done_on=D(2023, 9, 22))
    # E1 at stage 2: asked for Mon 2 October (the actions were not done), acknowledged late on
    # 10 October (due 9 October), so the response was due 20 working days after 9 October:
    # 6 November; extended on 1 November by 10 working days to 20 November; answered 17
    # November, partly upheld, with £250 reimbursement due 1 December and never done.
    _escalate(
        e1, D(2023, 10, 2), second, acknowledged_on=D(2023, 10, 10), reason="actions_not_done"
    )
    services.complaint_extend(
        complaint=e1, working_days=10, reason="Specialist report", by=None,
        ombudsman_details_given=True, on=D(2023, 11, 1),
    )  # fmt: skip
    _respond(
        e1, D(2023, 11, 17), "partly_upheld", "service_failure",
        [_money("Your costs", "250", "reimbursement", D(2023, 12, 1))],
    )  # fmt: skip

    # E2: a contractor's, received Mon 6 November 2023, acknowledged late on 15 November (due
    # 13 November), so the response was due 10 working days after 13 November: 27 November.
    # Extended on 24 November by 8 working days to 7 December without the Ombudsman's
    # details, then on 6 December by 4 more to 13 December (12 in all, over the limit, with
    # a good reason); answered late on 18 December: not upheld.
    e2 = factories.complaint(
        landlord, received_on=D(2023, 11, 6), tenure="leaseholder", service_area=estates,
        contractor=fixit,
    )  # fmt: skip
    _accept_define_allocate(e2, D(2023, 11, 6), first)
    services.complaint_acknowledge(complaint=e2, by=None, on=D(2023, 11, 15))
    services.complaint_extend(
        complaint=e2, working_days=8, reason="Awaiting the contractor", by=None,
        ombudsman_details_given=False, on=D(2023, 11, 24),
    )  # fmt: skip
    services.complaint_extend(
        complaint=e2, working_days=4, reason="The contractor went into administration",
        good_reason="A new contractor had to inspect", by=None,
        ombudsman_details_given=True, on=D(2023, 12, 6),
    )  # fmt: skip
    _respond(e2, D(2023, 12, 18), "not_upheld", "communication")
    # E2 at stage 2: asked for Mon 8 January 2024 with no reason, acknowledged 15 January
    # (due 15 January), answered on its due date, 12 February: upheld, £75 goodwill due 26
    # February, accepted, paid and done on 20 February.
    _escalate(e2, D(2024, 1, 8), second, acknowledged_on=D(2024, 1, 15))
    _respond(
        e2, D(2024, 2, 12), "upheld", "communication",
        [_money("Goodwill", "75", "goodwill", D(2024, 2, 26))],
    )  # fmt: skip
    goodwill = e2.stage(2).remedies.get()
    services.remedy_record_progress(
        remedy=goodwill, by=None, accepted_on=D(2024, 2, 14), amount_accepted=Decimal("75"),
        paid_on=D(2024, 2, 20), amount_paid=Decimal("75"), payment_method="bank_transfer",
        done_on=D(2024, 2, 20),
    )  # fmt: skip

    # E3: received Mon 22 January 2024, tenure not recorded, acknowledged 23 January (due 29
    # January), withdrawn 26 January. E4: received 5 February 2024, not accepted (over 12
    # months). E5: received Tue 19 March 2024, acknowledged 20 March (due 26 March), answered
    # 4 April 2024 (the next year; due 5 April).
    e3 = factories.complaint(landlord, received_on=D(2024, 1, 22), service_area=repairs)
    _accept_define_allocate(e3, D(2024, 1, 22), first)
    services.complaint_acknowledge(complaint=e3, by=None, on=D(2024, 1, 23))
    services.complaint_withdraw(complaint=e3, requested_by="Resident", by=None, on=D(2024, 1, 26))
    e4 = factories.complaint(landlord, received_on=D(2024, 2, 5))
    services.complaint_not_accept(
        complaint=e4, reason="over_12_months", explanation="It happened in 2021.",
        discretion_considered="No good reason for the delay.", by=None, on=D(2024, 2, 6),
    )  # fmt: skip
    e5 = factories.complaint(
        landlord, received_on=D(2024, 3, 19), tenure="tenant", service_area=repairs, theme=damp
    )
    _accept_define_allocate(e5, D(2024, 3, 19), first)
    services.complaint_acknowledge(complaint=e5, by=None, on=D(2024, 3, 20))
    _respond(e5, D(2024, 4, 4), "upheld", "communication")
    # E6 a service request, E7 a member enquiry, E8 under the LGSCO: never in the figures.
    factories.complaint(landlord, received_on=D(2023, 10, 10), kind="service_request")
    factories.complaint(landlord, received_on=D(2023, 10, 11), kind="member_enquiry")
    lgsco = factories.complaint(landlord, received_on=D(2023, 10, 12), jurisdiction="lgsco")
    _accept_define_allocate(lgsco, D(2023, 10, 12), first)

    # Residents' feedback on E1's and E2's stage 1 responses.
    Feedback.objects.create(
        landlord=landlord, complaint=e1, stage=1, given_on=D(2023, 9, 25), given_by="resident",
        process_satisfaction=4, outcome_satisfaction=5,
    )  # fmt: skip
    Feedback.objects.create(
        landlord=landlord, complaint=e2, stage=1, given_on=D(2023, 12, 20), given_by="resident",
        process_satisfaction=1, outcome_satisfaction=2,
    )  # fmt: skip

    # The Ombudsman on E2: two contacts in 2023/24 (one answered on time, one late), one
    # from 2022/23 (not counted), a determination in March 2024 with two findings, an order
    # complied with and a recommendation still open; a failure order in January 2024.
    case = OmbudsmanCase.objects.create(
        landlord=landlord, complaint=e2, reference="HOS-2024-001", opened_on=D(2023, 3, 1)
    )
    Contact.objects.create(
        case=case, kind="enquiry", received_on=D(2023, 3, 1), deadline=D(2023, 3, 15),
        met_on=D(2023, 3, 10),
    )  # fmt: skip
    Contact.objects.create(
        case=case, kind="evidence_request", received_on=D(2024, 2, 1),
        deadline=D(2024, 2, 15), met_on=D(2024, 2, 14),
    )  # fmt: skip
    Contact.objects.create(
        case=case, kind="information_request", received_on=D(2024, 3, 1),
        deadline=D(2024, 3, 8), met_on=D(2024, 3, 11),
    )  # fmt: skip
    determination = Determination.objects.create(case=case, determined_on=D(2024, 3, 20))
    fault = Finding.objects.create(
        determination=determination, number=1, element="Complaint handling",
        finding="maladministration",
    )  # fmt: skip
    Finding.objects.create(
        determination=determination, number=2, element="Repairs", finding="no_maladministration"
    )
    Order.objects.create(
        determination=determination, finding=fault, kind="compensation",
        description="Pay £150 for the delay", due_on=D(2024, 4, 17), owner="Finance",
        status="complied", completed_on=D(2024, 4, 10),
    )  # fmt: skip
    Order.objects.create(
        determination=determination, is_recommendation=True, kind="policy_review",
        description="Review the extensions policy", due_on=D(2024, 6, 20),
        owner="Head of complaints",
    )  # fmt: skip
    FailureOrder.objects.create(
        landlord=landlord, case=case, issued_on=D(2024, 1, 15), kind="type_2",
        what_failed="Evidence sent late", actions_taken="A deadline tracker",
        actions_done_on=D(2024, 2, 1),
    )  # fmt: skip

    # Learning: one improvement made in the year, one under way, one made the year before.
    LearningRecord.objects.create(
        landlord=landlord, complaint=e1, what_went_wrong="Surveys took weeks",
        learning="Book the surveyor at acknowledgement", improvement="Surveys booked on day one",
        owner="Repairs", status="done", recorded_on=D(2023, 11, 20), done_on=D(2023, 12, 1),
    )  # fmt: skip
    LearningRecord.objects.create(
        landlord=landlord, complaint=e2, what_went_wrong="Contractor letters unclear",
        learning="Plain English", improvement="New contractor templates",
        owner="Complaints", recorded_on=D(2024, 2, 5),
    )  # fmt: skip
    LearningRecord.objects.create(
        landlord=landlord, what_went_wrong="Old", learning="Old", improvement="Old",
        owner="Complaints", status="done", recorded_on=D(2022, 5, 1), done_on=D(2022, 6, 1),
    )  # fmt: skip

    # The self-assessment for 2023/24, every answer yes but 6.3, approved on 12 June 2024.
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    answers = {p.number: AnswerInput("yes", evidence="Our policy") for p in PROVISIONS}
    answers["6.3"] = AnswerInput(
        "no", "Our policy", "Responses are often late", "Two more officers", D(2024, 9, 30)
    )
    answers_save(assessment=assessment, answers=answers, by=None)
    assessment_approve(
        assessment=assessment, approved_on=D(2024, 6, 12), approved_by="Board",
        today=D(2024, 6, 13), by=None,
    )  # fmt: skip
    return landlord


def add_alike(landlord: Landlord, n: int) -> None:
    """``n`` stage 1 complaints alike in everything the figures count, from a register:
    received Mon 3 July 2023 about lettings, acknowledged the next day, answered on time on
    10 July, upheld with £10 goodwill."""
    import_dicts(
        landlord,
        *(
            {
                "reference": f"A{i}",
                "received_date": "2023-07-03",
                "tenure": "tenant",
                "service_area": "Lettings",
                "theme": "Damp and mould",
                "root_cause": "communication",
                "s1_acknowledged_date": "2023-07-04",
                "s1_responded_date": "2023-07-10",
                "s1_outcome": "upheld",
                "s1_compensation_gbp": "10",
                "s1_compensation_reason": "goodwill",
            }
            for i in range(1, n + 1)
        ),
    )


class NothingEntered(dict):
    """The tenant perception measures of a year with none entered: equal to a block with
    TP01 to TP12, each not entered, with no answers and no figure."""

    CODES = tuple(f"TP{n:02d}" for n in range(1, 13))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, dict)
            and tuple(other) == self.CODES
            and all(
                m["entered"] is False
                and m["answers"] is None
                and m["satisfied_pct"] is None
                and m["previous_pct"] is None
                for m in other.values()
            )
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]
