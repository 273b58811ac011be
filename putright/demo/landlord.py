"""The demo landlord itself: its name and contact details, its homes over the years, its
Christmas shutdown, its contractors, service areas and complaint themes.

The lists follow the councils' published reports (reference/seeds: Cannock Chase, Brent):
repairs the biggest service area, service requests and member enquiries spread across the
services in their own proportions.
"""

from __future__ import annotations

import datetime as dt
import random

from putright.landlords.models import (
    ClosureDay,
    Contractor,
    HomesCount,
    Landlord,
    ServiceArea,
    Theme,
)
from putright.landlords.services import sub_causes_seed
from putright.rules.calendar import bank_holidays
from putright.rules.counting import financial_year_of

TOWN = "Riverside"

REPAIRS = "Repairs and maintenance"
TENANCY = "Tenancy management"
ESTATE = "Estate services"
ASB = "Anti-social behaviour"
RENTS = "Rents and income"
LETTINGS = "Lettings and allocations"
LEASEHOLD = "Leasehold"
CUSTOMER = "Customer services"

#: Service area: relative share of complaints, service requests and member enquiries.
SERVICE_AREAS: dict[str, tuple[int, int, int]] = {
    REPAIRS: (44, 40, 20),
    TENANCY: (11, 10, 8),
    ESTATE: (8, 26, 5),
    ASB: (7, 8, 8),
    RENTS: (5, 6, 2),
    LETTINGS: (10, 5, 55),
    LEASEHOLD: (6, 3, 1),
    CUSTOMER: (9, 2, 1),
}

DAMP = "Damp and mould"
DELAY = "Repairs delay"
COMMS = "Communication"
CONDUCT = "Staff conduct"
WORKMANSHIP = "Contractor workmanship"
ASB_THEME = "Anti-social behaviour"
ALLOCATIONS = "Allocations"
CHARGES = "Service charges"
NOISE = "Noise"
THEMES = (DAMP, DELAY, COMMS, CONDUCT, WORKMANSHIP, ASB_THEME, ALLOCATIONS, CHARGES, NOISE)

#: Over the last three months, complaints about the repairs contractor's kitchen upgrades
#: rise to several times their usual share: a rise the trend signal flags (domain.md §8).
KITCHEN_RISE_DAYS = 91
KITCHEN_RISE = 4

#: The themes complaints about each service area fall under, with their shares.
AREA_THEMES: dict[str, dict[str, int]] = {
    REPAIRS: {DAMP: 28, DELAY: 40, WORKMANSHIP: 20, COMMS: 12},
    TENANCY: {COMMS: 40, CONDUCT: 30, NOISE: 15, ASB_THEME: 15},
    ESTATE: {WORKMANSHIP: 45, COMMS: 35, NOISE: 20},
    ASB: {ASB_THEME: 70, NOISE: 20, COMMS: 10},
    RENTS: {COMMS: 60, CONDUCT: 40},
    LETTINGS: {ALLOCATIONS: 70, COMMS: 30},
    LEASEHOLD: {CHARGES: 70, COMMS: 30},
    CUSTOMER: {COMMS: 60, CONDUCT: 40},
}

REPAIRS_CONTRACTOR = "Kestrel Property Services Ltd"
GROUNDS_CONTRACTOR = "Greenway Grounds Maintenance Ltd"
CONTRACTORS = (
    (REPAIRS_CONTRACTOR, "complaints@kestrel-property.example"),
    (GROUNDS_CONTRACTOR, "customercare@greenway-grounds.example"),
)


def landlord_create(name: str) -> Landlord:
    """The landlord, with the contact details its letters and pages print, and the default
    root-cause sub-causes a new landlord starts with."""
    landlord = Landlord.objects.create(
        name=name,
        reference_prefix="RH",
        phone="0300 123 4567",
        email="complaints@riverside-homes.example",
        address=f"Riverside House, 1 Quay Street, {TOWN} RV1 1AA",
        website="https://riverside-homes.example",
    )
    sub_causes_seed(landlord=landlord)
    return landlord


def homes_add(landlord: Landlord, start: dt.date, end: dt.date, rng: random.Random) -> None:
    """About 8,000 homes for each financial year covered (CH01 needs the year-end count)."""
    lcra, lcho = 7_640, 380
    for year in range(financial_year_of(start), financial_year_of(end) + 1):
        HomesCount.objects.create(landlord=landlord, year=year, lcra=lcra, lcho=lcho)
        lcra -= rng.randint(20, 60)  # right-to-buy sales
        lcho += rng.randint(10, 30)  # new shared-ownership homes


def closure_days_add(landlord: Landlord, start: dt.date, end: dt.date) -> None:
    """The offices shut between Christmas and New Year: the weekdays that are not already
    bank holidays are closure days, so the landlord's due dates step over them."""
    holidays = bank_holidays()
    days = [
        dt.date(y, 12, d)
        for y in range(start.year, end.year + 1)
        for d in range(27, 32)
        if dt.date(y, 12, d).weekday() < 5 and dt.date(y, 12, d) not in holidays
    ]
    ClosureDay.objects.bulk_create(
        ClosureDay(landlord=landlord, date=d, description="Christmas shutdown") for d in days
    )


def contractors_add(landlord: Landlord) -> dict[str, Contractor]:
    return {
        name: Contractor.objects.create(landlord=landlord, name=name, email=email)
        for name, email in CONTRACTORS
    }


def service_areas_add(landlord: Landlord) -> dict[str, ServiceArea]:
    return {n: ServiceArea.objects.create(landlord=landlord, name=n) for n in SERVICE_AREAS}


def themes_add(landlord: Landlord) -> dict[str, Theme]:
    return {n: Theme.objects.create(landlord=landlord, name=n) for n in THEMES}
