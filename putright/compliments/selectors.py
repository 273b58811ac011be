"""Reads of compliments: the list staff filter, and the counts the reports publish."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from putright.compliments.models import Compliment
from putright.landlords.models import Landlord
from putright.rules.compliments import ComplimentCounts, compliment_counts
from putright.rules.counting import financial_year


def compliments_of(
    landlord: Landlord, *, year: int | None = None, service_area_id: int | None = None
) -> QuerySet[Compliment]:
    """The landlord's compliments, newest first; in the financial ``year`` (2025: 1 April
    2025 to 31 March 2026) and the service area, when given."""
    qs = Compliment.objects.filter(landlord=landlord).select_related("service_area", "resident")
    if year is not None:
        start, end = financial_year(year)
        qs = qs.filter(received_on__range=(start, end))
    if service_area_id is not None:
        qs = qs.filter(service_area_id=service_area_id)
    return qs


def compliment_years(landlord: Landlord) -> list[int]:
    """The financial years the landlord has compliments in, latest first."""
    days = Compliment.objects.filter(landlord=landlord).dates("received_on", "month")
    return sorted({d.year if d.month >= 4 else d.year - 1 for d in days}, reverse=True)


def compliment_figures(landlord: Landlord, start: dt.date, end: dt.date) -> ComplimentCounts:
    """counting-rules.md, "Compliments": those received from ``start`` to ``end``, counted
    by ``rules.compliments.compliment_counts``."""
    rows = Compliment.objects.filter(
        landlord=landlord, received_on__range=(start, end)
    ).values_list("service_area__name", "staff_named")
    return compliment_counts(rows)
