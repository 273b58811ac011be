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

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any


class Hazard(StrEnum):
    """A kind of hazard, in the order they are triaged: the emergencies first, then the
    hazards of the regulations' second phase, then a vulnerable household."""

    GAS = "gas"
    ELECTRICS = "electrics"
    FIRE = "fire"
    EXPLOSION = "explosion"
    STRUCTURAL = "structural"
    LEAK = "leak"
    DAMP_MOULD = "damp_mould"
    EXCESS_COLD = "excess_cold"
    EXCESS_HEAT = "excess_heat"
    FALLS = "falls"
    HYGIENE = "hygiene"
    ASBESTOS = "asbestos"
    VULNERABLE = "vulnerable"

    @property
    def label(self) -> str:
        return {
            Hazard.GAS: "Gas or carbon monoxide",
            Hazard.ELECTRICS: "Electrics",
            Hazard.FIRE: "Fire",
            Hazard.EXPLOSION: "Explosion",
            Hazard.STRUCTURAL: "Structural danger",
            Hazard.LEAK: "Leak or flooding",
            Hazard.DAMP_MOULD: "Damp and mould",
            Hazard.EXCESS_COLD: "Excess cold: no heating or hot water",
            Hazard.EXCESS_HEAT: "Excess heat",
            Hazard.FALLS: "Falls: stairs, steps, handrails",
            Hazard.HYGIENE: "Hygiene: sewage, pests, vermin",
            Hazard.ASBESTOS: "Asbestos",
            Hazard.VULNERABLE: "Vulnerable household",
        }[self]

    @property
    def emergency(self) -> bool:
        """Awaab's Law: an emergency hazard is made safe within 24 hours. Gas, electrics,
        fire, explosion and structural danger are treated as emergencies from the words
        alone. Excess cold (no heating or hot water) is not: it can be an emergency for a
        vulnerable household in winter, which a person decides from the whole record (the
        flag shows the vulnerable household beside it)."""
        return self in (
            Hazard.GAS,
            Hazard.ELECTRICS,
            Hazard.FIRE,
            Hazard.EXPLOSION,
            Hazard.STRUCTURAL,
        )


#: A verb of water moving, in any tense ("water is coming in", "rain comes through").
_WATER_MOVES = (
    r"(?:(?:is|was|keeps|has\s+been|had\s+been)\s+)?"
    r"(?:coming|comes|came|pouring|pours|poured|dripping|drips|dripped|running|runs|ran|"
    r"getting|gets|got|seeping|seeps|leaking|leaks|trickling|pooling)\s+"
    r"(?:in|into|through|down|from|under|around)"
)

