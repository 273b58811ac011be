"""The required elements of each letter, in one place (domain.md §5; Code 2.4, 4.1, 5.6,
5.7, 6.4, 6.5, 6.9, 6.16, 6.17, 6.19).

Each element has a plain-English name, the Code provision it comes from, and two checks:

- against the **record**: is the information there to write? (the definition has points,
  the stage has reasons, the Ombudsman's details are configured ...)
- against the **final text** being issued, which staff may have edited: does the letter
  still carry it? (the due date as written, "8 April 2024"; each point of the definition;
  the decision's words; the Ombudsman's phone number or website ...)

A letter lacking any element cannot be issued (``services.letter_issue``). Everything here
is a pure function of ``LetterFacts`` and text.

Matching ignores case, line breaks and runs of spaces, curly or straight quotes, and the
spacing inside numbers ("0300 111 3000" and "03001113000" match), so re-wrapping or
retyping does not count as removing. Free text that is the resident's own or already sent
to them (the definition's points and outcomes in an acknowledgement, an extension's reason,
the explanation of a refusal) must appear as recorded.

A response letter is checked on its structure instead (``structure.py``), so staff may
word it for the resident: under a heading "Point 1", "Point 2" ... the decision on that
point and, where the response gives reasons for it, some; a section headed "Why ..." with
the reasons; under a heading that says "put things right", a line (a list item or a
paragraph) for each remedy, carrying the remedy's date and amount unless the letter itself
gives it (an apology, an explanation); and, anywhere, a line for each outstanding action
with its date. The decision's words, the stage and the way to escalate are looked for as
they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from putright.letters.facts import LetterFacts, RemedyFacts
from putright.letters.kinds import LetterKind
from putright.letters.structure import Section, blocks, sections


@dataclass(frozen=True, slots=True)
class Needle:
    """Something the text must contain: any one of ``any_of``. ``shown`` is how a message
    names it to staff."""

    shown: str
    any_of: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Element:
    """A required element of a letter."""

    key: str
    name: str
    provision: str
    needles: Callable[[LetterFacts], tuple[Needle, ...]]
    #: What to do when the record lacks it: "" when the record has it.
    record: Callable[[LetterFacts], str] = lambda f: ""
    applies: Callable[[LetterFacts], bool] = lambda f: True
    #: A check of the letter's structure, instead of needles: what of the element the text
    #: lacks, each as a message names it to staff.
    structure: Callable[[LetterFacts, str], tuple[str, ...]] | None = None

    def name_for(self, facts: LetterFacts) -> str:
        """The name as staff read it for this letter: "the Housing Ombudsman's contact
        details", or for a complaint under the Local Government and Social Care
        Ombudsman's jurisdiction, that ombudsman's."""
        return self.name.replace("the Housing Ombudsman", f"the {facts.ombudsman_label}")

    def missing(self, facts: LetterFacts, text: str) -> tuple[str, ...]:
        """What of the element the text lacks, as staff are told it."""
        if self.structure is not None:
            return self.structure(facts, text)
        return tuple(n.shown for n in missing_needles(self, facts, text))


# Text matching --------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def normalise(text: str) -> str:
    """Text folded for matching: case, spacing, quotes and spacing inside numbers ignored."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(?<=\d)[ -](?=\d)", "", text).strip()


def _phrase(text: str) -> str:
    return normalise(text).rstrip(" .,;:")


def contains(text: str, phrase: str) -> bool:
    """Whether ``text`` carries ``phrase`` (an empty phrase is always carried)."""
    wanted = _phrase(phrase)
    return not wanted or wanted in normalise(text)


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1].rstrip() + "…"}"'


# The needles of each element ------------------------------------------------------------


def _only(*values: str) -> tuple[str, ...]:
    return tuple(v for v in values if v.strip())


def _points(f: LetterFacts) -> tuple[Needle, ...]:
    return tuple(
        Needle(f"point {i}: {_quoted(p.summary)}", (p.summary,))
        for i, p in enumerate(f.points, start=1)
    )


