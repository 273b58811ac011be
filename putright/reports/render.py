"""A report ``Document`` as HTML and PDF.

- ``document_context``: the sections, tables and charts ready for the templates, each cell
  already written out ("1,234", "83.3%", "£1,200.00", "fewer than 5").
- ``standalone_html``: one self-contained, accessible HTML page to publish on the
  landlord's website (Code 8.2): its own small stylesheet, nothing loaded from elsewhere.
- ``document_pdf``: the committee's copy through WeasyPrint: a cover, a contents page with
  page numbers, "Page N of M" on every page, in Liberation Sans, tagged for screen readers.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.text import slugify

from putright.reports.charts import bar_chart
from putright.reports.document import Document, Section, Table, format_cell, paragraphs_of

NUMERIC_KINDS = frozenset({"count", "percent", "rate", "money", "figure", "change"})


def _table_context(table: Table, section_id: str) -> dict[str, Any]:
    table_id = f"{section_id}--{slugify(table.key)}"
    numeric = [c.kind in NUMERIC_KINDS for c in table.columns]
    return {
        "id": table_id,
        "caption": table.caption,
        "summary": table.summary,
        "notes": table.notes,
        "headings": [(c.heading, n) for c, n in zip(table.columns, numeric, strict=True)],
        "rows": [
            [
                (format_cell(value, column.kind), n)
                for value, column, n in zip(row, table.columns, numeric, strict=True)
            ]
            for row in table.rows
        ],
        "chart": bar_chart(table, f"chart-{table_id}"),
        "wide": len(table.columns) > 5,
        # A chart sits beside a narrow table, above a wide one.
        "stacked": len(table.columns) > 3,
    }


def _section_context(section: Section, level: int) -> dict[str, Any]:
    return {
        "id": section.id,
        "heading": section.heading,
        "code": section.code,
        "level": level,
        "heading_tag": f"h{min(level + 1, 6)}",
        "paragraphs": section.paragraphs,
        "written": paragraphs_of(section.written),
        "written_by": section.written_by,
        "tables": [_table_context(t, section.id) for t in section.tables],
        "subsections": [_section_context(s, level + 1) for s in section.subsections],
    }


def document_context(document: Document) -> dict[str, Any]:
    sections = [_section_context(s, 1) for s in document.sections]
    contents = [
        {
            "id": s["id"],
            "heading": s["heading"],
            "code": s["code"],
            "level": 1,
            "children": [
                {"id": c["id"], "heading": c["heading"], "code": c["code"]}
                for c in s["subsections"]
            ],
        }
        for s in sections
    ]
    return {
        "document": document,
        "sections": sections,
        "contents": contents,
        "generated_on": f"{document.generated_on:%-d %B %Y}",
    }


def standalone_html(document: Document) -> str:
    """The report as one HTML page that can be published as it is."""
    return render_to_string("reports/standalone.html", document_context(document))


def print_html(document: Document) -> str:
    return render_to_string("reports/print.html", document_context(document))


def html_to_pdf(html: str) -> bytes:
    """HTML to a tagged A4 PDF with WeasyPrint, loading nothing from outside the document."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class _FetchNothing(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> None:
            raise ValueError(f"A report does not load {url}.")

    return HTML(string=html, url_fetcher=_FetchNothing(), base_url=None).write_pdf(pdf_tags=True)


def document_pdf(document: Document) -> bytes:
    return html_to_pdf(print_html(document))
