"""The hazard flag: does a description mention a hazard, so the complaint is triaged first?

Awaab's Law (the Hazards in Social Housing (Prescribed Requirements) (England) Regulations
2025, domain.md §12): an emergency hazard is investigated and made safe within 24 hours; a
significant damp and mould hazard is investigated within 10 working days. A complaint
often carries the first report of such a hazard, so Putright flags a description that
mentions damp, mould, leaks, gas, electrics, structural danger or a vulnerable household,
and the repairs service is told. It does not decide whether there is a hazard: a person
does, and the flag only puts the complaint at the front of the queue.

Keep it simple but sensible: words and short phrases per kind of hazard, matched on word
boundaries, and a mention is set aside when it is plainly denied in the same clause
("there is no damp now", "no longer any mould", "the leak has been fixed"). A mention
that is denied and then reported again ("the leak was fixed but it is leaking again")
still flags. When in doubt the flag stays on: a false alarm costs a look, a missed
hazard costs far more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Hazard(StrEnum):
    """A kind of hazard, in the order they are triaged."""

    GAS = "gas"
    ELECTRICS = "electrics"
    STRUCTURAL = "structural"
    LEAK = "leak"
    DAMP_MOULD = "damp_mould"
    VULNERABLE = "vulnerable"

    @property
    def label(self) -> str:
        return {
            Hazard.GAS: "Gas or carbon monoxide",
            Hazard.ELECTRICS: "Electrics",
            Hazard.STRUCTURAL: "Structural danger",
            Hazard.LEAK: "Leak or flooding",
            Hazard.DAMP_MOULD: "Damp and mould",
            Hazard.VULNERABLE: "Vulnerable household",
        }[self]

    @property
    def emergency(self) -> bool:
        """Awaab's Law: an emergency hazard is made safe within 24 hours."""
        return self in (Hazard.GAS, Hazard.ELECTRICS, Hazard.STRUCTURAL)


_PATTERNS: dict[Hazard, tuple[str, ...]] = {
    Hazard.GAS: (
        r"gas(?!\s+(?:bills?|meters?|suppliers?|prices?|cards?|tariffs?|top[- ]?ups?|company|account))",
        r"carbon\s+monoxide",
        r"co\s+alarms?",
        r"fumes",
    ),
    Hazard.ELECTRICS: (
        r"electrics",
        r"electrical(?:\s+(?:fault|faults|problem|problems|fire))?",
        r"exposed\s+wir(?:e|es|ing)",
        r"live\s+wires?",
        r"bare\s+wires?",
        r"sparks?",
        r"sparking",
        r"electric\s+shocks?",
        r"shocked",
        r"fuse\s*box",
        r"consumer\s+unit",
        r"(?:burning|burnt)\s+smell",
        r"scorch(?:ed|ing)?\s+sockets?",
        r"sockets?\s+(?:sparking|smoking|burnt|melted|hanging)",
        r"no\s+(?:electricity|power)",
        r"power\s+cuts?",
    ),
    Hazard.STRUCTURAL: (
        r"structural(?:ly)?",
        r"subsidence",
        r"collaps(?:e|ed|es|ing)",
        r"caving\s+in",
        r"fall(?:en|ing)\s+(?:ceiling|masonry|plaster|bricks?)",
        r"ceiling\s+(?:has\s+)?(?:fallen|falling|come\s+down|coming\s+down|sagging)",
        r"cracks?\s+(?:in|across|down|along)\s+the\s+(?:wall|walls|ceiling|floor|brickwork)",
        r"unsafe\s+(?:stairs?|staircase|balcony|floor|ceiling|wall|roof|handrail|bannister)",
        r"rotten\s+(?:floor|floorboards?|stairs?|stair\s+treads?|joists?)",
        r"(?:loose|broken)\s+(?:bannister|banister|handrail|hand\s+rail)",
        r"dangerous\s+(?:structure|wall|ceiling|roof|tree)",
    ),
    Hazard.LEAK: (
        r"leak(?:s|ing|ed|y)?",
        r"flood(?:s|ed|ing)?",
        r"burst\s+(?:pipe|pipes|main)",
        r"water\s+(?:(?:is|was|keeps|has\s+been|had\s+been)\s+)?"
        r"(?:coming|pouring|dripping|running|getting|seeping)\s+(?:in|into|through|down|from)",
        r"water\s+(?:has\s+)?(?:come|got)\s+(?:in|through)",
    ),
    Hazard.DAMP_MOULD: (
        r"damp(?:ness)?",
        r"mou?ld(?:y|s)?",
        r"mildew",
        r"condensation",
        r"fung(?:us|al|i)",
        r"black\s+spots",
        r"(?:wet|dry)\s+rot",
    ),
    Hazard.VULNERABLE: (
        r"vulnerab(?:le|ility)",
        r"(?:new[- ]?born|baby|babies|infant|toddler)s?",
        r"pregnan(?:t|cy)",
        r"asthma(?:tic)?",
        r"copd",
        r"bronchitis",
        r"(?:lung|heart|breathing|respiratory)\s+(?:condition|problems?|disease)",
        r"disab(?:led|ility|ilities)",
        r"wheelchair",
        r"elderly",
        r"aged\s+(?:over\s+)?[7-9]\d",
        r"over\s+[7-9]\d",
        r"in\s+(?:my|her|his|their)\s+[7-9]0s",
        r"dementia",
        r"cancer",
        r"chemotherapy",
        r"terminal(?:ly)?\s+ill",
        r"mental\s+health",
        r"oxygen",
        r"young\s+(?:child|children|son|daughter|family)",
        r"my\s+(?:son|daughter|child|children|kids?)\s+(?:has|have|is|are)\s+(?:ill|poorly|sick|asthma)",
        r"(?:lives|living)\s+alone",
    ),
}

