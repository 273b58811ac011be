"""How well the safety words find hazards, measured on phrasings written as residents write
(``data/hazard_phrasings.csv``, not the demo's templates): each row is a description and
the kind of hazard it reports, or ``none`` for a complaint with no hazard in it (anti-social
behaviour, rent, allocations, staff conduct, noise, parking, repairs that are not hazards).

- **recall**: of the rows reporting a hazard, the share whose flag holds that kind;
- **any-flag recall**: the share flagged at all (so put at the front of the queue);
- **false alarms**: of the ``none`` rows, the share flagged with a hazard (a vulnerable
  household alone is not counted: it is true of the household, not a false reading);
- **any-flag false alarms**: the share flagged with anything, a vulnerable household too.

Run it to print the figures and every miss and false alarm (docs/suggestions.md):

    python -m tests.rules.hazard_evaluation
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from putright.rules.hazards import Hazard, hazard_flag

DATA = Path(__file__).parent / "data"
#: The set the words were measured on, and then improved against.
PHRASINGS = DATA / "hazard_phrasings.csv"
#: A second set, written after the improvements and never used to change the words: its
#: figures are what to expect on descriptions the words have not been fitted to.
UNSEEN = DATA / "hazard_phrasings_unseen.csv"


@dataclass(frozen=True)
class Evaluation:
    positives: int
    negatives: int
    recalled: int
    flagged: int
    false_alarms: int
    any_false_alarms: int
    misses: tuple[tuple[str, str, tuple[str, ...]], ...]
    alarms: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def recall(self) -> float:
        return self.recalled / self.positives

    @property
    def any_flag_recall(self) -> float:
        return self.flagged / self.positives

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.negatives

    @property
    def any_false_alarm_rate(self) -> float:
        return self.any_false_alarms / self.negatives


def phrasings(path: Path = PHRASINGS) -> list[tuple[str, str]]:
    """(expected kind or "none", description) for every row of the set."""
    with path.open(newline="", encoding="utf-8") as f:
        return [(row["expected"], row["text"]) for row in csv.DictReader(f)]


def evaluate(path: Path = PHRASINGS) -> Evaluation:
    positives = negatives = recalled = flagged = false_alarms = any_false = 0
    misses: list[tuple[str, str, tuple[str, ...]]] = []
    alarms: list[tuple[str, tuple[str, ...]]] = []
    for expected, text in phrasings(path):
        found = hazard_flag(text).hazards
        kinds = tuple(h.value for h in found)
        if expected == "none":
            negatives += 1
            any_false += bool(found)
            if any(h != Hazard.VULNERABLE for h in found):
                false_alarms += 1
                alarms.append((text, kinds))
            continue
        positives += 1
        flagged += bool(found)
        if Hazard(expected) in found:
            recalled += 1
        else:
            misses.append((expected, text, kinds))
    return Evaluation(
        positives,
        negatives,
        recalled,
        flagged,
        false_alarms,
        any_false,
        tuple(misses),
        tuple(alarms),
    )


def main() -> None:
    for path in (PHRASINGS, UNSEEN):
        print(f"== {path.name}")
        report(evaluate(path))


def report(e: Evaluation) -> None:
    print(f"{e.positives} phrasings reporting a hazard, {e.negatives} reporting none")
    print(f"recall (the right kind found):  {e.recalled}/{e.positives} = {e.recall:.1%}")
    print(f"any-flag recall:                {e.flagged}/{e.positives} = {e.any_flag_recall:.1%}")
    print(
        f"false alarms (a hazard):        {e.false_alarms}/{e.negatives} = {e.false_alarm_rate:.1%}"
    )
    print(
        f"any-flag false alarms:          {e.any_false_alarms}/{e.negatives} "
        f"= {e.any_false_alarm_rate:.1%}"
    )
    for expected, text, kinds in e.misses:
        print(f"missed {expected}: {text!r} -> {list(kinds)}")
    for text, kinds in e.alarms:
        print(f"false alarm: {text!r} -> {list(kinds)}")


if __name__ == "__main__":
    main()
