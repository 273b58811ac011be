"""The annual figures counted by the database agree with the counting rules, and with
figures known by construction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.landlords.models import HomesCount, Role, ServiceArea, Theme
from putright.reports.annual import annual_figures
from putright.reports.facts import annual_figures_by_rules
from tests import factories

pytestmark = pytest.mark.django_db

D = dt.date


def _accept(c, on=None):
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=on or c.received_on)


def _work(landlord, c, *, ack_on, handler=None):
    services.complaint_define(
        complaint=c, points=["Point"], outcomes_sought="Fix it", by=None, on=ack_on
    )
    services.complaint_allocate(
        complaint=c,
        # A senior handler may take either stage (Code 6.13).
        handler=handler or factories.user(landlord=landlord, role=Role.SENIOR_HANDLER),
        by=None,
    )
    services.complaint_acknowledge(complaint=c, by=None, on=ack_on)


def _respond(c, on, outcome="upheld", amount=None):
    remedies = []
    if amount:
        remedies.append(
            services.RemedyInput(
                kind="financial",
                due_on=on,
                amount=Decimal(amount),
                compensation_reason="distress_inconvenience",
            )
        )
    services.complaint_respond(
        complaint=c,
        outcome=outcome,
        reasons="Reasons",
        point_outcomes=[outcome],
        remedies=remedies,
        root_cause="communication",
        by=None,
        on=on,
    )
    factories.response_letter_sent(c, on=on)  # the response goes with its letter


@pytest.fixture
def record():
    """A landlord's 2023/24 built case by case; each case says what it adds to the figures."""
    landlord = factories.landlord("Test Homes")
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=4000, lcho=1000)
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    damp = Theme.objects.create(landlord=landlord, name="Damp and mould")
    contractor = factories.contractor(landlord, "Fixit Ltd")

    # 1. On time at stage 1, upheld with £100; escalated, stage 2 on time, not upheld.
    c1 = factories.complaint(
        landlord, received_on=D(2023, 4, 3), service_area=repairs, theme=damp, tenure="tenant"
    )
    _accept(c1)
    _work(landlord, c1, ack_on=D(2023, 4, 4))
    _respond(c1, D(2023, 4, 14), amount="100")
    services.complaint_request_escalation(
        complaint=c1, requested_on=D(2023, 5, 2), by=None, reason="compensation"
    )
    _work(landlord, c1, ack_on=D(2023, 5, 3))
    _respond(c1, D(2023, 5, 25), outcome="not_upheld", amount="50.50")

    # 2. Late acknowledgement; response late against the Code but inside an agreed extension.
    c2 = factories.complaint(
        landlord, received_on=D(2023, 6, 1), contractor=contractor, tenure="leaseholder"
    )
    _accept(c2)
    _work(landlord, c2, ack_on=D(2023, 6, 15))  # due 8 June: late
    services.complaint_extend(
        complaint=c2, working_days=10, reason="Survey", by=None, on=D(2023, 6, 16)
    )
    _respond(c2, D(2023, 7, 5), outcome="partly_upheld")  # due 22 June, extended to 6 July

    # 3. Received in March 2024, answered in April 2024 (next year).
    c3 = factories.complaint(landlord, received_on=D(2024, 3, 25))
    _accept(c3)
    _work(landlord, c3, ack_on=D(2024, 3, 26))
    _respond(c3, D(2024, 4, 5), outcome="not_upheld")

    # 4. Withdrawn during stage 1: still counted as received.
    c4 = factories.complaint(landlord, received_on=D(2023, 9, 1))
    _accept(c4)
    services.complaint_withdraw(complaint=c4, requested_by="Resident", by=None, on=D(2023, 9, 5))

    # 5. Not accepted.
    c5 = factories.complaint(landlord, received_on=D(2023, 10, 2))
    services.complaint_not_accept(
        complaint=c5, reason="legal_proceedings", explanation="In court.", by=None
    )

    # 6. Stage 2 refused.
    c6 = factories.complaint(landlord, received_on=D(2023, 11, 1))
    _accept(c6)
    _work(landlord, c6, ack_on=D(2023, 11, 2))
    _respond(c6, D(2023, 11, 30), outcome="not_upheld")  # due 16 Nov: late
    services.complaint_request_escalation(complaint=c6, requested_on=D(2023, 12, 4), by=None)
    services.complaint_refuse_escalation(
        complaint=c6,
        reason="previously_considered",
        explanation="Done.",
        by=None,
        on=D(2023, 12, 5),
    )

    # 7. Still waiting for triage; 8. LGSCO; 9. a service request; 10. a member enquiry;
    # 11. received in the previous year and answered this year.
    factories.complaint(landlord, received_on=D(2024, 3, 28))
    lgsco = factories.complaint(landlord, received_on=D(2023, 8, 1), jurisdiction="lgsco")
    _accept(lgsco)
    factories.complaint(landlord, received_on=D(2023, 8, 2), kind="service_request")
    factories.complaint(landlord, received_on=D(2023, 8, 3), kind="member_enquiry")
    c11 = factories.complaint(landlord, received_on=D(2023, 3, 20))
    _accept(c11)
    _work(landlord, c11, ack_on=D(2023, 3, 21))
    _respond(c11, D(2023, 4, 3))
    return landlord


