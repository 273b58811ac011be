"""The demo landlord's residents (invented): their homes and tenures, and what Code 3.6,
5.10 and 5.14 ask to be kept about them: representatives with consent, disabilities,
reasonable adjustments and vulnerabilities under review, and one restriction on contact.

Reviews are mostly kept up: a record agreed more than a review ago was last reviewed on its
anniversary and is next due ahead; one in about twelve has missed its review, as happens.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from putright.demo.chance import weighted
from putright.demo.landlord import ALLOCATIONS, ASB_THEME, LEASEHOLD, NOISE, TOWN
from putright.demo.words import MEMBERS
from putright.landlords.models import Landlord
from putright.residents.models import (
    FORMAT_KINDS,
    DisclosedDisability,
    EqualityData,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    VulnerabilityFlag,
)
from putright.rules.codes import AgeBand, Disability, RepresentativeKind, Sex, StockType, Tenure

# fmt: off
FIRST_NAMES = (
    "Aisha", "Alan", "Amir", "Andrew", "Angela", "Barbara", "Ben", "Bronwen", "Carl", "Chloe",
    "Claire", "Colin", "Daniel", "Deborah", "Dylan", "Elaine", "Emma", "Fatima", "Gary",
    "Gemma", "Hannah", "Ibrahim", "Irene", "Jack", "Jade", "James", "Janet", "Jasmine", "John",
    "Joyce", "Karen", "Kevin", "Kwame", "Laura", "Leanne", "Liam", "Lorraine", "Marcus",
    "Margaret", "Maria", "Mark", "Michelle", "Mohammed", "Nadia", "Natalie", "Neil", "Nicola",
    "Olu", "Patricia", "Paul", "Rebecca", "Ryan", "Samina", "Sandra", "Sean", "Sharon",
    "Sophie", "Stephen", "Tariq", "Tracey", "Wayne", "Yusuf", "Zofia",
)
SURNAMES = (
    "Adeyemi", "Ahmed", "Allen", "Baker", "Begum", "Bell", "Brown", "Campbell", "Clarke",
    "Cooper", "Davies", "Edwards", "Evans", "Green", "Hall", "Harris", "Hill", "Hughes",
    "Hussain", "Jackson", "James", "Johnson", "Jones", "Khan", "King", "Lewis", "Martin",
    "Mensah", "Mitchell", "Moore", "Morgan", "Murphy", "Nowak", "O'Brien", "Okafor", "Parker",
    "Patel", "Phillips", "Roberts", "Robinson", "Scott", "Shaw", "Singh", "Smith", "Taylor",
    "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson",
    "Wood", "Wright", "Young",
)
STREETS = (
    "Ferry Lane", "Willow Road", "Canal Street", "Mill Road", "Orchard Close", "Station Road",
    "Chapel Street", "Meadow Way", "Kingfisher Drive", "Weavers Row", "Church Lane",
    "Quarry Road", "Barley Close", "Heron Way", "Tannery Lane", "Bridge Street",
    "Lock Keepers Way", "Poplar Avenue", "Victoria Terrace", "Fairfield Road",
)
# fmt: on
ESTATES = {
    "Millbrook Estate": ("Kingfisher House", "Otter House", "Heron House"),
    "Castle Fields": ("Keep Court", "Gatehouse Court"),
    "Wharfside": ("Anchor Point", "Lighter House", "Barge Court"),
}
BLOCKS = tuple(block for blocks in ESTATES.values() for block in blocks)
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
TENURES = {
    Tenure.TENANT: 86,
    Tenure.LEASEHOLDER: 6,
    Tenure.SHARED_OWNER: 3,
    Tenure.APPLICANT: 4,
    Tenure.PRIVATE_RESIDENT: 1,
}
DISABILITIES = (
    "Mobility impairment; uses a wheelchair outdoors",
    "Hearing loss; uses hearing aids",
    "Long-term mental health condition",
    "Partially sighted",
    "COPD; breathless on stairs",
)
ADJUSTMENTS = (
    (ReasonableAdjustment.Kind.LARGE_PRINT, "All letters in 16-point type."),
    (ReasonableAdjustment.Kind.PHONE_NOT_LETTERS, "Call first; letters only as a follow-up."),
    (ReasonableAdjustment.Kind.INTERPRETER, "Polish interpreter for calls and visits."),
    (ReasonableAdjustment.Kind.BSL, "BSL interpreter at visits; email otherwise."),
    (ReasonableAdjustment.Kind.SUPPORT_PERSON, "Daughter to be present at visits."),
    (ReasonableAdjustment.Kind.EASY_READ, "Easy-read versions of letters."),
)
VULNERABILITIES = (
    "Young child with asthma in the home",
    "Lives alone, aged over 80",
    "Recently bereaved",
    "Survivor of domestic abuse; do not share address",
    "Receives support for hoarding",
)
ETHNICITIES = (
    "White British",
    "Black British",
    "Asian British",
    "White other",
    "Mixed",
    "Prefer not to say",
)

#: A review missed: about one record in twelve under review is past its review date.
REVIEW_MISSED = 0.08
#: Most representatives have the resident's signed consent on file before they act (3.6).
CONSENT_AWAITED = 0.2


@dataclass
class Residents:
    """The residents, and what the complaints made for them need to know."""

    people: list[Resident]
    representatives: dict[int, Representative] = field(default_factory=dict)
    vulnerable: set[int] = field(default_factory=set)
    large_print: set[int] = field(default_factory=set)
    #: The accessible formats and languages each resident's letters must meet (Code 5.10),
    #: by kind, as ``residents.selectors.format_needs`` reads them: known here, so the demo
    #: does not read them again for each letter.
    formats: dict[int, list[str]] = field(default_factory=dict)
    #: Where letters go for someone who does not live in one of the landlord's homes.
    postal: dict[int, str] = field(default_factory=dict)

    def tenures_for(self, rng: random.Random, area: str, theme: str) -> Sequence[str]:
        """Who complains about what: applicants (and tenants wanting a transfer) about
        allocations, leaseholders about leasehold, a private neighbour now and then about
        anti-social behaviour, and otherwise people living in the landlord's homes."""
        if theme == ALLOCATIONS:
            return [Tenure.APPLICANT] if rng.random() < 0.6 else [Tenure.TENANT]
        if area == LEASEHOLD:
            return [Tenure.LEASEHOLDER]
        homes = [Tenure.TENANT, Tenure.LEASEHOLDER, Tenure.SHARED_OWNER]
        return [*homes, Tenure.PRIVATE_RESIDENT] if theme in (ASB_THEME, NOISE) else homes

    def pick(self, rng: random.Random, tenures: Sequence[str]) -> Resident:
        """Someone to complain: a few residents complain often, as in real registers."""
        pool = [r for r in self.people if r.tenure in tenures] or self.people
        if rng.random() < 0.15:
            pool = pool[: max(1, len(pool) // 20)]
        return rng.choice(pool)


def residents_add(
    *,
    rng: random.Random,
    landlord: Landlord,
    officer: User,
    today: dt.date,
    count: int,
    since: dt.date,
) -> Residents:
    """``count`` residents with homes, tenures and the records kept about them."""
    homes: list[Property] = []
    people: list[Resident] = []
    for i in range(count):
        tenure = weighted(rng, TENURES)
        home = None
        if tenure in (Tenure.TENANT, Tenure.LEASEHOLDER, Tenure.SHARED_OWNER):
            home = _property(rng, landlord, tenure)
            homes.append(home)
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        people.append(
            Resident(
                landlord=landlord,
                name=f"{first} {last}",
                email=f"{first}.{last}{i}@example.org".lower().replace("'", ""),
                phone=f"07700 900{rng.randint(0, 999):03d}",
                contact_preference=rng.choice(Resident.ContactPreference.values),
                home=home,
                tenure=tenure,
                tenancy_reference=f"T{100000 + i}" if home else "",
            )
        )
    Property.objects.bulk_create(homes)
    residents = Residents(Resident.objects.bulk_create(people))
    for person in residents.people:
        if person.home is None:
            residents.postal[person.pk] = f"{person.name}\n{_address(rng)}\n{_postcode(rng)}"
    _add_records(residents, rng, landlord, officer, today, since)
    return residents


def _postcode(rng: random.Random) -> str:
    return (
        f"RV{rng.randint(1, 9)} {rng.randint(1, 9)}"
        f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    )


def _address(rng: random.Random) -> str:
    return f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{TOWN}"


def _property(rng: random.Random, landlord: Landlord, tenure: str) -> Property:
    stock = {
        Tenure.TENANT: StockType.LCRA,
        Tenure.SHARED_OWNER: StockType.LCHO,
        Tenure.LEASEHOLDER: StockType.NONE,
    }[Tenure(tenure)]
    postcode = _postcode(rng)
    if tenure == Tenure.LEASEHOLDER or rng.random() < 0.45:
        estate = rng.choice(list(ESTATES))
        block = rng.choice(ESTATES[estate])
        street = rng.choice(STREETS)
        return Property(
            landlord=landlord,
            uprn=str(rng.randint(10_000_000_000, 99_999_999_999)),
            address=f"Flat {rng.randint(1, 60)}, {block}\n{street}\n{TOWN}",
            postcode=postcode,
            estate=estate,
            block=block,
            stock_type=stock,
        )
    return Property(
        landlord=landlord,
        uprn=str(rng.randint(10_000_000_000, 99_999_999_999)),
        address=_address(rng),
        postcode=postcode,
        stock_type=stock,
    )


def _reviews(
    rng: random.Random, agreed: dt.date, today: dt.date, every: int
) -> tuple[dt.date | None, dt.date]:
    """The last review and the next one due, for a record agreed on ``agreed`` and reviewed
    every ``every`` days: kept up, so the next is ahead of today, unless the last one that
    fell due was missed."""
    cycle = dt.timedelta(days=every)
    last, due = None, agreed + cycle
    while due < today:
        last, due = due, due + cycle
    if last is not None and rng.random() < REVIEW_MISSED:
        before = last - cycle
        return (before if before > agreed else None), last
    return last, due


def _add_records(
    residents: Residents,
    rng: random.Random,
    landlord: Landlord,
    officer: User,
    today: dt.date,
    since: dt.date,
) -> None:
    disabilities, adjustments, flags, equality, reps = [], [], [], [], []
    for person in residents.people:
        agreed = today - dt.timedelta(days=rng.randint(20, 520))
        if rng.random() < 0.10:
            last, due = _reviews(rng, agreed, today, 365)
            disabilities.append(
                DisclosedDisability(
                    resident=person,
                    description=rng.choice(DISABILITIES),
                    last_reviewed_on=last,
                    review_due_on=due,
                    recorded_by=officer,
                )
            )
        if rng.random() < 0.06:
            kind, details = rng.choice(ADJUSTMENTS)
            last, due = _reviews(rng, agreed, today, 365)
            adjustments.append(
                ReasonableAdjustment(
                    resident=person,
                    kind=kind,
                    details=details,
                    agreed_on=agreed,
                    last_reviewed_on=last,
                    review_due_on=due,
                    recorded_by=officer,
                )
            )
            if kind == ReasonableAdjustment.Kind.LARGE_PRINT:
                residents.large_print.add(person.pk)
            if kind in FORMAT_KINDS:
                residents.formats.setdefault(person.pk, []).append(kind)
        if rng.random() < 0.07:
            residents.vulnerable.add(person.pk)
            last, due = _reviews(rng, agreed, today, 180)
            flags.append(
                VulnerabilityFlag(
                    resident=person,
                    description=rng.choice(VULNERABILITIES),
                    last_reviewed_on=last,
                    review_due_on=due,
                    recorded_by=officer,
                )
            )
        if rng.random() < 0.6:
            equality.append(
                EqualityData(
                    landlord=landlord,
                    resident=person,
                    age_band=rng.choice(AgeBand.values()),
                    sex=rng.choice(Sex.values()),
                    ethnicity=rng.choice(ETHNICITIES),
                    disability=rng.choice(Disability.values()),
                )
            )
        if rng.random() < 0.06:
            reps.append(_representative(rng, person, since))
    DisclosedDisability.objects.bulk_create(disabilities)
    ReasonableAdjustment.objects.bulk_create(adjustments)
    VulnerabilityFlag.objects.bulk_create(flags)
    EqualityData.objects.bulk_create(equality)
    for rep in Representative.objects.bulk_create(reps):
        residents.representatives[rep.resident_id] = rep
    Restriction.objects.create(
        resident=residents.people[-1],
        restriction="Contact by email to one named officer (Olivia Grant); calls not taken.",
        reason="Repeated abusive and threatening calls to staff.",
        evidence="Call notes and recordings of three calls in one month.",
        proportionality="Complaints are still accepted and answered in writing.",
        starts_on=today - dt.timedelta(days=120),
        review_due_on=today + dt.timedelta(days=60),
        recorded_by=officer,
    )


def _representative(rng: random.Random, person: Resident, since: dt.date) -> Representative:
    kind = weighted(
        rng,
        {
            RepresentativeKind.FAMILY: 50,
            RepresentativeKind.ADVOCATE: 20,
            RepresentativeKind.COUNCILLOR: 15,
            RepresentativeKind.SOLICITOR: 10,
            RepresentativeKind.MP: 5,
        },
    )
    awaiting = rng.random() < CONSENT_AWAITED
    name = {
        RepresentativeKind.COUNCILLOR: rng.choice(MEMBERS[:3]),
        RepresentativeKind.MP: MEMBERS[3],
        RepresentativeKind.SOLICITOR: "Harbour Law LLP",
        RepresentativeKind.ADVOCATE: "Riverside Advocacy Service",
    }.get(kind, f"{rng.choice(FIRST_NAMES)} {person.name.split()[-1]}")
    return Representative(
        resident=person,
        name=name,
        kind=kind,
        consent_given_on=None if awaiting else since - dt.timedelta(days=rng.randint(1, 90)),
        consent_evidence="" if awaiting else "Signed consent form on file.",
    )
