"""Rendering a staff-area page in the one staff layout (web/staff_layout.html).

The workspace, the Ombudsman, learning, reports and self-assessment pages all render through
``staff_page``, so each shows the same navigation (from the request's membership, added by
``putright.web.context.staff_workspace``), with its own item current, and says "Error:" in
its title when it shows errors, as GOV.UK asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render

from putright.web.access import StaffRequest
from putright.web.govuk import error_items

#: An area's pages, for the links between them: (name, href, text).
AreaPages = Sequence[tuple[str, str, str]]


def staff_page(
    request: StaffRequest,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    nav: str = "",
    status: int = 200,
    has_errors: bool | None = None,
) -> HttpResponse:
    """Render ``template`` (which extends web/staff_layout.html) with ``nav`` the current
    navigation item. Whether the page shows errors is worked out from the forms and formsets
    in ``context`` unless ``has_errors`` says (for a page whose form is not a Django form)."""
    page = dict(context or {})
    if has_errors is None:
        shown = [v for v in page.values() if isinstance(v, forms.BaseForm | forms.BaseFormSet)]
        has_errors = bool(error_items(*shown))
    page.setdefault("page_has_errors", has_errors)
    page["nav"] = nav
    return render(request, template, page, status=status)


def area_pages(label: str, pages: AreaPages, current: str) -> dict[str, Any]:
    """The links between the pages of one area (the Ombudsman's, learning's), shown under the
    staff navigation: ``label`` names them for screen readers, ``current`` is this page's."""
    return {"area_label": label, "area_pages": list(pages), "area_page": current}