def _ombudsman_reachable(f: LetterFacts) -> Needle:
    o = f.ombudsman
    return Needle(" or ".join(_only(o.phone, o.website)), _only(o.phone, o.website))


def _ombudsman_missing(f: LetterFacts) -> str:
    if _only(f.ombudsman.phone, f.ombudsman.website):
        return ""
    return f"add the {f.ombudsman_label}'s phone number or website to the landlord's settings"


def _to_the_ombudsman(f: LetterFacts) -> tuple[Needle, ...]:
    return (Needle('"Ombudsman"', ("Ombudsman",)), _ombudsman_reachable(f))


def wrong_ombudsman_named(facts: LetterFacts, text: str) -> str:
    """A message when the letter sends the resident to the ombudsman their complaint cannot
    go to (its phone number or website in the text); "" when it does not."""
    wrong = facts.wrong_ombudsman
    if wrong is None:
        return ""
    found = [v for v in _only(wrong.phone, wrong.website) if contains(text, v)]
    if not found:
        return ""
    return (
        f"gives the {wrong.name}'s details ({' and '.join(found)}), but this complaint can "
        f"only go to the {facts.ombudsman.name}"
    )


def _text(value: Callable[[LetterFacts], str], quote: bool = True):
    """Needles for one recorded value that must appear as it is."""

    def needles(f: LetterFacts) -> tuple[Needle, ...]:
        v = value(f)
        return (Needle(_quoted(v) if quote else v, (v,)),) if v.strip() else ()

    return needles


def _needed(value: Callable[[LetterFacts], object], hint: str) -> Callable[[LetterFacts], str]:
    return lambda f: "" if value(f) else hint


def _stage_named(f: LetterFacts) -> tuple[Needle, ...]:
    return (Needle(f'"stage {f.stage}"', (f"stage {f.stage}",)),)


def _responsibility(f: LetterFacts) -> tuple[Needle, ...]:
    if f.not_responsible:
        return (Needle(_quoted(f.not_responsible), (f.not_responsible,)),)
    return (Needle('"responsible for"', ("responsible for",)),)


def _how_to_ask_for_stage2(f: LetterFacts) -> tuple[Needle, ...]:
    ll = f.landlord
    ways = _only(ll.phone, ll.email, ll.website, ll.address)
    return (
        Needle('"stage 2"', ("stage 2",)),
        Needle("your phone number, email address, website or address", ways),
    )


def _landlord_reachable(f: LetterFacts) -> str:
    ll = f.landlord
    if _only(ll.phone, ll.email, ll.website, ll.address):
        return ""
    return (
        "add the landlord's phone number, email address, website or postal address to its settings"
    )


def _escalation_reason(f: LetterFacts) -> tuple[Needle, ...]:
    return (Needle(_quoted(f.escalation_reason), (f.escalation_reason,)),)


def _stage1_resolved(f: LetterFacts) -> tuple[Needle, ...]:
    needles = [Needle(f'the stage 1 decision, "{f.stage1_decision}"', (f.stage1_decision,))]
    needles += [Needle(_quoted(done), (done,)) for done in f.stage1_resolved]
    return tuple(n for n in needles if n.any_of[0])


# The structure of a response ------------------------------------------------------------

_WORDS = re.compile(r"[^\W_]+")
_DECISION_WORDS = re.compile(r"our decision|partly upheld|not upheld|upheld")


def _says(text: str, decision: str) -> bool:
    """Whether the text gives this decision: "upheld" is not "not upheld" or "partly
    upheld"."""
    folded = normalise(text)
    if decision == "upheld":
        return re.search(r"(?<!not )(?<!partly )\bupheld\b", folded) is not None
    return re.search(rf"\b{re.escape(decision)}\b", folded) is not None


def _word_count(text: str) -> int:
    return len(_WORDS.findall(_DECISION_WORDS.sub(" ", normalise(text))))


def _sections(text: str) -> tuple[Section, ...]:
    return sections(blocks(text))