_PATTERNS: dict[Hazard, tuple[str, ...]] = {
    Hazard.GAS: (
        r"gas(?!\s+(?:bills?|meters?|suppliers?|prices?|cards?|tariffs?|top[- ]?ups?|company|account))",
        r"carbon\s+monoxide",
        r"co\s+alarms?",
        r"fumes",
        r"(?:smell|smells|smelling)\s+(?:like|of)\s+rotten\s+eggs",
        r"(?:hob|cooker|boiler|gas\s+fire)\s+(?:is\s+|was\s+|has\s+been\s+)?(?:unsafe|condemned|capped)",
    ),
    Hazard.ELECTRICS: (
        r"electrics",
        r"electrical(?:\s+(?:fault|faults|problem|problems|fire|hazard|hazards))?",
        r"electrocut(?:ed|ion)",
        r"exposed\s+wir(?:e|es|ing)",
        r"live\s+wires?",
        r"bare\s+wires?",
        r"wires?\s+(?:hanging|sticking)\s+out",
        r"sparks?",
        r"sparking",
        r"electric\s+shocks?",
        r"shocked",
        r"fuse\s*box",
        r"consumer\s+unit",
        r"(?:burning|burnt)\s+smell",
        r"scorch(?:ed|ing)?\s+sockets?",
        r"(?:sockets?|switch|switches|plugs?)\s+(?:are\s+|is\s+)?(?:scorched|burnt|melted|smoking|too\s+hot)",
        r"sockets?\s+(?:sparking|smoking|burnt|melted|hanging|hanging\s+off|loose|buzzing)",
        r"(?:lights?|electrics?|power)\s+(?:keeps?\s+)?(?:tripping|flickering|cutting\s+out)",
        r"keeps?\s+tripping",
        r"trip\s+switch",
        r"water\s+(?:is\s+)?(?:in|into|near|dripping\s+into|coming\s+into|leaking\s+into)\s+(?:the\s+)?(?:light|lights|light\s+fitting|sockets?|fuse\s*box)",
        r"no\s+(?:electricity|power)",
        r"power\s+cuts?",
    ),
    Hazard.FIRE: (
        # The brigade named alone is often there for something else (a cat in a tree).
        r"fire(?!\s+(?:brigade|service|station|fighters?|officers?))",
        r"fires",
        r"smoke\s+(?:alarms?|detectors?|damage|coming|pouring|everywhere)",
        r"smell\s+of\s+(?:smoke|burning)",
        r"(?:caught|catch|catching)\s+(?:on\s+)?fire",
        r"burn(?:t|ed)\s+out",
        r"scorch\s+marks?",
        r"heat\s+(?:alarms?|detectors?)",
        # "No smoke alarm" is the hazard itself, so the denial is part of the words.
        r"(?:no|missing)\s+(?:working\s+)?(?:smoke|fire|heat)\s+(?:alarms?|detectors?)",
    ),
    Hazard.EXPLOSION: (
        r"explo(?:de|ded|des|ding|sion|sions|sive)",
        r"(?:blow|blew|blown|blowing)\s+up",
        r"gas\s+(?:bottles?|cylinders?|canisters?)",
    ),
    Hazard.STRUCTURAL: (
        r"structural(?:ly)?",
        r"subsidence",
        r"collaps(?:e|ed|es|ing)",
        r"caving\s+in",
        r"fall(?:en|ing)\s+(?:ceiling|masonry|plaster|bricks?|roof\s+tiles?|tiles?)",
        r"ceiling\s+(?:has\s+|is\s+)?(?:fallen|falling|came\s+down|come\s+down|coming\s+down|sagging|bowing)",
        r"(?:chunks?|bits?|pieces?)\s+of\s+(?:the\s+)?(?:ceiling|plaster|wall)\s+(?:came|come|coming|fell|falling)",
        r"(?:wall|walls|roof|chimney|chimney\s+stack|balcony)\s+(?:is\s+|are\s+)?"
        r"(?:bowing|bulging|leaning|crumbling|cracking|coming\s+away|pulling\s+away|moving)",
        r"(?:roof\s+)?tiles?\s+(?:are\s+)?(?:falling|fell|coming|blown)\s+off",
        r"bricks?\s+(?:are\s+|is\s+)?(?:loose|falling|coming\s+out)",
        r"(?:floor|floorboards?|joists?|window\s+frames?)\s+(?:is\s+|are\s+)?(?:rotten|rotting|bouncing|giving\s+way)",
        r"(?:could|might|will|about\s+to)\s+fall\s+(?:out|in|down|off)",
        r"cracks?\s+(?:in|across|down|along)\s+the\s+(?:wall|walls|ceiling|floor|brickwork)",
        r"unsafe\s+(?:balcony|floor|ceiling|wall|roof|building)",
        r"rotten\s+(?:floor|floorboards?|joists?|window\s+frames?)",
        r"dangerous\s+(?:structure|wall|ceiling|roof|tree)",
        r"(?:window|windows)\s+(?:fell|falling|fallen|came|coming)\s+(?:out|off)",
    ),
    Hazard.LEAK: (
        r"leak(?:s|ing|ed|y)?",
        r"flood(?:s|ed|ing)?",
        r"burst\s+(?:pipe|pipes|main)",
        r"(?:water|rain|rainwater)\s+ingress",
        r"ingress\s+of\s+(?:water|rain)",
        r"(?:water|rain|rainwater)\s+" + _WATER_MOVES,
        r"water\s+(?:has\s+)?(?:come|got|gone)\s+(?:in|through)",
        r"(?:soaking|dripping|sopping)\s+wet\s+(?:walls?|ceilings?|floors?|carpets?)",
        r"(?:walls?|ceilings?|carpets?)\s+(?:are\s+|is\s+)?(?:soaking|sodden|soaked|saturated)",
    ),
    Hazard.DAMP_MOULD: (
        r"damp(?:ness)?",
        r"mou?ld(?:y|s)?",
        r"mildew",
        r"condensation",
        r"fung(?:us|al|i)",
        r"black\s+spots",
        r"(?:wet|dry)\s+rot",
        r"musty",
        r"(?:walls?|ceilings?)\s+(?:are\s+|is\s+)?(?:wet|damp)\s+to\s+(?:the\s+)?touch",
    ),
    Hazard.EXCESS_COLD: (
        r"(?:no|without)\s+(?:any\s+)?(?:heating|heat|hot\s+water|central\s+heating|working\s+heating)",
        r"(?:heating|boiler|radiators?|hot\s+water|storage\s+heaters?)\s+(?:is\s+|are\s+|has\s+|have\s+|keeps\s+)?"
        r"(?:not\s+working|stopped\s+working|broken|broke\s+down|broken\s+down|packed\s+up|"
        r"gone\s+off|cutting\s+out|breaking\s+down|failed|stone\s+cold|off\s+again)",
        r"(?:heating|boiler|radiators?|hot\s+water)\s+(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not)\s+work",
        r"(?:freezing|bitterly|so)\s+cold",
        r"freezing\s+(?:in\s+(?:here|the\s+(?:flat|house|home|bedroom)))",
        r"(?:house|flat|home|bedroom|property)\s+is\s+(?:freezing|so\s+cold|too\s+cold|ice\s+cold)",
        r"cold\s+(?:showers?|baths?|house|flat|home)",
        r"can't\s+(?:get|keep)\s+(?:the\s+)?(?:flat|house|home|place|rooms?)\s+warm",
        r"excess(?:ive)?\s+cold",
        r"(?:heating|hot\s+water)(?:\s+and\s+(?:heating|hot\s+water))?\s+"
        r"(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|been\s+)?(?:off|cut\s+off)\s+(?:since|for|again)",
    ),
    Hazard.EXCESS_HEAT: (
        r"over\s*heat(?:s|ed|ing)?",
        r"excess(?:ive)?\s+heat",
        r"(?:unbearably|unbearable|far\s+too|dangerously|stifling|boiling)\s+(?:hot|heat)",
        r"(?:flat|house|home|bedroom|property)\s+is\s+(?:too\s+hot|so\s+hot|boiling|like\s+an\s+oven|an\s+oven)",
        r"(?:heating|radiators?)\s+(?:is\s+|are\s+)?(?:stuck\s+on|won't\s+turn\s+off|can't\s+be\s+turned\s+off)",
        r"can't\s+turn\s+(?:the\s+)?(?:heating|radiators?)\s+(?:off|down)",
    ),
    Hazard.FALLS: (
        r"(?:broken|loose|missing|rotten|uneven|damaged|unsafe|wobbly|collapsed)\s+"
        r"(?:stairs?|staircase|steps?|stair\s+treads?|treads?|handrails?|hand\s+rails?|"
        r"banisters?|bannisters?|railings?|paving\s+slabs?|paving|floorboards?|balustrade)",
        r"(?:stairs?|stair\s+treads?|treads?|steps?|handrails?|hand\s+rails?|banisters?|bannisters?|railings?)\s+"
        r"(?:is\s+|are\s+|has\s+|have\s+)?(?:broken|loose|coming\s+away|came\s+away|"
        r"come\s+away|wobbly|rotten|collapsed|unsafe|falling\s+apart|gave\s+way|giving\s+way)",
        r"trip\s+hazards?",
        r"no\s+(?:hand\s*rails?|banisters?|bannisters?|railings?)",
        r"(?:tripped|slipped|fell|fallen)\s+(?:over|on|down|up)",
        r"(?:fell|fallen|falling)\s+down\s+the\s+(?:stairs|steps)",
    ),
    Hazard.HYGIENE: (
        r"sewage",
        r"sewer(?:s)?",
        r"(?:toilet|drains?|sink)\s+(?:is\s+|are\s+|keeps\s+)?(?:overflowing|backing\s+up|blocked\s+again)",
        r"pests?",
        r"vermin",
        r"rats?",
        r"mice",
        r"rodents?",
        r"cockroach(?:es)?",
        r"bed\s*bugs",
        r"infest(?:ed|ation|ations)",
        r"maggots",
        r"pigeon\s+(?:droppings|mess|poo)",
    ),
    Hazard.ASBESTOS: (
        r"asbestos",
        r"artex",
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
#: The same patterns (all in lower case) for text already lowered: for ASCII text, where
#: lowering first finds exactly what ignoring case finds, about twice as fast (Python's
#: ``re`` folds the case of every character it compares under IGNORECASE; measured in
#: docs/performance.md, "The web tier under load"). Other text keeps ``_COMPILED``: there
#: ``str.lower`` and the pattern's case folding can differ ("İ" lowers to two characters).
_COMPILED_LOWERED: dict[Hazard, re.Pattern[str]] = {
    hazard: re.compile(r"\b(?:" + "|".join(patterns) + r")\b")
    for hazard, patterns in _PATTERNS.items()
}

#: How many letters of a word the filter below reads.
_KEY_LENGTH = 4


def _keys(pattern: str) -> frozenset[str] | None:
    """How a match of ``pattern`` (one of ``_COMPILED``'s, all in lower case) can begin: the
    first four letters (``_KEY_LENGTH``) of the word it starts with, or the whole word when
    it is shorter ("co" of "co alarm", which the pattern follows with a space; "gas", which
    it follows with a word boundary). Read from the pattern as Python's own ``re`` parser
    reads it, so the keys follow the words as they change. None when the pattern's first
    word holds something this does not follow (then the hazard is matched over the whole
    text, as before)."""
    try:
        parsed: Iterable[Any] = re._parser.parse(pattern)  # type: ignore[attr-defined]
        states = _key_states(parsed, frozenset({("", False)}))
    except (AttributeError, _NotKeyed):
        return None
    if any(not word or not done for word, done in states):
        return None
    return frozenset(word for word, _ in states)


class _NotKeyed(Exception):
    """Something in a pattern that ``_keys`` does not follow."""


_KeyStates = frozenset[tuple[str, bool]]


def _is_word(char: str) -> bool:
    return re.match(r"\w", char) is not None


def _key_states(items: Iterable[Any], states: _KeyStates) -> _KeyStates:
    """``states`` (the letters read so far, and whether the key is complete) after
    ``items`` of a parsed pattern."""
    for op, av in items:
        if all(done for _, done in states):
            return states
        states = _key_step(str(op), av, states)
    return states


def _key_char(chars: Iterable[str], states: _KeyStates) -> _KeyStates:
    out: set[tuple[str, bool]] = set()
    for word, done in states:
        if done:
            out.add((word, done))
            continue
        for char in chars:
            if _is_word(char):
                out.add((word + char, len(word) + 1 == _KEY_LENGTH))
            elif word:
                out.add((word, True))  # the word ends here
            else:
                raise _NotKeyed(char)
    return frozenset(out)


def _key_step(op: str, av: Any, states: _KeyStates) -> _KeyStates:
    if op == "LITERAL":
        return _key_char([chr(av)], states)
    if op == "IN":
        chars = []
        for kind, value in av:
            if str(kind) == "LITERAL":
                chars.append(chr(value))
            elif str(kind) == "RANGE" and value[1] - value[0] < 64:
                chars.extend(map(chr, range(value[0], value[1] + 1)))
            elif str(kind) == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                chars.append(" ")  # a space ends the word
            else:
                raise _NotKeyed(kind)
        return _key_char(chars, states)
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, item = av
        out: set[tuple[str, bool]] = set()
        current, times = states, 0
        while True:
            if times >= low:
                if current <= out:
                    break
                out |= current
            if all(done for _, done in current) or times == high:
                out |= current
                break
            current, times = _key_states(item, current), times + 1
        return frozenset(out)
    if op == "SUBPATTERN":
        _, add_flags, del_flags, item = av
        if add_flags or del_flags:
            raise _NotKeyed(op)
        return _key_states(item, states)
    if op == "BRANCH":
        return frozenset().union(*(_key_states(item, states) for item in av[1]))
    if op == "AT" and str(av) == "AT_BOUNDARY":
        # The pattern's first boundary, or the end of a word.
        return frozenset((word, done or bool(word)) for word, done in states)
    if op in ("ASSERT", "ASSERT_NOT"):
        return states  # a lookahead only narrows what matches: the keys cover it
    raise _NotKeyed(op)


#: Each hazard's keys (``_keys``); a hazard without keys is always matched.
_HAZARD_KEYS: dict[Hazard, frozenset[str] | None] = {
    hazard: _keys(pattern.pattern) for hazard, pattern in _COMPILED_LOWERED.items()
}
#: The hazards each key may begin.
_KEY_HAZARDS: dict[str, tuple[Hazard, ...]] = {}
for _hazard, _hazard_keys in _HAZARD_KEYS.items():
    for _key in sorted(_hazard_keys or ()):
        _KEY_HAZARDS[_key] = (*_KEY_HAZARDS.get(_key, ()), _hazard)
#: Every hazard, in triage order.
_HAZARDS = tuple(Hazard)
_ALWAYS = tuple(h for h in _HAZARDS if _HAZARD_KEYS[h] is None)


def _key_trie(keys: Iterable[str]) -> str:
    """A regular expression matching any of ``keys`` (a short key as a whole word), as a
    tree of letters: Python's ``re`` tries the alternatives of an alternation one by one,
    so at most 26 first letters are tried rather than every key."""
    tree: dict[str, Any] = {}
    for key in keys:
        node = tree
        for char in key:
            node = node.setdefault(char, {})
        node[""] = r"\b" if len(key) < _KEY_LENGTH else ""

    def alternation(node: dict[str, Any]) -> str:
        ways = [re.escape(c) + alternation(node[c]) for c in sorted(node) if c]
        if "" in node:
            ways.append(node[""])
        return ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"

    return alternation(tree)


#: A character that is not a letter, digit or underscore, then a key: run over the text
#: after a space, it finds every word that begins with a key (a word begins after such a
#: character, and a pattern's match after a word boundary). Starting with a set of
#: characters, it lets ``re`` skip along the text to the next one, trying only there.
_KEY_FILTER = re.compile(r"\W(" + _key_trie(_KEY_HAZARDS) + ")", re.IGNORECASE)
#: The same for lowered ASCII text: the ASCII characters ``\W`` matches, as a set.
_KEY_FILTER_LOWERED = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(128) if not _is_word(chr(c)))
    + "]("
    + _key_trie(_KEY_HAZARDS)
    + ")"
)

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
        "issue",
        "issues",
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


