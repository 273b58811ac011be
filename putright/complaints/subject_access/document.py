"""The subject access document: ``Listing``s of ``Entry``s, each entry a list of ``Fact``s
and listings of its own (a complaint, its stages, each stage's points).

One document, written two ways from the same facts, so the two never disagree: as JSON
(each fact by its key, each listing by its key, dates in ISO 8601, amounts as strings) for
the resident to take elsewhere, and as one self-contained HTML page (each fact by its
label, in plain English, with a table of contents; no script, no external file) for the
resident to read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

Value = str | int | bool | Decimal | dt.date | dt.datetime | None

#: What the page shows for a fact with nothing recorded.
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Fact:
    """One thing recorded: ``key`` names it in the JSON, ``label`` on the page."""

    key: str
    label: str
    value: Value


@dataclass
class Listing:
    """Records of one kind under a heading: a complaint's stages, the resident's
    representatives. ``single`` is one record or none (the resident, their home), written
    in the JSON as an object or null rather than a list. ``none`` is what the page says
    when there is nothing."""

    key: str
    heading: str
    entries: list[Entry] = field(default_factory=list)
    none: str = "None recorded."
    single: bool = False


@dataclass
class Entry:
    """One record: its title on the page, its facts, and listings of its own. An entry
    with an ``anchor`` is listed in the page's contents (each complaint is)."""

    title: str
    facts: list[Fact] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Document:
    """Everything held about one resident, for the JSON and the page."""

    landlord: str
    resident_number: int
    produced_at: dt.datetime
    listings: list[Listing]
    #: Each file in the zip beside the two documents, with what it is.
    files: list[tuple[str, str]] = field(default_factory=list)


# JSON ------------------------------------------------------------------------------------


def _json_value(value: Value) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _entry_json(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {fact.key: _json_value(fact.value) for fact in entry.facts}
    for listing in entry.listings:
        data[listing.key] = _listing_json(listing)
    return data


def _listing_json(listing: Listing) -> Any:
    if listing.single:
        return _entry_json(listing.entries[0]) if listing.entries else None
    return [_entry_json(entry) for entry in listing.entries]


def document_json(document: Document) -> bytes:
    """The document as UTF-8 JSON, indented for reading."""
    data: dict[str, Any] = {
        "landlord": document.landlord,
        "resident_number": document.resident_number,
        "produced_at": _json_value(document.produced_at),
    }
    for listing in document.listings:
        data[listing.key] = _listing_json(listing)
    data["files"] = [{"path": path, "what": what} for path, what in document.files]
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


# HTML ------------------------------------------------------------------------------------


def shown(value: Value) -> str | SafeString:
    """A value as the page shows it: dates in words, amounts in pounds, yes or no."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value)
        return f"{local:%-d %B %Y} at {local:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    if isinstance(value, str):
        return linebreaksbr(value)  # escapes the text, then keeps its line breaks
    return str(value)


def _heading(level: int, text: str, anchor: str = "") -> SafeString:
    level = min(level, 6)
    if anchor:
        return format_html('<h{} id="{}">{}</h{}>', level, anchor, text, level)
    return format_html("<h{}>{}</h{}>", level, text, level)


def _facts_html(facts: Sequence[Fact]) -> SafeString:
    if not facts:
        return mark_safe("")
    rows = format_html_join(
        "\n", "<div><dt>{}</dt><dd>{}</dd></div>", ((f.label, shown(f.value)) for f in facts)
    )
    return format_html("<dl>\n{}\n</dl>", rows)


def _entry_html(entry: Entry, level: int) -> SafeString:
    parts = [_heading(level, entry.title, entry.anchor), _facts_html(entry.facts)]
    parts.extend(_listing_html(listing, level + 1) for listing in entry.listings)
    return format_html('<section class="entry">\n{}\n</section>', _joined(parts))


def _listing_html(listing: Listing, level: int, anchor: str = "") -> SafeString:
    parts = [_heading(level, listing.heading, anchor)]
    if not listing.entries:
        parts.append(format_html('<p class="none">{}</p>', listing.none))
    elif listing.single:
        entry = listing.entries[0]
        parts.append(_facts_html(entry.facts))
        parts.extend(_listing_html(child, level + 1) for child in entry.listings)
    else:
        parts.extend(_entry_html(entry, level + 1) for entry in listing.entries)
    return _joined(parts)


def _joined(parts: Iterable[SafeString]) -> SafeString:
    return mark_safe("\n".join(parts))  # each part is escaped already


STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.1875rem; line-height: 1.4;
  color: #0b0c0c; max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem;
  border-top: 2px solid #b1b4b6; padding-top: 1rem; } h3 { font-size: 1.25rem; }
h4, h5, h6 { font-size: 1.1875rem; }
a { color: #1d70b8; } a:focus { outline: 3px solid #ffdd00; background: #ffdd00; }
dl { margin: 0 0 1rem; } dl > div { display: flex; flex-wrap: wrap;
  border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0; }
dt { font-weight: bold; flex: 0 0 14rem; margin-right: 1rem; } dd { margin: 0; flex: 1 1 20rem; }
.entry { margin-left: 0.75rem; border-left: 4px solid #b1b4b6; padding-left: 0.75rem; }
.none { color: #505a5f; }
@media print { .entry { break-inside: avoid; } }
"""


def _contents_below(listing: Listing) -> SafeString:
    """The entries of a listing that have anchors, as a list under its line in the
    contents."""
    anchored = [(e.anchor, e.title) for e in listing.entries if e.anchor]
    if not anchored:
        return mark_safe("")
    return format_html(
        "\n<ol>\n{}\n</ol>", format_html_join("\n", '<li><a href="#{}">{}</a></li>', anchored)
    )


def document_html(document: Document) -> bytes:
    """The document as one self-contained page: a heading, what it is, a table of
    contents linking to each section, then each section. No script and no external file,
    so it opens the same anywhere, offline."""
    anchors = [f"section-{number}" for number in range(1, len(document.listings) + 1)]
    contents = _joined(
        format_html(
            '<li><a href="#{}">{}</a>{}</li>', anchor, listing.heading, _contents_below(listing)
        )
        for anchor, listing in zip(anchors, document.listings, strict=True)
    )
    files = format_html_join(
        "\n", "<li><code>{}</code>: {}</li>", ((path, what) for path, what in document.files)
    )
    sections = _joined(
        _listing_html(listing, 2, anchor)
        for anchor, listing in zip(anchors, document.listings, strict=True)
    )
    page = format_html(
        """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your personal data held by {landlord}</title>
<style>{style}</style>
</head>
<body>
<main>
<h1>Your personal data held by {landlord}</h1>
<p>This is a copy of the personal data {landlord} holds about you in its complaints
system, Putright, produced on {produced}. It is your right to have it (a subject access
request, under Article 15 of the UK GDPR). The same information is in the file
<code>subject-access.json</code>, in a form other systems can read.</p>
<nav aria-labelledby="contents-heading">
<h2 id="contents-heading">Contents</h2>
<ol>
{contents}
<li><a href="#files">Files in this download</a></li>
</ol>
</nav>
{sections}
<h2 id="files">Files in this download</h2>
<ul>
<li><code>subject-access.html</code>: this page</li>
<li><code>subject-access.json</code>: the same information, for other systems</li>
{files}
</ul>
</main>
</body>
</html>
""",
        landlord=document.landlord,
        style=mark_safe(STYLE),  # our own constant
        produced=shown(document.produced_at),
        contents=contents,
        sections=sections,
        files=files,
    )
    return page.encode("utf-8")