def _point_sections(f: LetterFacts, text: str) -> tuple[str, ...]:
    """Each point under its own heading "Point N", with its decision, and its reasons when
    the response gives reasons for it."""
    found = _sections(text)
    missing = []
    for i, point in enumerate(f.points, start=1):
        number = point.number or i
        section = next(
            (s for s in found if re.match(rf"point {number}(?!\d)", normalise(s.heading))), None
        )
        if section is None:
            missing.append(f'point {number}: a heading "Point {number}" with the decision on it')
        elif point.decision and not _says(section.text, point.decision):
            missing.append(f'point {number}: its decision, "{point.decision}"')
        elif point.finding and not _word_count(section.text):
            missing.append(f"point {number}: the reasons for the decision on it")
    return tuple(missing)


def _reasons_section(f: LetterFacts, text: str) -> tuple[str, ...]:
    """The reasons, under a heading that asks why or names them."""
    for section in _sections(text):
        heading = normalise(section.heading)
        if ("why" in heading or "reason" in heading) and _word_count(section.text):
            return ()
    return ('a section headed "Why we made this decision" with the reasons',)


def _matched(
    wanted: Sequence[Callable[[str], bool]], lines: Sequence[str], first: tuple[int, ...] = ()
) -> list[int]:
    """Which of ``wanted`` find a line of their own (each line serves one): the indexes of
    those that do not, in order. A small bipartite matching, by augmenting paths; those in
    ``first`` are placed first, so when lines run short the others go without."""
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j, line in enumerate(lines):
            if j in seen or not wanted[i](line):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    order = [*first, *(i for i in range(len(wanted)) if i not in first)]
    return sorted(i for i in order if not place(i, set()))


def _remedy_named(i: int, r: RemedyFacts) -> str:
    parts = [f"remedy {i}: {(r.kind or 'remedy').lower()}"]
    if r.amount:
        parts.append(r.amount)
    parts.append("given in the letter" if r.in_letter else f"by {r.by}")
    return ", ".join(parts)


def _remedy_lines(f: LetterFacts, text: str) -> tuple[str, ...]:
    """A line for each remedy under a heading that says "put things right": one given
    later carries its date (and its amount); one the letter itself gives needs only its
    line."""
    section = next(
        (s for s in _sections(text) if re.search(r"put(ting)? things right", normalise(s.heading))),
        None,
    )
    if section is None:
        return (
            'a section headed "What we will do to put things right" with a line for each remedy',
        )
    lines = [b.text for b in section.blocks if b.kind != "heading"]

    def fits(r: RemedyFacts) -> Callable[[str], bool]:
        if r.in_letter:
            return lambda line: True
        return lambda line: contains(line, r.by) and contains(line, r.amount)

    # The lines that carry a date are placed first: a remedy the letter gives fits any line.
    dated = tuple(i for i, r in enumerate(f.remedies) if not r.in_letter)
    unmatched = _matched([fits(r) for r in f.remedies], lines, dated)
    return tuple(_remedy_named(i + 1, f.remedies[i]) for i in unmatched)


def _carrying(words: str) -> Callable[[str], bool]:
    return lambda line: contains(line, words)


def _action_lines(f: LetterFacts, text: str) -> tuple[str, ...]:
    """A line for each outstanding action, carrying its date."""
    lines = [b.text for b in blocks(text) if b.kind != "heading"]
    unmatched = _matched([_carrying(a.by) for a in f.actions], lines)
    return tuple(f"outstanding action {i + 1}: by {f.actions[i].by}" for i in unmatched)


def _points_decided(f: LetterFacts) -> str:
    if not f.points:
        return "define the complaint: write the points it is about"
    if not all(p.decision for p in f.points):
        return "record the decision on each point in the stage response first"
    return ""


# The elements ---------------------------------------------------------------------------