def test_database_figures_agree_with_the_counting_rules_in_each_year(record):
    for year in (2022, 2023, 2024):
        assert annual_figures(record, year) == annual_figures_by_rules(record, year)


def test_figures_known_by_construction(record):
    f = annual_figures(record, 2023)
    assert f["homes"] == {"lcra": 4000, "lcho": 1000, "total": 5000, "by_type": None}
    assert (f["logged"], f["service_requests"], f["member_enquiries"], f["withdrawn"]) == (
        7,
        1,
        1,
        1,
    )
    assert f["not_accepted"] == {"total": 1, "by_reason": {"legal_proceedings": 1}}
    s1 = f["stage1"]
    assert s1["received"] == 5  # c1, c2, c3, c4, c6 (not c5, not awaiting triage, not LGSCO)
    assert s1["responded"] == 4  # c1, c2, c6, c11 (c3 is answered next year)
    assert s1["responded_within_timescale"] == 2  # c1, c11
    assert s1["responded_within_agreed_extension"] == 3  # and c2
    assert s1["within_timescale_pct"] == 50.0
    assert s1["within_agreed_extension_pct"] == 75.0
    assert (s1["acknowledged"], s1["acknowledged_within_timescale"]) == (
        4,
        3,
    )  # c1, c2 late, c3, c6
    assert s1["extended"] == 1
    assert s1["outcomes"] == {"upheld": 2, "partly_upheld": 1, "not_upheld": 1}
    assert s1["upheld_or_partly_pct"] == 75.0
    assert s1["compensation"] == {"cases": 1, "total_gbp": "100.00"}
    assert s1["per_1000_homes"] == 1.0
    assert s1["by_service_area"] == {"Repairs": 1}
    assert s1["by_handler"] == {"landlord": 4, "Fixit Ltd": 1}
    assert s1["by_tenure"] == {"tenant": 1, "leaseholder": 1, "unknown": 3}
    assert s1["by_theme"] == {"Damp and mould": 1}
    assert s1["by_root_cause"] == {"communication": 4}
    s2 = f["stage2"]
    assert (s2["received"], s2["not_accepted"], s2["responded"]) == (1, 1, 1)
    assert s2["compensation"] == {"cases": 1, "total_gbp": "50.50"}
    assert f["escalation_rate_pct"] == 20.0
    assert f["escalation_reasons"] == {"compensation": 1}
    assert f["compensation_total_gbp"] == "150.50"
    assert f["tsm"]["CH01"] == {"stage1_per_1000_homes": 1.0, "stage2_per_1000_homes": 0.2}
    assert f["tsm"]["CH02"]["stage1_within_timescale_pct"] == 75.0


def test_ch02_can_be_the_strict_figure(record):
    record.ch02_strict = True
    record.save()
    ch02 = annual_figures(record, 2023)["tsm"]["CH02"]
    assert (ch02["stage1_within_timescale_pct"], ch02["strict"]) == (50.0, True)


def test_a_year_with_no_homes_or_complaints_has_null_rates_not_zero(record):
    f = annual_figures(record, 2019)
    assert f["stage1"]["per_1000_homes"] is None
    assert f["stage1"]["within_timescale_pct"] is None
    assert f["escalation_rate_pct"] is None
    assert f["stage1"]["received"] == 0
