"""What must be true before a letter is written or issued: the complaint is at the moment
the letter is for, and the letter (or a template) carries every required element.

Pure functions of the complaint's stages, the facts and the text; ``services`` calls them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from putright.complaints.services.formats import format_met_problems
from putright.letters.elements import missing_elements
from putright.letters.facts import LetterFacts, sample_facts
from putright.letters.kinds import LetterKind
from putright.letters.render import Draft, draft_from_templates
from putright.rules.codes import Kind
from putright.rules.lifecycle import RuleError, StageStatus, State

if TYPE_CHECKING:
    from putright.complaints.models import Complaint
    from putright.residents.selectors import FormatNeed


def _status(complaint: Complaint, number: int) -> str | None:
    stage = complaint.stage(number)
    return stage.status if stage is not None else None


def kind_problem(complaint: Complaint, kind: LetterKind) -> str:
    """Why a letter of ``kind`` does not fit the complaint now; "" when it does.

    An acknowledgement is written once the stage is acknowledged (Code 6.2, 6.11) and
    before its response; an extension letter while the stage is open and extended (6.4,
    6.16); a response letter once the decision is recorded, and once only: it sends the
    response (6.9, 6.19); the refusals once
    the complaint was not accepted (4.1) or stage 2 refused (6.12); an update at any time."""
    if complaint.kind != Kind.COMPLAINT:
        return "Letters are written for complaints, not service requests or member enquiries."
    match kind:
        case LetterKind.ACKNOWLEDGEMENT_STAGE1 | LetterKind.ACKNOWLEDGEMENT_STAGE2:
            n = 1 if kind is LetterKind.ACKNOWLEDGEMENT_STAGE1 else 2
            stage = complaint.stage(n)
            if stage is None or stage.status != StageStatus.ACKNOWLEDGED or stage.decided_on:
                return (
                    f"A stage {n} acknowledgement can only be issued once stage {n} is "
                    "acknowledged, and before its decision is recorded."
                )
        case LetterKind.EXTENSION:
            stage = complaint.current_stage
            if (
                complaint.state not in (State.STAGE1, State.STAGE2)
                or stage is None
                or not stage.is_open
                or stage.decided_on is not None
                or not stage.extensions.exists()
            ):
                return "An extension letter can only be issued while a stage is open and has been extended."
        case LetterKind.STAGE1_RESPONSE | LetterKind.STAGE2_RESPONSE:
            n = 1 if kind is LetterKind.STAGE1_RESPONSE else 2
            stage = complaint.stage(n)
            if stage is None or not stage.response_decided:
                if stage is not None and stage.status == StageStatus.RESPONDED:
                    return (
                        f"The stage {n} response was sent on "
                        f"{stage.responded_on:%-d %B %Y}. To tell the resident more, write "
                        "an update."
                    )
                return (
                    f"A stage {n} response letter can only be issued once the stage {n} "
                    "decision is recorded."
                )
        case LetterKind.NOT_ACCEPTED:
            if complaint.state != State.NOT_ACCEPTED:
                return "This letter can only be issued for a complaint that was not accepted."
        case LetterKind.ESCALATION_REFUSED:
            if _status(complaint, 2) != StageStatus.NOT_ACCEPTED:
                return "This letter can only be issued once stage 2 has been refused."
    return ""


def kinds_available(complaint: Complaint) -> tuple[LetterKind, ...]:
    """The letters that can be written for the complaint now, for the workspace to offer."""
    return tuple(k for k in LetterKind if not kind_problem(complaint, k))


def letter_problems(facts: LetterFacts, draft: Draft) -> dict[str, str]:
    """domain.md §5: one message per problem with the letter as it would be issued: an
    empty subject or body, and every required element the record or the text lacks."""
    problems: dict[str, str] = {}
    if not draft.subject.strip():
        problems["subject"] = "Write the subject of the letter."
    if not draft.body_text.strip():
        problems["body_text"] = "Write the letter."
    return problems | missing_elements(facts, draft.text)


def template_check(kind: LetterKind, subject: str, body: str) -> None:
    """A template must compile, render, and give a letter with every required element when
    the record has everything (``sample_facts``). Raises ``LetterTemplateError`` (with the
    line) for a mistake in the template, RuleError naming each element it would leave out."""
    problems: dict[str, str] = {}
    if not subject.strip():
        problems["subject"] = "Write the subject of the letter."
    if not body.strip():
        problems["body"] = "Write the letter."
    if problems:
        raise RuleError(problems)
    if problems := sign_off_problem(body, "body"):
        raise RuleError(problems)
    facts = sample_facts(kind)
    draft = draft_from_templates(subject, body, facts)
    if problems := missing_elements(facts, draft.text, subject="A letter from this template"):
        raise RuleError(problems)


def template_problems(kind: LetterKind, subject: str, body: str) -> dict[str, str]:
    """``template_check``'s problems as a dict, keyed "subject", "body" or the element."""
    try:
        template_check(kind, subject, body)
    except RuleError as exc:
        return dict(exc.problems)
    return {}


#: The ways a letter is signed off. Every letter ends with its own sign-off below the text
#: ("Yours sincerely", the sender, the landlord: ``render``), so the text has none.
SIGN_OFFS = frozenset(
    {
        "yours sincerely",
        "yours faithfully",
        "kind regards",
        "best regards",
        "regards",
        "best wishes",
    }
)


def sign_off_problem(text: str, field: str = "body_text") -> dict[str, str]:
    """A sign-off typed at the end of the text ("Yours sincerely" in its last few lines)
    would sign the letter twice: the problem, keyed by ``field``; else nothing."""
    lines = [line.strip().rstrip(",.").lower() for line in text.splitlines() if line.strip()]
    if any(line in SIGN_OFFS for line in lines[-4:]):
        return {
            field: "Take the sign-off out of the end of the letter. Every letter is signed "
            "below the text with the sender's name, so it would be signed twice."
        }
    return {}


def format_problems(needs: list[FormatNeed], met: Mapping[str, str]) -> dict[str, str]:
    """Code 5.10: a letter to a resident who needs an accessible format or another language
    (``residents.selectors.format_needs``: large print, braille, easy read, audio, a
    language, BSL or an interpreter) is held until staff say, for each, how this letter
    meets it ("Braille copy ordered from the transcription service, posted with the
    print letter"): one problem per need without an answer, keyed ``format_<kind>``."""
    return format_met_problems(needs, met, "this letter")
