"""Edits a member of staff might make to a letter's text, for the tests."""

from __future__ import annotations

import re


def remove(text: str, phrase: str) -> str:
    """``text`` with every occurrence of ``phrase`` cut out, ignoring case and spacing."""
    words = phrase.strip().rstrip(".").split()
    if not words:
        return text
    pattern = r"\s+".join(re.escape(w) for w in words)
    return re.sub(pattern, "", text, flags=re.IGNORECASE)


def remove_all(text: str, phrases: tuple[str, ...]) -> str:
    """Cut out every phrase, longest first so a shorter one cannot leave half of a longer."""
    for phrase in sorted(phrases, key=len, reverse=True):
        text = remove(text, phrase)
    return text
