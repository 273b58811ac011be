"""A landlord's record whose report figures are known by construction, for the report tests.

Two financial years, 2022/23 and 2023/24, mostly imported as a complaint register (the
rows below), with one complaint worked through the services for what a register cannot
hold (an apology, a remedy's dates, a resident's equality data). Every date was checked
by hand against the England and Wales bank holidays; the comment on each row says what it
adds to the figures. ``EXPECTED_2023`` in test_annual_report.py is the whole JSON counted
by hand from these rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from putright.complaints import services
from putright.landlords.models import HomesCount, Landlord, ServiceArea
from putright.residents.models import EqualityData, Resident
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
    # against 3 July but inside the 10-day extension agreed (to 17 July): partly upheld.
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