DEFINITION_POINTS = Element(
    "definition_points",
    "the points of the complaint",
    "Code 5.6, 6.9(b), 6.19(b)",
    _points,
    record=_needed(lambda f: f.points, "define the complaint: write the points it is about"),
)
OUTCOMES_SOUGHT = Element(
    "outcomes_sought",
    "the outcomes the resident wants",
    "Code 5.6, 6.9(b), 6.19(b)",
    _text(lambda f: f.outcomes_sought),
    record=_needed(lambda f: f.outcomes_sought, "write the outcomes wanted in the definition"),
)
RESPONSIBILITY = Element(
    "responsibility",
    "what the landlord is and is not responsible for",
    "Code 5.7",
    _responsibility,
)
RESPONSE_DUE_DATE = Element(
    "response_due_date",
    "the response due date",
    "Code 6.3, 6.14",
    _text(lambda f: f.response_due, quote=False),
    record=_needed(lambda f: f.response_due, "the stage has no response due date"),
)
OMBUDSMAN_CONTACT = Element(
    "ombudsman_contact",
    "the Housing Ombudsman's contact details",
    "Code 6.5, 6.17; domain.md §5",
    lambda f: (_ombudsman_reachable(f),),
    record=_ombudsman_missing,
)
ESCALATION_REASON = Element(
    "escalation_reason",
    "why the resident asked for stage 2",
    "Code 6.12",
    _escalation_reason,
    applies=lambda f: bool(f.escalation_reason),
)
STAGE1_RESOLVED = Element(
    "stage1_resolved",
    "what was resolved at stage 1",
    "Code 6.10; domain.md §5",
    _stage1_resolved,
    applies=lambda f: bool(f.stage1_decision or f.stage1_resolved),
)
NEW_DUE_DATE = Element(
    "new_due_date",
    "the new response date",
    "Code 6.4, 6.16",
    _text(lambda f: f.extension.new_due if f.extension else "", quote=False),
    record=_needed(lambda f: f.extension, "the stage has no extension"),
)
EXTENSION_REASON = Element(
    "extension_reason",
    "the reason for the extension",
    "Code 6.4, 6.16",
    _text(lambda f: f.extension.reason if f.extension else ""),
    record=_needed(
        lambda f: f.extension and f.extension.reason, "record the extension and its reason"
    ),
)
STAGE_NAMED = Element(
    "stage_named", "which stage this response is", "Code 6.9(a), 6.19(a)", _stage_named
)
DECISION = Element(
    "decision",
    "the decision",
    "Code 6.9(c), 6.19(c)",
    _text(lambda f: f.decision),
    record=_needed(lambda f: f.decision, "record the stage response and its decision first"),
)
POINT_DECISIONS = Element(
    "point_decisions",
    "each point with its decision and reasons",
    "Code 6.9(b)-(d), 6.19(b)-(d)",
    lambda f: (),
    record=_points_decided,
    structure=_point_sections,
)
REASONS = Element(
    "reasons",
    "the reasons for the decision",
    "Code 6.9(d), 6.19(d)",
    lambda f: (),
    record=_needed(lambda f: f.reasons, "record the reasons in the stage response first"),
    structure=_reasons_section,
)
REMEDIES = Element(
    "remedies",
    "each remedy with its date",
    "Code 6.9(e), 6.19(e)",
    lambda f: (),
    applies=lambda f: bool(f.remedies),
    record=_needed(
        lambda f: all(r.what and r.by for r in f.remedies),
        "record what the letter tells the resident about each remedy, and by when",
    ),
    structure=_remedy_lines,
)
OUTSTANDING_ACTIONS = Element(
    "outstanding_actions",
    "outstanding actions with dates",
    "Code 6.9(f), 6.19(f)",
    lambda f: (),
    applies=lambda f: bool(f.actions),
    structure=_action_lines,
)
HOW_TO_ESCALATE = Element(
    "how_to_escalate",
    "how to escalate to stage 2",
    "Code 6.9(g)",
    _how_to_ask_for_stage2,
    record=_landlord_reachable,
)
HOW_TO_GO_TO_OMBUDSMAN = Element(
    "how_to_go_to_ombudsman",
    "how to take the complaint to the Housing Ombudsman",
    "Code 6.19(g)",
    _to_the_ombudsman,
    record=_ombudsman_missing,
)
NOT_ACCEPTED_REASONS = Element(
    "not_accepted_reasons",
    "the reasons the complaint is not accepted",
    "Code 2.4, 4.1",
    _text(lambda f: f.not_accepted_explanation),
    record=_needed(lambda f: f.not_accepted_explanation, "record why it is not accepted"),
)
ESCALATION_REFUSED_REASONS = Element(
    "escalation_refused_reasons",
    "the reasons stage 2 is refused",
    "Code 2.4, 4.1",
    _text(lambda f: f.not_accepted_explanation),
    record=_needed(lambda f: f.not_accepted_explanation, "record why stage 2 is refused"),
)
OMBUDSMAN_RIGHT = Element(
    "ombudsman_right",
    "the right to take this decision to the Housing Ombudsman",
    "Code 4.1, 2.4",
    _to_the_ombudsman,
    record=_ombudsman_missing,
)

