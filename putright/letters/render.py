"""Turning a template and the record into a letter: the editable text, the HTML, the PDF.

- ``draft_from_templates``: the subject and plain-text body staff can edit in a textarea.
  The body is plain text: paragraphs separated by a blank line, lines starting with "- "
  as a bulleted list, and lines starting with "## " as headings ("### " for one under
  another: ``structure.py``). Nothing else is markup.
- ``render_html``: a complete, accessible letter (lang="en-GB", landlord letterhead, date,
  reference, the resident's name and address, the body, the sign-off), at 12pt, or in
  large print at 18pt as a reasonable adjustment (Equality Act 2010, Code 5.10).
- ``render_pdf``: the same HTML as an A4 PDF through WeasyPrint, in Liberation Sans (or
  Arial), with page numbers, loading nothing from outside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from putright.landlords.models import today
from putright.letters.facts import LetterFacts, recipient_address
from putright.letters.structure import heading_of
from putright.letters.templating import letter_context, one_line_subject, render_template, tidy_text
from putright.letters.wording import long_date

if TYPE_CHECKING:
    from putright.complaints.models import Complaint
    from putright.landlords.models import Landlord

#: Body text size: 12pt, a clear letter size; 18pt in large print (RNIB: at least 16pt).
STANDARD_PRINT_PT = 12
LARGE_PRINT_PT = 18


@dataclass(frozen=True, slots=True)
class Draft:
    """A letter's subject and plain-text body, as staff see and edit it before issuing."""

    subject: str
    body_text: str

    @property
    def text(self) -> str:
        """Subject and body together: what the required elements are looked for in."""
        return f"{self.subject}\n\n{self.body_text}"


def draft_from_templates(subject_template: str, body_template: str, facts: LetterFacts) -> Draft:
    """Render a subject and body template with the facts (``templating`` makes it safe)."""
    context = letter_context(facts)
    subject = one_line_subject(render_template(subject_template, context, "subject"))
    body = tidy_text(render_template(body_template, context, "body"))
    return Draft(subject=subject, body_text=body)


# Plain text to HTML -----------------------------------------------------------------------


def _heading(line: str) -> str | None:
    found = heading_of(line)
    return found[1] if found is not None else None


def text_to_html(body_text: str) -> SafeString:
    """The body as HTML: paragraphs, bulleted lists and headings, every word escaped."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append("<p>" + "<br>\n".join(escape(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            out.append("<ul>\n" + "\n".join(f"<li>{escape(i)}</li>" for i in items) + "\n</ul>")
            items.clear()

    for raw in body_text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif (heading := heading_of(line)) is not None:
            flush()
            level, words = heading
            out.append(f"<h{level}>{escape(words)}</h{level}>")
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(out))  # built only from escaped text


def text_for_email(draft: Draft, signatory: str, landlord_name: str, reference: str) -> str:
    """The plain-text email body: the letter without markers, the sign-off and reference."""
    lines = []
    for raw in draft.body_text.split("\n"):
        heading = _heading(raw.strip())
        lines.append(heading if heading is not None else raw)
    body = "\n".join(lines)
    return (
        f"{body}\n\nYours sincerely\n\n{signatory}\n{landlord_name}\n\nOur reference: {reference}\n"
    )


# The letter as HTML and PDF ---------------------------------------------------------------


#: Who signs when no person does: the system or an integration sends the letter.
TEAM_SIGNATORY = "Complaints team"


def signatory_for(sender: AbstractBaseUser | None) -> str:
    """Who signs: the person who sends the letter, by name, whoever handles the stage; the
    complaints team when the system sends it, when an integration sends it through the API
    (its user is named "API: ..."), or when the sender has no name on record."""
    full_name = getattr(sender, "get_full_name", None)
    name = full_name().strip() if callable(full_name) else ""
    if not name or hasattr(sender, "api_key"):
        return TEAM_SIGNATORY
    return name


def render_html(
    draft: Draft,
    landlord: Landlord,
    complaint: Complaint,
    *,
    large_print: bool = False,
    dated: dt.date | None = None,
    signatory: str | None = None,
) -> str:
    """The complete letter as an accessible HTML document (domain.md §5)."""
    resident = complaint.resident if complaint.resident_id else None
    context = {
        "subject": draft.subject,
        "body_html": text_to_html(draft.body_text),
        "landlord": landlord,
        "landlord_address": [
            line.strip() for line in landlord.address.splitlines() if line.strip()
        ],
        "reference": complaint.reference,
        "dated": long_date(dated or today()),
        "recipient_name": resident.name if resident is not None else "",
        "recipient_address": recipient_address(complaint),
        "signatory": signatory if signatory is not None else TEAM_SIGNATORY,
        "large_print": large_print,
        "font_pt": LARGE_PRINT_PT if large_print else STANDARD_PRINT_PT,
        "small_pt": round((LARGE_PRINT_PT if large_print else STANDARD_PRINT_PT) * 0.75),
    }
    return render_to_string("letters/letter.html", context)


def pdf_renderer_warm() -> None:
    """Load WeasyPrint and its fonts now, by making a one-line PDF: for a web server's
    worker at its start (``putright.wsgi``). Loading it (its C libraries, their
    declarations parsed by cffi, the system's fonts) costs about 0.3 s of CPU and close to
    a second on a busy machine, which the first letter emailed through each worker would
    otherwise wait for (docs/performance.md, "The web tier under load")."""
    render_pdf('<html lang="en"><body><p>Putright</p></body></html>')


def render_pdf(html: str) -> bytes:
    """The HTML as an A4 PDF with page numbers (WeasyPrint; fonts from the system). The
    letter loads nothing: no image, stylesheet or font is fetched from a URL or a file. Only
    what the letter carries itself is read: the letterhead's logo, a ``data:`` image."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class _FetchNothing(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"A letter does not load {url}.")

    return HTML(string=html, url_fetcher=_FetchNothing(), base_url=None).write_pdf(pdf_tags=True)