#: The last clause break of a text, found from its end (``.*`` takes the whole text, then
#: gives it back a character at a time until a break follows). Breaks never overlap (a
#: punctuation mark, or a whole word), so this is the last one ``finditer`` would find.
_LAST_CLAUSE_BREAK = re.compile(r"(?s:.*)(?:" + _CLAUSE_BREAK.pattern + ")", re.IGNORECASE)
#: The same for lowered ASCII text, where ignoring case changes nothing and costs time.
_LAST_CLAUSE_BREAK_LOWERED = re.compile(r"(?s:.*)(?:" + _CLAUSE_BREAK.pattern + ")")


def _words_before(
    text: str, start: int, last_break: re.Pattern[str] = _LAST_CLAUSE_BREAK
) -> list[str]:
    """The words of the clause before ``start``, nearest last."""
    clause = last_break.match(text, 0, start)
    return _WORD.findall(text[clause.end() if clause else 0 : start].lower())


def _words_after(text: str, end: int) -> list[str]:
    """The words of the sentence after ``end``."""
    stop = _SENTENCE_BREAK.search(text, end)
    return _WORD.findall(text[end : stop.start() if stop else len(text)].lower())


def _denied(text: str, start: int, end: int, lowered: bool = False) -> bool:
    """True if the mention at ``text[start:end]`` is plainly denied: a negation just before
    it in its clause (only filler words between), or a word saying it is over soon after it,
    not itself negated, and not brought back later in the sentence. ``lowered``: ``text``
    is ASCII in lower case."""
    last_break = _LAST_CLAUSE_BREAK_LOWERED if lowered else _LAST_CLAUSE_BREAK
    for word in reversed(_words_before(text, start, last_break)[-_DENIAL_REACH:]):
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
        """0 for an emergency hazard, 1 for any other hazard (a leak, damp and mould,
        excess cold or heat, falls, hygiene, asbestos), 2 for a vulnerable household only,
        3 (``NOT_FLAGGED``) when nothing was found: sort the queue by it."""
        if self.emergency:
            return 0
        if any(h != Hazard.VULNERABLE for h in self.hazards):
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


