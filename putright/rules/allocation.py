"""Who handles a stage, and who records its response (Code 6.13; domain.md §1, §4).

A stage is allocated to a person who works for the landlord and whose role handles
complaints: never a viewer (who reads), an administrator (who keeps the system) or the user
an API key acts as (an integration, not a person). A contractor's handler handles only the
complaints its contractor handles, so allocating a person never moves the complaint to
another contractor: the contractor is chosen as well, or the allocation is refused.
Stage 2 goes to a senior handler or a complaints officer of the landlord's own staff who
did not handle stage 1 (Code 6.13).

The response of a stage is recorded by the person it is allocated to, or by a complaints
officer for them, which the timeline says ("recorded by X for Y").

Roles are the codes the landlord's staff list stores (``putright.landlords.models.Role``);
this module knows them as plain strings, and knows nothing of the database.
"""

from __future__ import annotations

from dataclasses import dataclass

OFFICER = "officer"
HANDLER = "handler"
SENIOR_HANDLER = "senior_handler"
CONTRACTOR_HANDLER = "contractor_handler"

#: Roles that handle a stage 1 complaint. A viewer reads; an administrator keeps the system.
STAGE1_HANDLER_ROLES = frozenset({OFFICER, HANDLER, SENIOR_HANDLER, CONTRACTOR_HANDLER})
#: Code 6.13: stage 2 goes to someone more senior, of the landlord's own staff.
STAGE2_HANDLER_ROLES = frozenset({OFFICER, SENIOR_HANDLER})
#: Roles that record a response for the person its stage is allocated to.
RECORDS_FOR_HANDLER_ROLES = frozenset({OFFICER})


def handler_roles(stage: int) -> frozenset[str]:
    """The roles a stage may be allocated to: Code 6.13 asks more of stage 2."""
    return STAGE2_HANDLER_ROLES if stage == 2 else STAGE1_HANDLER_ROLES


@dataclass(frozen=True, slots=True)
class Organisation:
    """A contractor, by an identity that tells two apart (its id) and its name."""

    id: object
    name: str


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a stage may be allocated to, or who records its response, as the landlord's
    staff list has them. ``role`` is None for someone who does not work for the landlord;
    ``contractor`` is the contractor they work for, None for the landlord's own staff."""

    id: object
    name: str
    role: str | None = None
    role_label: str = ""
    contractor: Organisation | None = None
    service_user: bool = False
    can_sign_in: bool = True


def _a(words: str) -> str:
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def _role_words(person: Person) -> str:
    return _a((person.role_label or str(person.role).replace("_", " ")).lower())


def allocation_problems(
    *,
    stage: int | None,
    person: Person,
    handled_by: Organisation | None,
    stage1_handler: object = None,
) -> dict[str, str]:
    """Code 6.13 and who handles what: the problem with allocating ``stage`` (None before
    triage, when there is no stage yet) to ``person`` while ``handled_by`` handles the
    complaint (None: the landlord itself), keyed "handler"; empty when it may be.
    ``stage1_handler`` is the id of whoever handled stage 1, for a stage 2 allocation."""
    name = person.name
    if person.role is None:
        return {"handler": f"{name} does not work for this landlord: choose one of its staff."}
    if person.service_user:
        return {"handler": "That is the user an API key acts as, not a person: choose someone."}
    if not person.can_sign_in:
        return {"handler": f"{name} can no longer sign in: choose someone who works here now."}
    if person.role not in STAGE1_HANDLER_ROLES:
        return {
            "handler": f"{name} is {_role_words(person)}, a role that does not handle "
            "complaints: choose a handler, a senior handler or a complaints officer."
        }
    if stage is None:
        return {"handler": "Choose the handler after triage: a handler is allocated to a stage."}
    if stage == 2:
        problem = _stage2_problem(person, stage1_handler)
        if problem:
            return {"handler": problem}
    theirs = person.contractor
    if theirs is not None and (handled_by is None or handled_by.id != theirs.id):
        now = handled_by.name if handled_by is not None else "the landlord itself"
        return {
            "handler": f"{name} works for {theirs.name}, and {now} handles this complaint: a "
            "contractor's handler handles only the complaints allocated to that contractor. "
            f"To give it to {name}, allocate the complaint to {theirs.name} too."
        }
    return {}


def _stage2_problem(person: Person, stage1_handler: object) -> str:
    """Code 6.13: stage 2 goes to a senior handler or a complaints officer of the
    landlord's own staff, and never to the person who handled stage 1."""
    if stage1_handler is not None and person.id == stage1_handler:
        return "The stage 2 handler must be a different person from the stage 1 handler."
    if person.role not in STAGE2_HANDLER_ROLES:
        return (
            "Stage 2 goes to a senior handler or a complaints officer who did not handle "
            f"stage 1 (Code 6.13), and {person.name} is {_role_words(person)}."
        )
    if person.contractor is not None:
        return (
            f"{person.name} works for {person.contractor.name}: stage 2 goes to a senior "
            "handler or a complaints officer of the landlord's own staff (Code 6.13)."
        )
    return ""


def recording_problems(
    *, stage: int, handler: Person | None, recorder: Person | None
) -> dict[str, str]:
    """Only the person a stage is allocated to records its response, or a complaints
    officer for them (Code 6.13: the stage 2 response is the senior handler's, never the
    stage 1 handler's). ``recorder`` None is the system itself (the command line), which
    acts for the landlord. The problem is the command's as a whole (key "")."""
    if recorder is None:
        return {}
    if handler is None:
        return {"": f"Stage {stage} is not allocated to anyone: allocate it first."}
    if recorder.id == handler.id or recorder.role in RECORDS_FOR_HANDLER_ROLES:
        return {}
    return {
        "": f"Stage {stage} is allocated to {handler.name}: only they, or a complaints "
        "officer recording it for them, can record its response."
    }


def recorded_for(*, handler: Person | None, recorder: Person | None) -> Person | None:
    """The handler a response is recorded for, when someone else records it (a complaints
    officer): the timeline says "recorded by X for Y". None when the handler records it
    themselves, or the system does."""
    if recorder is None or handler is None or recorder.id == handler.id:
        return None
    return handler