UPDATE_RESPONSE_DUE_DATE = Element(
    "response_due_date",
    "the date the resident will have the response",
    "Code 6.3, 6.14",
    _text(lambda f: f.response_due, quote=False),
    applies=lambda f: f.awaiting_response,
)

_ACKNOWLEDGEMENT = (
    DEFINITION_POINTS,
    OUTCOMES_SOUGHT,
    RESPONSIBILITY,
    RESPONSE_DUE_DATE,
    OMBUDSMAN_CONTACT,
)
_RESPONSE = (
    STAGE_NAMED,
    POINT_DECISIONS,
    OUTCOMES_SOUGHT,
    DECISION,
    REASONS,
    REMEDIES,
    OUTSTANDING_ACTIONS,
)

#: The required elements of each kind of letter (domain.md §5).
ELEMENTS: dict[LetterKind, tuple[Element, ...]] = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: _ACKNOWLEDGEMENT,
    LetterKind.ACKNOWLEDGEMENT_STAGE2: (*_ACKNOWLEDGEMENT, ESCALATION_REASON, STAGE1_RESOLVED),
    LetterKind.EXTENSION: (NEW_DUE_DATE, EXTENSION_REASON, OMBUDSMAN_CONTACT),
    LetterKind.STAGE1_RESPONSE: (*_RESPONSE, HOW_TO_ESCALATE),
    LetterKind.STAGE2_RESPONSE: (*_RESPONSE, HOW_TO_GO_TO_OMBUDSMAN),
    LetterKind.NOT_ACCEPTED: (NOT_ACCEPTED_REASONS, OMBUDSMAN_RIGHT),
    LetterKind.ESCALATION_REFUSED: (ESCALATION_REFUSED_REASONS, OMBUDSMAN_RIGHT),
    # An update says whatever the resident needs to hear; while a stage is open, that
    # includes when they will have its response.
    LetterKind.UPDATE: (UPDATE_RESPONSE_DUE_DATE,),
}


def required_elements(facts: LetterFacts) -> tuple[Element, ...]:
    """The elements this letter must carry, given what the record holds (a remedy is
    required only when one was offered; the escalation reason only when it is known)."""
    return tuple(e for e in ELEMENTS[facts.kind] if e.applies(facts))


def missing_needles(element: Element, facts: LetterFacts, text: str) -> tuple[Needle, ...]:
    """What of ``element`` the text lacks."""
    return tuple(
        n
        for n in element.needles(facts)
        if n.any_of and not any(contains(text, v) for v in n.any_of)
    )


def missing_elements(
    facts: LetterFacts, text: str, *, subject: str = "The letter"
) -> dict[str, str]:
    """One message per required element the record or the text lacks, keyed by the
    element's key: "The letter does not include the response due date (8 April 2024)."
    Empty when the letter may be issued."""
    problems: dict[str, str] = {}
    for element in required_elements(facts):
        name = element.name_for(facts)
        if hint := element.record(facts):
            problems[element.key] = f"{subject} cannot include {name}: {hint}."
        elif missing := element.missing(facts, text):
            shown = "; ".join(missing)
            problems[element.key] = f"{subject} does not include {name} ({shown})."
    if wrong := wrong_ombudsman_named(facts, text):
        problems["wrong_ombudsman"] = f"{subject} {wrong}."
    return problems