#: The version of the words and rules above. Each record keeps its description's triage
#: priority (``Complaint.hazard_priority``) with the version it was worked out by
#: (``Complaint.hazard_words``), so the work queue can filter, count and sort by it in the
#: database. Change the words (``words_fingerprint`` changes, and
#: tests/rules/test_hazards.py fails until its table knows the new fingerprint) or the way
#: they are read (``_denied``, ``hazard_flag``, ``HazardFlag.priority``): then add one
#: here, and ``putright reflag`` works the stored priorities out again for every record
#: kept by an older version (docs/architecture.md, "The safety words on the record").
WORDS_VERSION = 1


def words_fingerprint() -> str:
    """A digest of everything the flag is read from: the patterns of each kind of hazard
    in their order, which kinds are emergencies, the denial and resolution words, their
    reaches and the clause and word patterns. It changes whenever any of them does."""
    words = {
        "patterns": [[h.value, list(_PATTERNS[h])] for h in Hazard],
        "emergency": [h.value for h in Hazard if h.emergency],
        "negations": sorted(_NEGATIONS),
        "fillers": sorted(_FILLERS),
        "resolved": sorted(_RESOLVED),
        "not_resolved": sorted(_NOT_RESOLVED),
        "still": sorted(_STILL),
        "reach": [_DENIAL_REACH, _RESOLVED_REACH],
        "breaks": [_CLAUSE_BREAK.pattern, _SENTENCE_BREAK.pattern, _WORD.pattern],
        "not_flagged": NOT_FLAGGED,
    }
    return hashlib.sha256(json.dumps(words, sort_keys=True).encode()).hexdigest()


