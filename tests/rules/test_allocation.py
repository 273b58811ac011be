"""Who handles a stage and who records its response (Code 6.13), for every person, stage
and contractor: the rule every channel asks (staff pages, team tools, API, importer)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.rules.allocation import (
    STAGE1_HANDLER_ROLES,
    STAGE2_HANDLER_ROLES,
    Organisation,
    Person,
    allocation_problems,
    recorded_for,
    recording_problems,
)

ROLES = ["officer", "handler", "senior_handler", "contractor_handler", "viewer", "administrator"]
KESTREL = Organisation(1, "Kestrel Repairs")
GREENWAY = Organisation(2, "Greenway Grounds")

roles = st.none() | st.sampled_from(ROLES)
contractors = st.none() | st.sampled_from([KESTREL, GREENWAY])
people = st.builds(
    Person,
    id=st.integers(1, 4),
    name=st.sampled_from(["Sam Jones", "Ada Price"]),
    role=roles,
    role_label=st.just(""),
    contractor=contractors,
    service_user=st.booleans(),
    can_sign_in=st.booleans(),
)
stages = st.sampled_from([1, 2])
stage1_handlers = st.none() | st.integers(1, 4)
# Small inputs, but a shared machine can stall the first draw: time is not what is tested.
rule = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@rule
@given(stage=stages, person=people, handled_by=contractors, first=stage1_handlers)
def test_a_stage_goes_only_to_someone_of_the_landlord_whose_role_handles_it(
    stage, person, handled_by, first
):
    problems = allocation_problems(
        stage=stage, person=person, handled_by=handled_by, stage1_handler=first
    )
    allowed = not problems
    if allowed:
        assert person.role in STAGE1_HANDLER_ROLES
        assert not person.service_user and person.can_sign_in
    else:
        assert list(problems) == ["handler"] and problems["handler"].strip()


@rule
@given(person=people, handled_by=contractors, first=stage1_handlers)
def test_stage_2_goes_only_to_the_landlords_senior_staff_who_did_not_handle_stage_1(
    person, handled_by, first
):
    allowed = not allocation_problems(
        stage=2, person=person, handled_by=handled_by, stage1_handler=first
    )
    if allowed:
        assert person.role in STAGE2_HANDLER_ROLES
        assert person.contractor is None
        assert person.id != first


@rule
@given(stage=stages, person=people, handled_by=contractors, first=stage1_handlers)
def test_allocating_a_person_never_moves_the_complaint_to_another_contractor(
    stage, person, handled_by, first
):
    allowed = not allocation_problems(
        stage=stage, person=person, handled_by=handled_by, stage1_handler=first
    )
    if allowed and person.contractor is not None:
        assert person.contractor == handled_by


@rule
@given(
    role=st.sampled_from(sorted(STAGE2_HANDLER_ROLES)),
    handled_by=contractors,
    first=st.integers(5, 9),
)
def test_a_senior_person_of_the_landlord_may_take_stage_2_whoever_handled_stage_1(
    role, handled_by, first
):
    senior = Person(3, "Sarah Bennett", role=role)
    assert (
        allocation_problems(stage=2, person=senior, handled_by=handled_by, stage1_handler=first)
        == {}
    )


@rule
@given(stage=stages, role=st.sampled_from(sorted(STAGE1_HANDLER_ROLES - {"contractor_handler"})))
def test_the_landlords_own_handlers_may_take_stage_1_whoever_handles_the_complaint(stage, role):
    person = Person(3, "Sam Jones", role=role)
    assert allocation_problems(stage=1, person=person, handled_by=KESTREL) == {}
    assert allocation_problems(stage=1, person=person, handled_by=None) == {}


def test_each_refusal_says_what_is_wrong_in_plain_words():
    def why(stage, person, handled_by=None, first=None):
        return allocation_problems(
            stage=stage, person=person, handled_by=handled_by, stage1_handler=first
        )["handler"]

    viewer = Person(1, "Val Viewer", role="viewer", role_label="Viewer (read-only)")
    admin = Person(1, "Adam Price", role="administrator", role_label="Administrator")
    plain = Person(2, "Pat Plain", role="handler", role_label="Handler")
    kim = Person(3, "Kim", role="contractor_handler", role_label="Contractor handler",
                 contractor=KESTREL)  # fmt: skip
    senior = Person(4, "Sarah", role="senior_handler", role_label="Senior handler")

    assert (
        why(1, Person(9, "Olu")) == "Olu does not work for this landlord: choose one of its staff."
    )
    assert why(1, viewer) == (
        "Val Viewer is a viewer (read-only), a role that does not handle complaints: choose a "
        "handler, a senior handler or a complaints officer."
    )
    assert why(2, admin).startswith("Adam Price is an administrator, a role that does not")
    assert why(2, plain) == (
        "Stage 2 goes to a senior handler or a complaints officer who did not handle stage 1 "
        "(Code 6.13), and Pat Plain is a handler."
    )
    assert why(2, kim, KESTREL).endswith("and Kim is a contractor handler.")
    assert why(2, senior, first=4) == (
        "The stage 2 handler must be a different person from the stage 1 handler."
    )
    assert why(1, kim) == (
        "Kim works for Kestrel Repairs, and the landlord itself handles this complaint: a "
        "contractor's handler handles only the complaints allocated to that contractor. To "
        "give it to Kim, allocate the complaint to Kestrel Repairs too."
    )
    assert why(1, kim, GREENWAY).startswith("Kim works for Kestrel Repairs, and Greenway Grounds")
    assert why(1, Person(5, "CRM", role="officer", service_user=True)).startswith(
        "That is the user an API key acts as"
    )
    assert why(None, senior) == (
        "Choose the handler after triage: a handler is allocated to a stage."
    )
    assert allocation_problems(stage=1, person=kim, handled_by=KESTREL) == {}


handlers = st.none() | people
recorders = st.none() | people


@rule
@given(stage=stages, handler=handlers, recorder=recorders)
def test_only_the_handler_or_an_officer_for_them_records_the_response(stage, handler, recorder):
    problems = recording_problems(stage=stage, handler=handler, recorder=recorder)
    allowed = not problems
    assert allowed == (
        recorder is None
        or (handler is not None and (recorder.id == handler.id or recorder.role == "officer"))
    )
    if not allowed:
        assert list(problems) == [""] and f"Stage {stage}" in problems[""]


@rule
@given(handler=handlers, recorder=recorders)
def test_a_response_recorded_for_someone_else_names_them(handler, recorder):
    recorded = recorded_for(handler=handler, recorder=recorder)
    someone_else = recorder is not None and handler is not None and recorder.id != handler.id
    assert recorded == (handler if someone_else else None)


def test_the_refusal_to_record_names_the_handler():
    sarah = Person(4, "Sarah Bennett", role="senior_handler")
    hamza = Person(2, "Hamza Ali", role="handler")
    assert recording_problems(stage=2, handler=sarah, recorder=hamza) == {
        "": "Stage 2 is allocated to Sarah Bennett: only they, or a complaints officer "
        "recording it for them, can record its response."
    }
    assert recording_problems(stage=1, handler=None, recorder=hamza) == {
        "": "Stage 1 is not allocated to anyone: allocate it first."
    }
