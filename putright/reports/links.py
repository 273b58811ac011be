"""Where a complaint's page is, for the links from the compliance view's lists of cases.

The staff workspace's case page if it has one; otherwise the complaint in the Django admin.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

#: URL names the staff workspace may give its case page, tried in order.
CASE_PAGE_NAMES = ("staff:complaint", "staff:case", "staff:complaint_detail")


def case_url(reference: str, complaint_id: int) -> str:
    for name in CASE_PAGE_NAMES:
        try:
            return reverse(name, kwargs={"reference": reference})
        except NoReverseMatch:
            continue
    return reverse("admin:complaints_complaint_change", args=[complaint_id])