def hazard_priority(description: str) -> int:
    """The triage priority the record keeps for ``description`` (``HazardFlag.priority``)."""
    return hazard_flag(description or "").priority


#: Descriptions whose flag is remembered. Reading one takes 7 to 20 µs of CPU
#: (docs/performance.md, "The safety words, faster"). The work queue reads the priority each record keeps instead, and names the
#: hazards of its page's flagged records only; the case pages, the learning pages and the
#: suggestions read it again for the records they show.
FLAG_CACHE_SIZE = 20_000


@lru_cache(maxsize=FLAG_CACHE_SIZE)
def hazard_flag(description: str) -> HazardFlag:
    """The hazards ``description`` mentions and does not plainly deny, in triage order.
    The same description always gives the same (immutable) flag, so it is remembered.

    A match of a hazard's pattern begins with one of its first words (``_keys``). So the
    words that begin a match of any hazard are found first, in one pass, and each hazard's
    pattern is tried only there, in order, skipping the words inside its last match: that
    finds what ``finditer`` over the whole text finds. A description with none of those
    words is not read further."""
    if lowered := description.isascii():
        text, compiled = description.lower(), _COMPILED_LOWERED
        keys = _KEY_FILTER_LOWERED.finditer(" " + text)
    else:
        text, compiled = description, _COMPILED
        keys = _KEY_FILTER.finditer(" " + text)
    matched: dict[Hazard, list[re.Match[str]]] = {}
    ends: dict[Hazard, int] = {}
    for key in keys:
        word, place = key.group(1), key.start()
        # Lowered ASCII text's words are keys. A word in other letters that lowers to no
        # key may begin any hazard: "İ" lowers to two characters, and the long s is an
        # "s" only to a pattern ignoring case.
        for hazard in _KEY_HAZARDS.get(word if lowered else word.lower(), _HAZARDS):
            if place < ends.get(hazard, 0):
                continue  # inside this hazard's last match
            match = compiled[hazard].match(text, place)
            if match is not None:
                matched.setdefault(hazard, []).append(match)
                ends[hazard] = match.end()
    for hazard in _ALWAYS:
        matched[hazard] = list(compiled[hazard].finditer(text))
    found: dict[Hazard, list[str]] = {}
    for hazard in _HAZARDS:
        for match in matched.get(hazard, ()):
            if not _denied(text, match.start(), match.end(), lowered):
                found.setdefault(hazard, []).append(match.group(0))
    if not found:
        return _NOTHING
    mentions = tuple(dict.fromkeys(m.lower() for words in found.values() for m in words))
    return HazardFlag(tuple(found), mentions)


_NOTHING = HazardFlag((), ())
