"""Benchmark: the safety words (``rules.hazards.hazard_flag``), µs a description, cold.

    .venv/bin/python benchmarks/hazard_bench.py [--count 2000] [--repeat 5] [--profile OUT]

Reads three sets of different descriptions, each read with the flag's cache emptied first
(so every description is read, as a register import of different descriptions reads them):

- **register**: the register generator's descriptions (``putright/registers/generate.py``)
  with "Our reference N." appended, as in docs/performance.md's register of different
  descriptions;
- **load**: 20 to 60 of the load test's words (``benchmarks/staff_bench.py``'s ``WORDS``,
  which the load test's data set is built from), as its records' descriptions are;
- **demo**: the demo's stories (``putright/demo/words.py``), their braces filled in at
  random;
- **phrases**: one to four of the test phrasings (``tests/rules/data``) joined, so
  denials, returns and several hazards meet in one description.

Prints the best of ``--repeat`` runs (CPU of this process) per set, the mean length, the
share flagged, and a digest of every flag found (hazards and mentions), so two versions of
the words can be compared for speed and checked for the same results on the same text.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The demo's words import its models (no database is used).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
import django  # noqa: E402

django.setup()

from benchmarks.staff_bench import WORDS  # noqa: E402
from putright.demo.landlord import REPAIRS_CONTRACTOR  # noqa: E402
from putright.demo.residents import BLOCKS  # noqa: E402
from putright.demo.words import FIXTURES, LGSCO_STORIES, ROOMS, STORIES  # noqa: E402
from putright.registers.generate import DESCRIPTIONS  # noqa: E402
from putright.rules.hazards import hazard_flag  # noqa: E402

PHRASINGS = ROOT / "tests" / "rules" / "data"


def register_set(count: int) -> list[str]:
    return [
        f"{DESCRIPTIONS[n % len(DESCRIPTIONS)]} Our reference {n + 1}.".strip()
        for n in range(count)
    ]


def load_set(count: int, rng: random.Random) -> list[str]:
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."
        for _ in range(count)
    ]


def demo_set(count: int, rng: random.Random) -> list[str]:
    stories = [s.description for theme in STORIES.values() for s in theme]
    stories += [s.description for s in LGSCO_STORIES]
    out = []
    for n in range(count):
        words = {
            "room": rng.choice(ROOMS),
            "weeks": str(rng.randint(3, 14)),
            "fixture": rng.choice(FIXTURES),
            "times": rng.choice(("three", "four", "five", "six")),
            "topic": "repair",
            "block": rng.choice(BLOCKS),
            "contractor": REPAIRS_CONTRACTOR,
            "member": "Cllr Amina Begum",
        }
        out.append(f"{rng.choice(stories).format(**words)} Case {n + 1}.")
    return out


def phrase_set(count: int, rng: random.Random) -> list[str]:
    texts = []
    for name in ("hazard_phrasings.csv", "hazard_phrasings_unseen.csv"):
        with (PHRASINGS / name).open(newline="", encoding="utf-8") as f:
            texts += [row["text"].rstrip(".") + "." for row in csv.DictReader(f)]
    return [
        " ".join(rng.choice(texts) for _ in range(rng.randint(1, 4))) + f" Ref {n + 1}."
        for n in range(count)
    ]


def cold(descriptions: list[str]) -> float:
    """CPU seconds to flag every description once, the cache emptied first."""
    hazard_flag.cache_clear()
    started = time.process_time()
    for description in descriptions:
        hazard_flag(description)
    return time.process_time() - started


def digest(descriptions: list[str]) -> str:
    h = hashlib.sha256()
    for description in descriptions:
        flag = hazard_flag(description)
        h.update(repr((description, flag.hazards, flag.mentions)).encode())
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    sets = {
        "register": register_set(options.count),
        "load": load_set(options.count, rng),
        "demo": demo_set(options.count, rng),
        "phrases": phrase_set(options.count, rng),
    }
    print(f"load average {os.getloadavg()[0]:.2f}")
    print("set        µs/description  mean chars  flagged  digest")
    for name, descriptions in sets.items():
        best = min(cold(descriptions) for _ in range(options.repeat))
        length = sum(map(len, descriptions)) / len(descriptions)
        flagged = sum(hazard_flag(d).flagged for d in descriptions) / len(descriptions)
        print(
            f"{name:<10} {best / len(descriptions) * 1e6:14.1f}  {length:10.0f}  "
            f"{flagged:7.0%}  {digest(descriptions)}"
        )
    if options.profile:
        everything = [d for descriptions in sets.values() for d in descriptions]
        hazard_flag.cache_clear()
        cProfile.runctx(
            "for d in everything: hazard_flag(d)", globals(), locals(), str(options.profile)
        )
        print(f"profile written to {options.profile}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
