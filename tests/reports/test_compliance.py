"""The live compliance view: each measurable provision's figure for the year and the cases
that break it, on records built case by case."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Stage
from putright.landlords.models import Role
from putright.reports.compliance import MEASURES, breaches, measure, measures
from putright.residents.models import ReasonableAdjustment, Representative, Resident, Restriction
from tests import factories
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2024, 6, 1)  # after the year: the figures are the year's, nothing "live"


def _accepted(landlord, received_on, **fields):
    c = factories.complaint(landlord, received_on=received_on, **fields)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=received_on)
    return c


def _acknowledge(landlord, c, on, handler=None):
    services.complaint_define(
        complaint=c, points=["Point"], outcomes_sought="Fix it", by=None, on=on
    )
    handler = handler or factories.user(landlord=landlord)
    services.complaint_allocate(complaint=c, handler=handler, by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=on)
    return handler


def _respond(c, on, remedies=(), actions=()):
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="Reasons",
        point_outcomes=["upheld"],
        remedies=list(remedies),
        actions=list(actions),
        root_cause="communication",
        by=None,
        on=on,
    )
    factories.response_letter_sent(c, on=on)  # the response goes with its letter


def test_every_provision_the_issue_names_is_measured():
    assert {"2.4", "3.6", "5.6", "5.10", "5.14", "6.2", "6.3", "6.4", "6.5", "6.9", "6.11",
            "6.13", "6.14", "6.15", "6.16", "6.19", "7.3"} <= set(MEASURES)  # fmt: skip


def test_acknowledgement_and_response_figures_match_the_annual_figures():
    landlord = build_landlord()
    m62 = measure(landlord, 2023, "6.2", on=ON)
    assert (m62.met, m62.total) == (11, 12)
    assert m62.sentence == "11 of 12 stage 1 complaints acknowledged within 5 working days"
    [late] = breaches(landlord, 2023, "6.2", on=ON)
    assert late.reference == "R2"
    assert late.what == "Acknowledged 21 June 2023; it was due 19 June 2023"
    m63 = measure(landlord, 2023, "6.3", on=ON)
    assert (m63.met, m63.total) == (5, 6)
    assert "(3 within 10 working days without one)" in m63.sentence
    assert [b.reference for b in breaches(landlord, 2023, "6.3", on=ON)] == ["R6"]
    assert measure(landlord, 2023, "6.11", on=ON).sentence == (
        "1 of 1 stage 2 requests acknowledged within 5 working days"
    )
    assert (
        measure(landlord, 2023, "6.14", on=ON).met,
        measure(landlord, 2023, "6.14", on=ON).total,
    ) == (1, 1)


def test_extension_limits_and_what_a_register_cannot_tell():
    landlord = build_landlord()
    m64 = measure(landlord, 2023, "6.4", on=ON)
    assert (m64.met, m64.total) == (1, 2)
    [over] = breaches(landlord, 2023, "6.4", on=ON)
    assert over.reference == "R11"
    assert over.what == (
        "Stage 1 extended: no reason recorded; 15 working days in all, more than 10, with no "
        "good reason recorded"
    )
    m65 = measure(landlord, 2023, "6.5", on=ON)
    assert m65.total == 0
    assert m65.sentence == "No stage 1 extensions were decided in Putright in 2023/24."
    assert m65.notes == (
        "2 extensions imported from a register are not counted: a register does not say when "
        "or how the resident was told.",
    )
    m56 = measure(landlord, 2023, "5.6", on=ON)
    assert (m56.met, m56.total) == (1, 1)  # S1, the only one worked in Putright
    assert m56.notes[0].startswith("12 acknowledgements imported from a register")


def test_refusals_count_the_register_explanation_and_putright_letters():
    landlord = build_landlord()
    m24 = measure(landlord, 2023, "2.4", on=ON)
    assert (m24.met, m24.total) == (1, 1)  # R5: imported with an explanation
    m511 = measure(landlord, 2023, "5.11", on=ON)
    assert (m511.met, m511.total) == (0, 1)  # R6's refusal has no explanation recorded
    [refused] = breaches(landlord, 2023, "5.11", on=ON)
    assert refused.reference == "R6"
    assert "no explanation recorded" in refused.what
    # History counts as sent by letter unless the register says not: R2's says not. S1 was
    # sent by issuing its letter in Putright.
    m69 = measure(landlord, 2023, "6.9", on=ON)
    assert (m69.met, m69.total) == (5, 6)
    assert [b.reference for b in breaches(landlord, 2023, "6.9", on=ON)] == ["R2"]
    assert "1 response imported from a register was not sent as a letter" in " ".join(m69.notes)


def test_remedies_followed_through_by_the_date_promised():
    landlord = build_landlord()
    m73 = measure(landlord, 2023, "7.3", on=ON)
    assert (m73.met, m73.total) == (1, 2)
    [late] = breaches(landlord, 2023, "7.3", on=ON)
    assert late.what == "Financial remedy due 31 May 2023: done 5 June 2023"


def test_representatives_adjustments_restrictions_handlers_and_actions():
    landlord = factories.landlord("Case by Case")
    resident = Resident.objects.create(landlord=landlord, name="Alex")
    consented = Representative.objects.create(
        resident=resident, name="Advocate", kind="advocate", consent_given_on=D(2023, 5, 1)
    )
    awaited = Representative.objects.create(resident=resident, name="Friend", kind="family")
    with_consent = _accepted(landlord, D(2023, 6, 5), resident=resident, representative=consented)
    without = _accepted(landlord, D(2023, 6, 6), resident=resident, representative=awaited)
    ReasonableAdjustment.objects.create(
        resident=resident, kind="large_print", agreed_on=D(2023, 1, 1), review_due_on=D(2024, 1, 1)
    )
    ReasonableAdjustment.objects.create(
        resident=resident, kind="interpreter", agreed_on=D(2023, 1, 1), review_due_on=D(2024, 9, 1)
    )
    Restriction.objects.create(
        resident=resident,
        restriction="Contact by email only",
        reason="Abusive calls",
        evidence="",
        proportionality="Email stays open",
        starts_on=D(2023, 7, 1),
        review_due_on=D(2024, 7, 1),
    )
    # Stage 2 considered by the stage 1 handler (a breach of 6.13), with an action done late.
    handler = _acknowledge(landlord, with_consent, D(2023, 6, 6))
    _respond(
        with_consent,
        D(2023, 6, 12),
        actions=[
            services.ActionInput(description="Fit the door", owner="Repairs", due_on=D(2023, 6, 30))
        ],
    )
    services.complaint_request_escalation(
        complaint=with_consent, requested_on=D(2023, 7, 3), by=None
    )
    services.complaint_define(
        complaint=with_consent, points=["Still"], outcomes_sought="Fix", by=None, on=D(2023, 7, 4)
    )
    services.complaint_allocate(
        complaint=with_consent,
        handler=factories.user(landlord=landlord, role=Role.SENIOR_HANDLER),
        by=None,
    )
    assert (
        measure(landlord, 2023, "6.13", on=ON).met,
        measure(landlord, 2023, "6.13", on=ON).total,
    ) == (1, 1)
    # Putright refuses the stage 1 handler at stage 2; a record from before it may not have.
    Stage.objects.filter(complaint=with_consent, number=2).update(handler=handler)
    figures = {m.provision: m for m in measures(landlord, 2023, on=ON)}
    assert (figures["3.6"].met, figures["3.6"].total) == (1, 2)
    assert [b.reference for b in breaches(landlord, 2023, "3.6", on=ON)] == [without.reference]
    assert (figures["5.10"].met, figures["5.10"].total) == (1, 2)
    [overdue] = breaches(landlord, 2023, "5.10", on=ON)
    assert (
        overdue.what == "Reasonable adjustment (large print) was due for review on 1 January 2024"
    )
    assert overdue.reference == without.reference  # the resident's latest complaint
    assert (figures["5.14"].met, figures["5.14"].total) == (0, 1)
    assert "no evidence recorded" in breaches(landlord, 2023, "5.14", on=ON)[0].what
    assert (figures["6.13"].met, figures["6.13"].total) == (0, 1)
    assert figures["6.6"].total == 1 and figures["6.6"].met == 0
    assert figures["6.16"].sentence == "No stage 2 extensions were decided in Putright in 2023/24."


def test_extensions_decided_in_putright_say_whether_the_ombudsman_details_were_given():
    landlord = factories.landlord("Extenders")
    told, not_told = (_accepted(landlord, D(2023, 6, day)) for day in (5, 6))
    for c in (told, not_told):
        _acknowledge(landlord, c, c.received_on)
    for c in (told, not_told):
        services.complaint_extend(
            complaint=c, working_days=5, reason="Survey", by=None, on=D(2023, 6, 9)
        )
    # The extension letter carries the details: issued for one of the two (Code 6.5).
    services.extension_letter_issued(complaint=told, stage=1)
    m65 = measure(landlord, 2023, "6.5", on=ON)
    assert (m65.met, m65.total) == (1, 2)
    assert (
        m65.sentence
        == "1 of 2 stage 1 extensions gave the resident the Ombudsman's contact details"
    )
    assert [b.reference for b in breaches(landlord, 2023, "6.5", on=ON)] == [not_told.reference]


def test_in_the_running_year_open_cases_past_their_date_are_breaches_too():
    landlord = factories.landlord("Running")
    waiting = factories.complaint(landlord, received_on=D(2024, 5, 1))
    open_stage = _accepted(landlord, D(2024, 5, 2))
    today = D(2024, 6, 3)
    m62 = measure(landlord, 2024, "6.2", on=today)
    assert m62.total == 0 and m62.breaches == 2
    assert (
        m62.sentence
        == "No stage 1 acknowledgements were sent in 2024/25. 2 still open are past the date."
    )
    found = {b.reference: b.what for b in breaches(landlord, 2024, "6.2", on=today)}
    assert found == {
        open_stage.reference: "Not acknowledged yet; it was due 10 May 2024",
        waiting.reference: "Waiting for triage; acknowledgement was due 9 May 2024",
    }
    # The same records judged after the year are not "live".
    assert measure(landlord, 2024, "6.2", on=D(2025, 6, 1)).breaches == 0


def _told(c, on):
    services.complaint_record_contact(
        complaint=c,
        method="phone",
        direction="to_resident",
        with_whom="The resident",
        summary="Told them where things stand.",
        at=dt.datetime.combine(on, dt.time(10)),
        by=None,
    )


def test_updates_to_the_resident_on_time_under_an_agreed_interval_and_for_late_actions():
    """Code 5.9, 6.6, 6.17: of the stages with an agreed interval and the actions not done
    by their date, how many had every update on time, with the breaking references."""
    landlord = factories.landlord("Informed")
    kept = _accepted(landlord, D(2024, 5, 1))
    _acknowledge(landlord, kept, D(2024, 5, 1))
    services.complaint_update_interval_set(
        complaint=kept, working_days=5, by=None, on=D(2024, 5, 1)
    )
    _told(kept, D(2024, 5, 9))  # 5 working days after 1 May, past the bank holiday
    _respond(kept, D(2024, 5, 13))

    forgotten = _accepted(landlord, D(2024, 5, 1))
    _acknowledge(landlord, forgotten, D(2024, 5, 1))
    services.complaint_update_interval_set(
        complaint=forgotten, working_days=5, by=None, on=D(2024, 5, 1)
    )
    _respond(forgotten, D(2024, 5, 20))

    action = services.ActionInput(description="Fit a boiler", owner="Repairs", due_on=D(2024, 6, 3))
    late_but_told = _accepted(landlord, D(2024, 5, 1))
    _acknowledge(landlord, late_but_told, D(2024, 5, 1))
    _respond(late_but_told, D(2024, 5, 10), actions=[action])
    _told(late_but_told, D(2024, 6, 3))

    late_untold = _accepted(landlord, D(2024, 5, 1))
    _acknowledge(landlord, late_untold, D(2024, 5, 1))
    _respond(late_untold, D(2024, 5, 10), actions=[action])

    on_time = _accepted(landlord, D(2024, 5, 1))
    _acknowledge(landlord, on_time, D(2024, 5, 1))
    _respond(on_time, D(2024, 5, 10), actions=[action])
    services.action_complete(action=on_time.stages.get().actions.get(), by=None, on=D(2024, 6, 3))

    m = measure(landlord, 2024, "5.9", on=D(2025, 6, 1))
    assert (m.met, m.total) == (2, 4)
    assert m.sentence == (
        "2 of 4 agreed update intervals and overdue outstanding actions had every update "
        "to the resident on time"
    )
    found = [(b.reference, b.what) for b in breaches(landlord, 2024, "5.9", on=D(2025, 6, 1))]
    assert found == [
        (
            forgotten.reference,
            "Stage 1: updates agreed every 5 working days from 1 May 2024; no update given "
            "by 9 May 2024",
        ),
        (
            late_untold.reference,
            "Outstanding action due 3 June 2024 not done by its date; no update to the "
            "resident by 4 June 2024",
        ),
    ]


def test_nothing_to_keep_the_resident_informed_of_says_so():
    m = measure(factories.landlord(), 2024, "5.9", on=D(2025, 6, 1))
    assert m.total == 0
    assert m.sentence == (
        "No update intervals were agreed and no outstanding actions were overdue in 2024/25."
    )
