"""The annual report and the quarterly update laid out as documents: headings under the
Code's paragraphs, tables with last year beside this year, a chart and a sentence for each
table that is worth drawing. The figures all come from the report's data (the same dict the
JSON is written from), so every format shows the same numbers.

- ``annual``: the annual report (Code 8.1, 8.2): its sections in order, the figures at a
  glance, the landlord's own words; ``handling``, ``putting_right``, ``equality`` and
  ``tsm`` lay out its performance sections.
- ``quarterly``: the quarterly update (Code 9.7).
- ``common``: what both use.
"""

from putright.reports.layout.annual import annual_document
from putright.reports.layout.quarterly import quarterly_document

__all__ = ["annual_document", "quarterly_document"]