_COMPILED: dict[Hazard, re.Pattern[str]] = {
    hazard: re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)
    for hazard, patterns in _PATTERNS.items()
}

#: Words that deny a mention just after them in the same clause ("no damp", "isn't mouldy").
_NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "isn't",
        "isnt",
        "aren't",
        "arent",
        "wasn't",
        "wasnt",
        "free",
        "nor",
        "none",
        "zero",
    }
)
#: Words that may stand between a denial and the mention ("no longer any mould", "no sign
#: of a leak", "never had damp"). Anything else between them breaks the denial: in "no
#: ventilation so condensation" the "no" is about the ventilation.
_FILLERS = frozenset(
    {
        "more",
        "longer",
        "any",
        "sign",
        "signs",
        "evidence",
        "of",
        "a",
        "an",
        "the",
        "visible",
        "obvious",
        "real",
        "had",
        "have",
        "has",
        "been",
        "problem",
        "problems",
        "with",
        "gas",
        "water",
        "roof",
        "pipe",
    }
)
#: Words that, soon after a mention, say it is over ("the leak has been fixed").
_RESOLVED = frozenset(
    {
        "fixed",
        "gone",
        "resolved",
        "sorted",
        "cleared",
        "repaired",
        "stopped",
        "treated",
        "cured",
        "solved",
        "removed",
    }
)
#: Words that, soon after a mention, keep it open whatever follows ("never fixed").
_NOT_RESOLVED = frozenset(
    {
        "not",
        "never",
        "hasn't",
        "hasnt",
        "haven't",
        "havent",
        "wasn't",
        "wasnt",
        "isn't",
        "isnt",
        "weren't",
        "werent",
        "no",
    }
)
#: Words that bring a problem back in the same sentence ("fixed but it came back").
_STILL = frozenset({"again", "back", "returned", "returning", "still", "worse", "recurring"})
_DENIAL_REACH = 4
_RESOLVED_REACH = 4
_CLAUSE_BREAK = re.compile(r"[.;:!?\n,]|\b(?:but|and|so|however|which|because)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.;!?\n]")
_WORD = re.compile(r"[a-z']+")


def _words_before(text: str, start: int) -> list[str]:
    """The words of the clause before ``start``, nearest last."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    return _WORD.findall(text[breaks[-1] if breaks else 0 : start].lower())


def _words_after(text: str, end: int) -> list[str]:
    """The words of the sentence after ``end``."""
    stop = _SENTENCE_BREAK.search(text, end)
    return _WORD.findall(text[end : stop.start() if stop else len(text)].lower())


def _denied(text: str, start: int, end: int) -> bool:
    """True if the mention at ``text[start:end]`` is plainly denied: a negation just before
    it in its clause (only filler words between), or a word saying it is over soon after it,
    not itself negated, and not brought back later in the sentence."""
    for word in reversed(_words_before(text, start)[-_DENIAL_REACH:]):
        if word in _NEGATIONS:
            return True
        if word not in _FILLERS:
            break
    after = _words_after(text, end)
    for i, word in enumerate(after[:_RESOLVED_REACH]):
        if word in _NOT_RESOLVED:
            return False
        if word in _RESOLVED:
            return not any(w in _STILL for w in after[i + 1 :])
    return False


#: The triage priority of a description that mentions no hazard (``HazardFlag.priority``).
NOT_FLAGGED = 3


@dataclass(frozen=True, slots=True)
class HazardFlag:
    """The hazards a description mentions, with the words that showed them."""

    hazards: tuple[Hazard, ...]
    mentions: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.hazards)

    @property
    def emergency(self) -> bool:
        return any(h.emergency for h in self.hazards)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(h.label for h in self.hazards)

    @property
    def priority(self) -> int:
        """0 for an emergency hazard, 1 for damp, mould or a leak, 2 for a vulnerable
        household only, 3 (``NOT_FLAGGED``) when nothing was found: sort the queue by it."""
        if self.emergency:
            return 0
        if Hazard.LEAK in self.hazards or Hazard.DAMP_MOULD in self.hazards:
            return 1
        if self.hazards:
            return 2
        return NOT_FLAGGED

    @property
    def summary(self) -> str:
        if not self.hazards:
            return "No hazard mentioned."
        words = ", ".join(self.labels)
        if self.emergency:
            return f"Possible emergency hazard ({words}): triage first and tell repairs today."
        return f"Possible hazard ({words}): triage first and tell repairs."


#: Descriptions whose flag is remembered. Reading one takes a tenth to a quarter of a
#: millisecond, and the work queue flags every open record on each page view: a landlord's
#: open work fits, so after the first view it costs a look-up per record.
FLAG_CACHE_SIZE = 20_000


@lru_cache(maxsize=FLAG_CACHE_SIZE)
def hazard_flag(description: str) -> HazardFlag:
    """The hazards ``description`` mentions and does not plainly deny, in triage order.
    The same description always gives the same (immutable) flag, so it is remembered."""
    found: dict[Hazard, list[str]] = {}
    for hazard, pattern in _COMPILED.items():
        for match in pattern.finditer(description):
            if not _denied(description, match.start(), match.end()):
                found.setdefault(hazard, []).append(match.group(0))
    hazards = tuple(h for h in Hazard if h in found)
    mentions = tuple(dict.fromkeys(m.lower() for h in hazards for m in found[h]))
    return HazardFlag(hazards, mentions)
