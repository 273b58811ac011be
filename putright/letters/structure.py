"""A letter's structure, read from its plain-text body: headings, list items, paragraphs.

The body staff edit is plain text: a line starting "## " is a heading, "### " a heading
under it, "- " an item of a list, and lines together between blank lines a paragraph
(``render.text_to_html`` lays it out the same way). The required-elements checks
(``elements.py``) look for the parts of a response here, by their headings and items, not
for the record's words copied into the letter: staff may word a letter as the resident
needs it, and the check still finds each point, its decision and reasons, and each remedy
with its date.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Heading markers, the most specific first, with the level each stands for.
HEADING_MARKERS: tuple[tuple[str, int], ...] = (("### ", 3), ("## ", 2), ("# ", 2))


@dataclass(frozen=True, slots=True)
class Block:
    """One part of a letter's body: a heading (with its level), a list item or a paragraph."""

    kind: str  # "heading", "item" or "paragraph"
    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything under it, up to the next heading of the same or a higher
    level (a "### " section sits inside the "## " one above it)."""

    heading: str
    level: int
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The words under the heading (its own subheadings included)."""
        return "\n".join(b.text for b in self.blocks)


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, text) when the stripped line is a heading, else None."""
    for marker, level in HEADING_MARKERS:
        if line.startswith(marker):
            return level, line[len(marker) :].strip()
    return None


def blocks(body_text: str) -> tuple[Block, ...]:
    """The body's headings, list items and paragraphs, in order."""
    found: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            found.append(Block("paragraph", "\n".join(paragraph)))
            paragraph.clear()

    for raw in body_text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif (heading := heading_of(line)) is not None:
            flush()
            found.append(Block("heading", heading[1], heading[0]))
        elif line.startswith("- "):
            flush()
            found.append(Block("item", line[2:].strip()))
        else:
            paragraph.append(line)
    flush()
    return tuple(found)


def sections(body: tuple[Block, ...]) -> tuple[Section, ...]:
    """Every heading's section, in order: nested ones appear inside their parent's too."""
    found = []
    for i, block in enumerate(body):
        if block.kind != "heading":
            continue
        under = []
        for later in body[i + 1 :]:
            if later.kind == "heading" and later.level <= block.level:
                break
            under.append(later)
        found.append(Section(block.text, block.level, tuple(under)))
    return tuple(found)
