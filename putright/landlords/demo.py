"""The demo landlord (`putright demo`): a year of realistic complaint records.

Every record is made the way a landlord makes it, through the services in
``putright.complaints.services`` with explicit dates, so each complaint has a proper
timeline, due dates worked out by the rules and the Code's checks applied. The demo then
shows what real use looks like and exercises the same code as real use.

The mix follows the councils' published reports (reference/seeds: Cannock Chase, Brent):
repairs the biggest service area; about two in three stage 1 complaints upheld or partly
upheld; about one in six escalated; one in ten acknowledged or answered late; service
requests and member enquiries each about a sixth of the complaints. The open cases are
placed so that the work queue looks like a Monday morning: some waiting for triage, a few
overdue, some due today and this week. The themes carry a history worth reading: damp and
mould doubles every winter, and one contractor's kitchen upgrades draw a rise of complaints
over the last three months. The Ombudsman's casework, the learning and the suggestion
model follow (``putright.landlords.demo_casework``).

A seeded ``random.Random`` makes a run reproducible for the same name, year, size and day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from putright.complaints import services
from putright.complaints.models import Complaint, Stage
from putright.complaints.services import ActionInput, RemedyInput
from putright.landlords.demo_casework import add_casework
from putright.landlords.models import (
    ClosureDay,
    Contractor,
    HomesCount,
    Landlord,
    Role,
    ServiceArea,
    StaffMembership,
    Theme,
    today,
)
from putright.residents.models import (
    DisclosedDisability,
    EqualityData,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    VulnerabilityFlag,
)
from putright.rules.calendar import WorkingCalendar, bank_holidays
from putright.rules.codes import (
    AgeBand,
    Channel,
    CompensationReason,
    Disability,
    EscalationReason,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    Outcome,
    RemedyKind,
    RepresentativeKind,
    RootCause,
    Sex,
    StockType,
    Tenure,
)
from putright.rules.counting import financial_year, financial_year_of
from putright.rules.lifecycle import StageStatus
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS, stage_due_dates

DEFAULT_LANDLORD = "Riverside Homes (demo)"
DEFAULT_PASSWORD = "putright-demo"
DEFAULT_COMPLAINTS = 600
SERVE_URL = "http://127.0.0.1:8000/"
TOWN = "Riverside"


# The landlord's lists ---------------------------------------------------------------------

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


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str
    contractor: str = ""
    sign_in: bool = False  # listed among the demo sign-ins


STAFF = (
    StaffSpec("officer", "Olivia", "Grant", Role.OFFICER, "Complaints team", sign_in=True),
    StaffSpec("handler", "Hamza", "Ali", Role.HANDLER, REPAIRS, sign_in=True),
    StaffSpec("senior", "Sarah", "Bennett", Role.SENIOR_HANDLER, "Head of Housing", sign_in=True),
    StaffSpec(
        "contractor",
        "Chris",
        "Doyle",
        Role.CONTRACTOR_HANDLER,
        "Kestrel complaints",
        contractor=REPAIRS_CONTRACTOR,
        sign_in=True,
    ),
    StaffSpec("viewer", "Vera", "Collins", Role.VIEWER, "Board member (MRC)", sign_in=True),
    StaffSpec("admin", "Adam", "Price", Role.ADMINISTRATOR, "Systems", sign_in=True),
    StaffSpec("priya.shah", "Priya", "Shah", Role.HANDLER, TENANCY),
    StaffSpec("tom.reed", "Tom", "Reed", Role.HANDLER, ESTATE),
    StaffSpec(
        "grace.oduya", "Grace", "Oduya", Role.SENIOR_HANDLER, "Director of Property Services"
    ),
    StaffSpec("david.kowalski", "David", "Kowalski", Role.SENIOR_HANDLER, "Head of Neighbourhoods"),
    StaffSpec(
        "sam.fletcher",
        "Sam",
        "Fletcher",
        Role.CONTRACTOR_HANDLER,
        "Greenway customer care",
        contractor=GROUNDS_CONTRACTOR,
    ),
)
ROLE_WORDS = {
    Role.OFFICER: "complaints officer",
    Role.HANDLER: "handler",
    Role.SENIOR_HANDLER: "senior handler, takes stage 2",
    Role.CONTRACTOR_HANDLER: "contractor's handler",
    Role.VIEWER: "read-only",
    Role.ADMINISTRATOR: "administrator, also /admin/",
}


# Words: what residents say, what handlers find --------------------------------------------


@dataclass(frozen=True)
class Story:
    """A complaint as a resident tells it, and as the landlord defines it (Code 5.6)."""

    description: str
    points: tuple[str, ...]
    outcome_wanted: str
    not_responsible: str = ""


STORIES: dict[str, tuple[Story, ...]] = {
    DAMP: (
        Story(
            "There is black mould on the {room} walls and ceiling again. I reported it "
            "{weeks} weeks ago and nobody has come. My son has asthma and it is getting worse.",
            (
                "Mould in the {room} reported {weeks} weeks ago has not been inspected",
                "No one has contacted the resident about what happens next",
            ),
            "Treat the mould, find the cause and fix it, and keep me informed.",
        ),
        Story(
            "Water has been coming through the {room} ceiling from the flat above for weeks "
            "and the wall is covered in mould. The operative said he would pass it on but "
            "nothing happened.",
            (
                "Leak from the flat above not traced or repaired",
                "Mould caused by the leak not treated",
                "Decoration damaged by the leak",
            ),
            "Stop the leak, treat the mould and pay for redecorating.",
            "Damaged belongings are a matter for the resident's contents insurance.",
        ),
        Story(
            "Condensation runs down the windows every morning and the bedroom smells of damp. "
            "I was told to open the windows but it is freezing and I cannot afford the heating.",
            (
                "Persistent damp and condensation in the bedroom",
                "Advice given instead of an inspection",
            ),
            "A proper damp survey and ventilation fitted.",
        ),
    ),
    DELAY: (
        Story(
            "I reported a leaking {fixture} {weeks} weeks ago. Two appointments were missed "
            "and nobody told me. I took a day off work each time.",
            (
                "Repair to the {fixture} outstanding for {weeks} weeks",
                "Two appointments missed without notice",
            ),
            "Fix it, and pay me for the days I took off work.",
        ),
        Story(
            "My boiler has broken down three times this year and each time I waited days "
            "for an engineer. I have a baby at home.",
            (
                "Repeated boiler breakdowns",
                "Delays in attending emergency heating repairs",
            ),
            "Replace the boiler and pay compensation for the days without heating.",
        ),
        Story(
            "The fence blew down in the storm {weeks} weeks ago and my dog keeps getting out. "
            "Every time I ring I am told it is on the list.",
            ("Fence repair outstanding for {weeks} weeks", "No date given for the work"),
            "A date for the repair, and the repair done.",
        ),
    ),
    WORKMANSHIP: (
        Story(
            "The new kitchen fitted by {contractor} was left unfinished: the worktop is not "
            "sealed, a cupboard door is missing and there is rubble in the garden.",
            (
                "Kitchen installation left unfinished",
                "Rubble left at the property",
            ),
            "Finish the kitchen and clear the rubble this month.",
        ),
        Story(
            "The operative left a mess, scratched my laminate flooring and the bathroom tap "
            "he replaced still drips.",
            ("Damage to flooring during the repair", "Repair to the tap not done properly"),
            "Repair the floor and fix the tap properly.",
        ),
        Story(
            "The grass on our estate has not been cut since the summer and the communal bins "
            "are overflowing. We pay for this in our service charge.",
            ("Grounds maintenance not done to schedule", "Communal bins not emptied"),
            "The grounds kept to the published schedule.",
        ),
    ),
    COMMS: (
        Story(
            "I have phoned {times} times about my {topic} and every time I am told someone "
            "will call me back. Nobody ever does.",
            ("Promised call-backs about the {topic} not made",),
            "A named person to deal with it and a proper answer.",
        ),
        Story(
            "I emailed my housing officer twice about my {topic} and never got a reply. When "
            "I rang, nobody could tell me what was happening.",
            ("Emails not answered", "No update on the {topic}"),
            "An answer to my emails and regular updates.",
        ),
        Story(
            "I was sent a letter saying I owe money, but I have paid. Nobody will explain "
            "the figures and I am worried about losing my home.",
            ("Letter about arrears sent in error", "The account has not been explained"),
            "Correct my account and apologise for the worry.",
        ),
    ),
    CONDUCT: (
        Story(
            "The officer who visited me was rude and dismissive and talked about my "
            "neighbour's business in front of my children.",
            ("Officer's manner during the visit", "Another resident's details discussed"),
            "An apology, and for the officer to be spoken to.",
        ),
        Story(
            "The person on the phone hung up on me when I asked to speak to a manager.",
            ("Call ended by the adviser", "Request to speak to a manager refused"),
            "An apology and a call back from a manager.",
        ),
    ),
    ASB_THEME: (
        Story(
            "My neighbour plays loud music late at night and shouts abuse at my family. I "
            "have reported it {times} times and nothing has been done.",
            (
                "Reports of anti-social behaviour not acted on",
                "No action plan agreed with the resident",
            ),
            "Action against the neighbour, and to be kept informed.",
        ),
        Story(
            "There is drug dealing in the stairwell of {block}. Residents feel unsafe and "
            "the ASB team does not reply.",
            ("Drug dealing in the block not dealt with", "ASB reports not answered"),
            "The stairwell made safe and the door entry system fixed.",
            "Criminal investigation is a matter for the police.",
        ),
    ),
    ALLOCATIONS: (
        Story(
            "My housing application was put in band C even though my doctor says the stairs "
            "are a danger to me. Nobody explained why.",
            ("Banding decision on the housing application", "Medical evidence not considered"),
            "My application reassessed and the decision explained.",
        ),
        Story(
            "I was told I was top of the list for a two-bedroom flat but it went to someone "
            "else and nobody told me why.",
            ("Offer of a property made to another applicant", "No explanation given"),
            "An explanation and the next suitable offer.",
        ),
    ),
    CHARGES: (
        Story(
            "My service charge went up by 40 percent with no breakdown. I asked for the "
            "invoices {weeks} weeks ago and have not had them.",
            ("Service charge increase not explained", "Request for invoices not answered"),
            "The invoices, and the charge corrected if it is wrong.",
        ),
        Story(
            "I am charged for a caretaker who has not cleaned our block for months.",
            ("Charged for caretaking that was not provided",),
            "A refund of the caretaking charge.",
        ),
    ),
    NOISE: (
        Story(
            "Since the flat above had laminate flooring put in I hear every footstep late at "
            "night. I reported it months ago.",
            ("Noise from the flat above not investigated",),
            "The flooring dealt with under the tenancy conditions.",
        ),
        Story(
            "The communal door in {block} slams all night because the closer is broken.",
            ("Broken door closer causing noise at night",),
            "Fix the door closer.",
        ),
    ),
}

#: An allocations complaint about the council's homelessness service: the LGSCO's, not the
#: Housing Ombudsman's, so kept and reported apart (counting-rules.md, "Scope").
LGSCO_STORIES = (
    Story(
        "We were placed in bed and breakfast for nine weeks with two children, sharing one "
        "room, after we were made homeless. Nobody told us how long it would last.",
        ("Length of stay in bed and breakfast", "Not kept informed about the homeless duty"),
        "Suitable temporary accommodation and an apology.",
    ),
    Story(
        "My homelessness application was closed without anyone speaking to me.",
        ("Homelessness application closed without contact",),
        "My application reopened.",
    ),
)


@dataclass(frozen=True)
class Findings:
    """What an investigation of a theme finds, for the reasons in a response (Code 6.9d)."""

    evidence: str
    failure: str
    defence: str
    policy: str
    root_cause: tuple[str, str]
    action: str
    owner: str


FINDINGS: dict[str, Findings] = {
    DAMP: Findings(
        "the surveyor's report of the inspection",
        "the mould you reported was not inspected within our 10 working day target",
        "the surveyor found the damp was condensation and the ventilation is working",
        "our Damp and Mould Policy",
        (RootCause.SERVICE_FAILURE, "delay"),
        "Mould wash and stain-block to the affected rooms; humidistat extractor fan fitted",
        REPAIRS,
    ),
    DELAY: Findings(
        "the repair records and appointment history",
        "the repair took longer than our 20 working day target and appointments were missed",
        "the repair was completed within our target once access was given",
        "our Repairs Policy",
        (RootCause.SERVICE_FAILURE, "appointment missed"),
        "Complete the outstanding repair",
        REPAIRS,
    ),
    WORKMANSHIP: Findings(
        "the post-inspection photographs and the contractor's job notes",
        "the work was not finished to the standard we expect of our contractors",
        "the inspector found the work met the specification",
        "our contract standards",
        (RootCause.SERVICE_FAILURE, "standard not met"),
        "Return visit to put right the defective work, signed off by an inspector",
        REPAIRS,
    ),
    COMMS: Findings(
        "the call records and emails",
        "we did not call you back or answer your emails as promised",
        "our records show updates were sent on the dates you were told",
        "our Customer Care Standards",
        (RootCause.COMMUNICATION, "not kept informed"),
        "Named officer to call the resident with an update every fortnight",
        CUSTOMER,
    ),
    CONDUCT: Findings(
        "the officer's account and the call recording",
        "the officer's manner fell short of our Code of Conduct",
        "the call recording shows the adviser remained polite throughout",
        "our Code of Conduct",
        (RootCause.SERVICE_FAILURE, "staff conduct"),
        "Officer to attend customer care refresher training",
        TENANCY,
    ),
    ASB_THEME: Findings(
        "the case notes and the diary sheets you sent",
        "your reports were not followed up within the times in our ASB Policy",
        "each report was risk-assessed and acted on in line with the policy",
        "our Anti-social Behaviour Policy",
        (RootCause.POLICY_PROCEDURE, "procedure not followed"),
        "Action plan agreed with the resident and reviewed monthly",
        ASB,
    ),
    ALLOCATIONS: Findings(
        "your application file and the medical assessment",
        "the medical evidence you sent was not considered when your band was set",
        "your band reflects the evidence and the Allocations Policy",
        "our Allocations Policy",
        (RootCause.POLICY_PROCEDURE, "decision not explained"),
        "Reassess the application with the medical evidence",
        LETTINGS,
    ),
    CHARGES: Findings(
        "the service charge accounts and the contract invoices",
        "the breakdown and invoices you asked for were not sent within 21 days",
        "the charge follows the lease and the actual costs",
        "the terms of your lease",
        (RootCause.COMMUNICATION, "information not provided"),
        "Send the service charge breakdown and invoices",
        LEASEHOLD,
    ),
    NOISE: Findings(
        "the noise recordings and the visit notes",
        "we did not investigate the noise reports within our target",
        "the noise is everyday living noise, which the tenancy does not forbid",
        "our Tenancy Agreement",
        (RootCause.SERVICE_FAILURE, "delay"),
        "Fit a replacement door closer and check it after a month",
        ESTATE,
    ),
}

NOT_ACCEPTED: tuple[tuple[str, int, str, str], ...] = (
    (
        NotAcceptedReason.DUPLICATE,
        40,
        "This is the same complaint as one we are already investigating; we will answer "
        "all of it there.",
        "",
    ),
    (
        NotAcceptedReason.PREVIOUSLY_CONSIDERED,
        15,
        "We gave our final response on this complaint earlier in the year. You can ask the "
        "Housing Ombudsman to look at it.",
        "",
    ),
    (
        NotAcceptedReason.OVER_12_MONTHS,
        12,
        "The problem you describe happened more than 12 months before you told us and has "
        "not continued since.",
        "We considered accepting it anyway: there is no ongoing effect on the household and "
        "no reason it could not have been raised sooner, so we have not.",
    ),
    (
        NotAcceptedReason.LEGAL_PROCEEDINGS,
        8,
        "Court proceedings about the same matter have started, so the court will decide it.",
        "",
    ),
    (
        NotAcceptedReason.OTHER_PROCEDURE,
        15,
        "This is a claim for damaged belongings, which our insurers handle under their own "
        "process; we have passed it to them.",
        "",
    ),
    (
        NotAcceptedReason.NOT_LANDLORD_RESPONSIBILITY,
        10,
        "The street lighting is the county council's responsibility; we have passed your "
        "report to them.",
        "",
    ),
)

EXTENSION_REASONS = (
    "The complaint needs a specialist survey before we can answer it properly.",
    "We need statements from the contractor and two officers who are on leave.",
    "Several service areas are involved and we are gathering their records.",
)
GOOD_REASONS = (
    "The independent damp survey could not be booked sooner and its findings decide the remedy.",
    "The resident asked us to wait until they were home from hospital.",
    "The gas contractor's records, needed for the answer, arrived late.",
)
ESCALATION_REASONS: dict[str, tuple[int, str]] = {
    EscalationReason.DISAGREES_WITH_DECISION: (54, "Does not accept the stage 1 findings."),
    EscalationReason.POINTS_NOT_ADDRESSED: (20, "Says part of the complaint was not answered."),
    EscalationReason.ACTIONS_NOT_DONE: (12, "Says what was promised at stage 1 is not done."),
    EscalationReason.COMPENSATION: (7, "Thinks the compensation does not reflect the impact."),
    EscalationReason.OTHER: (2, "Wants a manager to visit."),
    EscalationReason.NOT_GIVEN: (5, ""),
}
WITHDRAWAL_REASONS = (
    "The repair has now been done and the resident is happy.",
    "The resident has moved out and does not want to go on.",
    "Sorted out at the housing officer's visit.",
)
NOTES = (
    "Called the resident to agree the complaint definition; they confirmed the points.",
    "Asked the service for its records and the officer's account.",
    "Inspection booked with the resident for next week.",
    "Resident rang for an update; told the response date.",
)

#: Service requests: (service area, what was asked, how it was resolved).
SERVICE_REQUESTS = (
    (REPAIRS, "Kitchen tap leaking under the sink.", "Repair booked and completed."),
    (REPAIRS, "Front door lock sticking.", "Locksmith attended and replaced the barrel."),
    (REPAIRS, "Fence panel down after the storm.", "Panel replaced."),
    (REPAIRS, "No hot water since this morning.", "Engineer attended the same day."),
    (ESTATE, "Fly-tipping by the bin store.", "Cleared by the estate team."),
    (ESTATE, "Communal light out on the second floor.", "Bulb replaced."),
    (ESTATE, "Grass verge not cut.", "Added to the grounds schedule and cut."),
    (TENANCY, "Wants to add a partner to the tenancy.", "Joint tenancy forms sent."),
    (ASB, "Car abandoned in the residents' car park.", "Reported and removed."),
    (RENTS, "Asked for a rent statement.", "Statement sent by email."),
    (LETTINGS, "Asked how to apply for a transfer.", "Transfer application explained."),
    (LEASEHOLD, "Asked for a copy of the lease.", "Copy sent."),
    (CUSTOMER, "Wants to change contact details.", "Record updated."),
)
MEMBERS = ("Cllr Amina Begum", "Cllr Peter Walsh", "Cllr Joan Hartley", "Rachel Osei MP")
MEMBER_ENQUIRIES = (
    (
        LETTINGS,
        "{member} asked how long the resident will wait for a two-bedroom home.",
        "Explained the band and the waiting time.",
    ),
    (
        LETTINGS,
        "{member} asked whether medical evidence was considered in the banding.",
        "Confirmed the medical assessment and the band.",
    ),
    (
        REPAIRS,
        "{member} asked when the resident's damp will be treated.",
        "Gave the date of the booked treatment.",
    ),
    (
        ASB,
        "{member} asked what is being done about the noise from a neighbour.",
        "Explained the action plan.",
    ),
    (
        TENANCY,
        "{member} asked about a succession to the tenancy.",
        "Explained the succession rules.",
    ),
    (
        ESTATE,
        "{member} asked about the overflowing bins on the estate.",
        "Explained the new collection schedule.",
    ),
)


# Places and people (invented) -------------------------------------------------------------

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
# fmt: on
# fmt: off
SURNAMES = (
    "Adeyemi", "Ahmed", "Allen", "Baker", "Begum", "Bell", "Brown", "Campbell", "Clarke",
    "Cooper", "Davies", "Edwards", "Evans", "Green", "Hall", "Harris", "Hill", "Hughes",
    "Hussain", "Jackson", "James", "Johnson", "Jones", "Khan", "King", "Lewis", "Martin",
    "Mensah", "Mitchell", "Moore", "Morgan", "Murphy", "Nowak", "O'Brien", "Okafor", "Parker",
    "Patel", "Phillips", "Roberts", "Robinson", "Scott", "Shaw", "Singh", "Smith", "Taylor",
    "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson",
    "Wood", "Wright", "Young",
)
# fmt: on
# fmt: off
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
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
ROOMS = ("bathroom", "bedroom", "kitchen", "living room", "children's bedroom")
FIXTURES = ("kitchen tap", "toilet cistern", "back door", "extractor fan", "bath panel")
TOPICS = {
    REPAIRS: "repair",
    TENANCY: "tenancy",
    ESTATE: "estate cleaning",
    ASB: "ASB case",
    RENTS: "rent account",
    LETTINGS: "housing application",
    LEASEHOLD: "service charge query",
    CUSTOMER: "enquiry",
}
TENURES = {
    Tenure.TENANT: 86,
    Tenure.LEASEHOLDER: 6,
    Tenure.SHARED_OWNER: 3,
    Tenure.APPLICANT: 4,
    Tenure.PRIVATE_RESIDENT: 1,
}
CHANNELS = {
    Channel.PHONE: 35,
    Channel.EMAIL: 25,
    Channel.WEB: 24,
    Channel.LETTER: 4,
    Channel.IN_PERSON: 4,
    Channel.SOCIAL_MEDIA: 3,
    Channel.COUNCILLOR_MP: 3,
    Channel.CONTRACTOR: 2,
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


# Building it -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    password: str | None  # None: the user already existed and kept its password


@dataclass(frozen=True)
class DemoSummary:
    landlord: str
    start: dt.date
    end: dt.date
    complaints: int
    service_requests: int
    member_enquiries: int
    open_stages: int
    overdue_stages: int
    sign_ins: tuple[SignIn, ...]


def demo_period(year: int | None, on: dt.date) -> tuple[dt.date, dt.date]:
    """The year of records to make: the twelve months ending today, or, for a financial
    year already over, that year (1 April to 31 March)."""
    year = financial_year_of(on) if year is None else year
    start, end = financial_year(year)
    if end >= on:
        end = on
        start = _one_year_before(on)
    return start, end


def _one_year_before(day: dt.date) -> dt.date:
    """The first day of the twelve months that end on ``day``."""
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(day.year - 1, 3, 1)


def sign_ins(password: str) -> tuple[SignIn, ...]:
    """The demo sign-ins, as printed at the end of `putright demo`."""
    return tuple(SignIn(s.username, ROLE_WORDS[Role(s.role)], password) for s in STAFF if s.sign_in)


@transaction.atomic
def create_demo(
    *,
    name: str = DEFAULT_LANDLORD,
    year: int | None = None,
    complaints: int = DEFAULT_COMPLAINTS,
    password: str = DEFAULT_PASSWORD,
) -> DemoSummary:
    """Create the demo landlord and its records, all in one transaction: a failure leaves
    nothing half made. The caller checks that ``name`` is free and ``year`` not to come."""
    on = today()
    start, end = demo_period(year, on)
    rng = random.Random(f"{name}|{start}|{end}|{complaints}")
    landlord = Landlord.objects.create(
        name=name,
        reference_prefix="RH",
        phone="0300 123 4567",
        email="complaints@riverside-homes.example",
        address=f"Riverside House, 1 Quay Street, {TOWN} RV1 1AA",
        website="https://riverside-homes.example",
    )
    _add_homes(landlord, start, end, rng)
    _add_closure_days(landlord, start, max(end, on))
    contractors = {
        n: Contractor.objects.create(landlord=landlord, name=n, email=e)
        for n, e in (
            (REPAIRS_CONTRACTOR, "complaints@kestrel-property.example"),
            (GROUNDS_CONTRACTOR, "customercare@greenway-grounds.example"),
        )
    }
    staff, made = _add_staff(landlord, contractors, password)
    builder = Builder(
        rng=rng,
        today=on,
        landlord=landlord,
        calendar=landlord.calendar(),
        staff=staff,
        contractors=contractors,
        areas={n: ServiceArea.objects.create(landlord=landlord, name=n) for n in SERVICE_AREAS},
        themes={n: Theme.objects.create(landlord=landlord, name=n) for n in THEMES},
    )
    builder.add_residents(max(40, complaints + complaints // 4), start)
    builder.make_records(start=start, end=end, complaints=complaints)
    add_casework(
        landlord=landlord,
        officer=staff["officer"],
        today=on,
        calendar=builder.calendar,
        damp_theme=DAMP,
        workmanship_theme=WORKMANSHIP,
    )
    return _summary(landlord, start, end, password, made)


def _add_homes(landlord: Landlord, start: dt.date, end: dt.date, rng: random.Random) -> None:
    """About 8,000 homes for each financial year covered (CH01 needs the year-end count)."""
    lcra, lcho = 7_640, 380
    for year in range(financial_year_of(start), financial_year_of(end) + 1):
        HomesCount.objects.create(landlord=landlord, year=year, lcra=lcra, lcho=lcho)
        lcra -= rng.randint(20, 60)  # right-to-buy sales
        lcho += rng.randint(10, 30)  # new shared-ownership homes


def _add_closure_days(landlord: Landlord, start: dt.date, end: dt.date) -> None:
    """The offices shut between Christmas and New Year: the weekdays that are not already
    bank holidays are closure days, so the landlord's due dates step over them."""
    days = [
        dt.date(y, 12, d)
        for y in range(start.year, end.year + 1)
        for d in range(27, 32)
        if dt.date(y, 12, d).weekday() < 5 and dt.date(y, 12, d) not in bank_holidays()
    ]
    ClosureDay.objects.bulk_create(
        ClosureDay(landlord=landlord, date=d, description="Christmas shutdown") for d in days
    )


def _add_staff(
    landlord: Landlord, contractors: dict[str, Contractor], password: str
) -> tuple[dict[str, AbstractUser], set[str]]:
    """The demo's staff and their roles. A user that already exists (another demo landlord,
    or a real account) is given a role here but keeps its password and permissions."""
    users = get_user_model()
    existing = {
        u.username: u for u in users.objects.filter(username__in=[s.username for s in STAFF])
    }
    hashed = make_password(password)  # hashing is slow on purpose: once, not per user
    staff: dict[str, AbstractUser] = {}
    made: set[str] = set()
    for spec in STAFF:
        user = existing.get(spec.username)
        if user is None:
            admin = spec.role == Role.ADMINISTRATOR
            user = users.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@riverside-homes.example",
                password=hashed,
                is_staff=admin,
                is_superuser=admin,
            )
            made.add(spec.username)
        StaffMembership.objects.create(
            user=user,
            landlord=landlord,
            role=spec.role,
            contractor=contractors.get(spec.contractor),
            team=spec.team,
        )
        staff[spec.username] = user
    return staff, made


def _summary(
    landlord: Landlord, start: dt.date, end: dt.date, password: str, made: set[str]
) -> DemoSummary:
    records = Complaint.objects.filter(landlord=landlord)
    open_stages = Stage.objects.filter(
        landlord=landlord, status__in=[StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED]
    )
    on = today()
    overdue = (
        open_stages.filter(status=StageStatus.REQUESTED, acknowledgement_due__lt=on).count()
        + open_stages.filter(status=StageStatus.ACKNOWLEDGED, response_due_extended__lt=on).count()
    )
    return DemoSummary(
        landlord=landlord.name,
        start=start,
        end=end,
        complaints=records.filter(kind=Kind.COMPLAINT).count(),
        service_requests=records.filter(kind=Kind.SERVICE_REQUEST).count(),
        member_enquiries=records.filter(kind=Kind.MEMBER_ENQUIRY).count(),
        open_stages=open_stages.count(),
        overdue_stages=overdue,
        sign_ins=tuple(
            SignIn(s.username, s.role, password if s.username in made else None)
            for s in sign_ins(password)
        ),
    )


def weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    """One key of ``weights``, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def working_days_before(calendar: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th working day strictly before ``day`` (the mirror of add_working_days)."""
    while n > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


@dataclass
class Case:
    """What the demo decided about one complaint before making it."""

    received_on: dt.date
    area: str
    theme: str
    story: Story
    resident: Resident | None
    words: dict[str, str]
    jurisdiction: str = Jurisdiction.HOUSING
    raised_from: Complaint | None = None


@dataclass
class Job:
    """A record to make, in received order so that references run with the dates."""

    received_on: dt.date
    order: int
    make: Callable[[], None]


@dataclass(frozen=True)
class Answer:
    """A stage's response: when, and the decision."""

    on: dt.date
    outcome: str


@dataclass
class ServiceRequestPlan:
    """A service request to make, and (once made) its record."""

    received_on: dt.date
    area: str
    asked: str
    resolved: str
    via_triage: bool
    leads_to_complaint: bool = False
    record: Complaint | None = None
    resident: Resident | None = None


@dataclass
class QueuePlan:
    """An open case placed around today: what is due next, when, and whose it is."""

    what: str
    due: dt.date
    username: str
    received_on: dt.date = dt.date.min
    acknowledged_on: dt.date | None = None
    requested_on: dt.date | None = None
    extension: int = 0


@dataclass
class Builder:
    """Makes the demo's residents and records through the services, one record at a time.

    Each step is taken only if its date has come; a step planned after today is always
    planned on time, so the only cases overdue today are the ones placed there on purpose
    (``plan_queue_case``).
    """

    rng: random.Random
    today: dt.date
    landlord: Landlord
    calendar: WorkingCalendar
    staff: dict[str, AbstractUser]
    contractors: dict[str, Contractor]
    areas: dict[str, ServiceArea]
    themes: dict[str, Theme]
    residents: list[Resident] = field(default_factory=list)
    representatives: dict[int, Representative] = field(default_factory=dict)
    vulnerable: set[int] = field(default_factory=set)
    jobs: list[Job] = field(default_factory=list)
    escalations: int = 0

    # Dates -------------------------------------------------------------------------------

    def add_days(self, day: dt.date, n: int) -> dt.date:
        """n working days after ``day`` (before, for n < 0; the next working day on or after
        ``day`` for n == 0)."""
        if n > 0:
            return self.calendar.add_working_days(day, n)
        if n < 0:
            return working_days_before(self.calendar, day, -n)
        return day if self.calendar.is_working_day(day) else self.calendar.next_working_day(day)

    def come(self, day: dt.date) -> bool:
        return day <= self.today

    # People ------------------------------------------------------------------------------

    def add_residents(self, count: int, since: dt.date) -> None:
        """Residents with homes, tenures, and the things Code 3.6, 5.10 and 5.14 ask to be
        kept: representatives with consent, disabilities, adjustments and vulnerabilities
        under review, and one restriction."""
        rng = self.rng
        homes: list[Property] = []
        people: list[Resident] = []
        for i in range(count):
            tenure = weighted(rng, TENURES)
            home = None
            if tenure in (Tenure.TENANT, Tenure.LEASEHOLDER, Tenure.SHARED_OWNER):
                home = self._property(tenure)
                homes.append(home)
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            people.append(
                Resident(
                    landlord=self.landlord,
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
        self.residents = Resident.objects.bulk_create(people)
        self._add_resident_records(since)

    def _property(self, tenure: str) -> Property:
        rng = self.rng
        stock = {
            Tenure.TENANT: StockType.LCRA,
            Tenure.SHARED_OWNER: StockType.LCHO,
            Tenure.LEASEHOLDER: StockType.NONE,
        }[Tenure(tenure)]
        district = rng.randint(1, 9)
        postcode = (
            f"RV{district} {rng.randint(1, 9)}"
            f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        )
        if tenure == Tenure.LEASEHOLDER or rng.random() < 0.45:
            estate = rng.choice(list(ESTATES))
            block = rng.choice(ESTATES[estate])
            street = rng.choice(STREETS)
            address = f"Flat {rng.randint(1, 60)}, {block}\n{street}\n{TOWN}"
            return Property(
                landlord=self.landlord,
                uprn=str(rng.randint(10_000_000_000, 99_999_999_999)),
                address=address,
                postcode=postcode,
                estate=estate,
                block=block,
                stock_type=stock,
            )
        address = f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{TOWN}"
        return Property(
            landlord=self.landlord,
            uprn=str(rng.randint(10_000_000_000, 99_999_999_999)),
            address=address,
            postcode=postcode,
            stock_type=stock,
        )

    def _add_resident_records(self, since: dt.date) -> None:
        rng, on, officer = self.rng, self.today, self.staff["officer"]
        disabilities, adjustments, flags, equality, reps = [], [], [], [], []
        for person in self.residents:
            agreed = on - dt.timedelta(days=rng.randint(20, 520))
            if rng.random() < 0.10:
                disabilities.append(
                    DisclosedDisability(
                        resident=person,
                        description=rng.choice(DISABILITIES),
                        review_due_on=agreed + dt.timedelta(days=365),
                        recorded_by=officer,
                    )
                )
            if rng.random() < 0.06:
                kind, details = rng.choice(ADJUSTMENTS)
                adjustments.append(
                    ReasonableAdjustment(
                        resident=person,
                        kind=kind,
                        details=details,
                        agreed_on=agreed,
                        review_due_on=agreed + dt.timedelta(days=365),
                        recorded_by=officer,
                    )
                )
            if rng.random() < 0.07:
                self.vulnerable.add(person.pk)
                flags.append(
                    VulnerabilityFlag(
                        resident=person,
                        description=rng.choice(VULNERABILITIES),
                        review_due_on=agreed + dt.timedelta(days=180),
                        recorded_by=officer,
                    )
                )
            if rng.random() < 0.6:
                equality.append(
                    EqualityData(
                        landlord=self.landlord,
                        resident=person,
                        age_band=rng.choice(AgeBand.values()),
                        sex=rng.choice(Sex.values()),
                        ethnicity=rng.choice(
                            (
                                "White British",
                                "Black British",
                                "Asian British",
                                "White other",
                                "Mixed",
                                "Prefer not to say",
                            )
                        ),
                        disability=rng.choice(Disability.values()),
                    )
                )
            if rng.random() < 0.06:
                reps.append(self._representative(person, since))
        DisclosedDisability.objects.bulk_create(disabilities)
        ReasonableAdjustment.objects.bulk_create(adjustments)
        VulnerabilityFlag.objects.bulk_create(flags)
        EqualityData.objects.bulk_create(equality)
        for rep in Representative.objects.bulk_create(reps):
            self.representatives[rep.resident_id] = rep
        restricted = self.residents[-1]
        Restriction.objects.create(
            resident=restricted,
            restriction="Contact by email to one named officer (Olivia Grant); calls not taken.",
            reason="Repeated abusive and threatening calls to staff.",
            evidence="Call notes and recordings of three calls in one month.",
            proportionality="Complaints are still accepted and answered in writing.",
            starts_on=on - dt.timedelta(days=120),
            review_due_on=on + dt.timedelta(days=60),
            recorded_by=officer,
        )

    def _representative(self, person: Resident, since: dt.date) -> Representative:
        rng = self.rng
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
        awaiting = rng.random() < 0.2
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

    def tenures_for(self, area: str, theme: str) -> Sequence[str]:
        """Who complains about what: applicants (and tenants wanting a transfer) about
        allocations, leaseholders about leasehold, a private neighbour now and then about
        anti-social behaviour, and otherwise people living in the landlord's homes."""
        if theme == ALLOCATIONS:
            return [Tenure.APPLICANT] if self.rng.random() < 0.6 else [Tenure.TENANT]
        if area == LEASEHOLD:
            return [Tenure.LEASEHOLDER]
        homes = [Tenure.TENANT, Tenure.LEASEHOLDER, Tenure.SHARED_OWNER]
        return [*homes, Tenure.PRIVATE_RESIDENT] if theme in (ASB_THEME, NOISE) else homes

    def pick_resident(self, tenures: Sequence[str]) -> Resident:
        """Someone to complain: a few residents complain often, as in real registers."""
        pool = [r for r in self.residents if r.tenure in tenures] or self.residents
        if self.rng.random() < 0.15:
            pool = pool[: max(1, len(pool) // 20)]
        return self.rng.choice(pool)

    # Planning ----------------------------------------------------------------------------

    def make_records(self, *, start: dt.date, end: dt.date, complaints: int) -> None:
        """Plan every record, then make them in the order they were received."""
        latest_raised = self.today - dt.timedelta(days=40)
        raised = self.share(complaints, 0.01) if start < latest_raised else 0
        queue = self.queue_specs(complaints - raised) if end >= self.today else []
        self.plan_history(start, end, complaints - raised - len(queue))
        self.plan_service_requests(start, end, max(1, complaints // 6), raised, latest_raised)
        self.plan_member_enquiries(start, end, max(1, complaints // 6))
        for spec in queue:
            self.plan_queue_case(*spec)
        for job in sorted(self.jobs, key=lambda j: (j.received_on, j.order)):
            job.make()

    def add_job(self, received_on: dt.date, make: Callable[[], None]) -> None:
        self.jobs.append(Job(received_on, len(self.jobs), make))

    def new_case(self, received_on: dt.date, area: str | None = None, lgsco: bool = False) -> Case:
        rng = self.rng
        area = area or weighted(rng, {a: w[0] for a, w in SERVICE_AREAS.items()})
        weights = dict(AREA_THEMES[area])
        if received_on.month in (11, 12, 1, 2) and DAMP in weights:
            weights[DAMP] *= 2  # damp and mould rises every winter
        kitchens = (self.today - received_on).days < KITCHEN_RISE_DAYS and WORKMANSHIP in weights
        if kitchens:
            weights[WORKMANSHIP] *= KITCHEN_RISE  # the trend signal's rise (learning/themes)
        theme = weighted(rng, weights)
        if lgsco:
            area, theme, story = LETTINGS, ALLOCATIONS, rng.choice(LGSCO_STORIES)
            resident = self.pick_resident([Tenure.APPLICANT])
        elif kitchens and theme == WORKMANSHIP:
            story = STORIES[WORKMANSHIP][0]  # the contractor's unfinished kitchen upgrades
            resident = self.pick_resident(self.tenures_for(area, theme))
        else:
            story = rng.choice(STORIES[theme])
            resident = self.pick_resident(self.tenures_for(area, theme))
        words = {
            "room": rng.choice(ROOMS),
            "weeks": str(rng.randint(3, 14)),
            "fixture": rng.choice(FIXTURES),
            "times": rng.choice(("three", "four", "five", "six")),
            "topic": TOPICS[area],
            "block": rng.choice([b for blocks in ESTATES.values() for b in blocks]),
            "contractor": REPAIRS_CONTRACTOR,
        }
        return Case(
            received_on=received_on,
            area=area,
            theme=theme,
            story=story,
            resident=resident,
            words=words,
            jurisdiction=Jurisdiction.LGSCO if lgsco else Jurisdiction.HOUSING,
        )

    def plan_history(self, start: dt.date, end: dt.date, count: int) -> None:
        """The year's complaints, spread over it, with the year's proportions of paths."""
        if count <= 0:
            return
        paths = (
            ["not_accepted"] * self.share(count, 0.06)
            + ["withdrawn_before_triage"] * self.share(count, 0.005, at_least=0)
            + ["withdrawn"] * self.share(count, 0.03)
            + ["lgsco"] * self.share(count, 0.02)
        )
        paths += ["stage1"] * (count - len(paths))
        self.rng.shuffle(paths)
        days = (end - start).days
        for path in paths:
            received = start + dt.timedelta(days=self.rng.randint(0, days))
            case = self.new_case(received, lgsco=path == "lgsco")
            self.add_job(received, lambda case=case, path=path: self.make_complaint(case, path))

    def share(self, count: int, fraction: float, at_least: int = 1) -> int:
        """``fraction`` of ``count``, but at least ``at_least`` once there are 15 or more, so
        a small demo still shows every kind of path."""
        n = round(count * fraction)
        return max(n, at_least) if count >= 15 else n

    def plan_service_requests(
        self, start: dt.date, end: dt.date, count: int, raised: int, latest_raised: dt.date
    ) -> None:
        """Service requests (Code 1.5): most resolved, some still open, some received as
        complaints and triaged as service requests, and ``raised`` that led to a complaint
        (received by ``latest_raised``) while the service request went on."""
        for i in range(count):
            leads_to_complaint = i < raised
            last = min(end, latest_raised) if leads_to_complaint else end
            received = start + dt.timedelta(days=self.rng.randint(0, (last - start).days))
            area, asked, resolved = self.rng.choice(SERVICE_REQUESTS)
            request = ServiceRequestPlan(received, area, asked, resolved, self.rng.random() < 0.25)
            self.add_job(received, lambda r=request: self.make_service_request(r))
            if leads_to_complaint:
                request.leads_to_complaint = True
                raised_on = received + dt.timedelta(days=self.rng.randint(5, 15))
                case = self.new_case(raised_on, area)
                self.add_job(raised_on, lambda r=request, c=case: self.make_raised_complaint(r, c))

    def plan_member_enquiries(self, start: dt.date, end: dt.date, count: int) -> None:
        days = (end - start).days
        for _ in range(count):
            received = start + dt.timedelta(days=self.rng.randint(0, days))
            self.add_job(received, lambda r=received: self.make_member_enquiry(r))

    # Records -----------------------------------------------------------------------------

    def log(self, case: Case, kind: str = Kind.COMPLAINT, channel: str | None = None) -> Complaint:
        """Log what came in: by the complaints officer, or by nobody for the web form."""
        rng = self.rng
        channel = channel or weighted(rng, CHANNELS)
        resident = case.resident
        representative = self.representatives.get(resident.pk) if resident else None
        if representative is not None and rng.random() < 0.5:
            representative = None
        vulnerable = True if resident is not None and resident.pk in self.vulnerable else None
        return services.complaint_log(
            landlord=self.landlord,
            received_on=case.received_on,
            channel=channel,
            description=case.story.description.format(**case.words),
            outcome_wanted=case.story.outcome_wanted,
            by=None if channel == Channel.WEB else self.staff["officer"],
            kind=kind,
            jurisdiction=case.jurisdiction,
            resident=resident,
            representative=representative,
            service_area=self.areas[case.area],
            theme=self.themes[case.theme],
            vulnerable=vulnerable,
            raised_from=case.raised_from,
        )

    def first_action_day(self, received_on: dt.date) -> dt.date:
        """Triage happens on the day or within two working days."""
        return self.add_days(received_on, weighted(self.rng, {0: 50, 1: 35, 2: 15}))

    def make_complaint(self, case: Case, path: str) -> None:
        """A complaint from logging to wherever today finds it."""
        officer = self.staff["officer"]
        complaint = self.log(case)
        triage_on = self.first_action_day(case.received_on)
        if not self.come(triage_on):
            return
        if path == "withdrawn_before_triage":
            services.complaint_withdraw(
                complaint=complaint,
                requested_by=case.resident.name if case.resident else "the resident",
                reason=self.rng.choice(WITHDRAWAL_REASONS),
                by=officer,
                on=triage_on,
            )
            return
        if path == "not_accepted":
            reason, _, explanation, discretion = self.rng.choices(
                NOT_ACCEPTED, weights=[w for _, w, _, _ in NOT_ACCEPTED]
            )[0]
            services.complaint_not_accept(
                complaint=complaint,
                reason=reason,
                explanation=explanation,
                discretion_considered=discretion,
                by=officer,
                on=triage_on,
            )
            return
        services.complaint_triage(
            complaint=complaint, decision=Kind.COMPLAINT, by=officer, on=triage_on
        )
        handler, contractor = self.stage1_desk(case.area)
        answer = self.work_stage(
            complaint,
            case,
            1,
            case.received_on,
            triage_on,
            handler,
            contractor,
            withdraw=path == "withdrawn",
        )
        if answer is not None:
            self.maybe_escalate(complaint, case, answer, handler, contractor)

    def stage1_desk(self, area: str) -> tuple[AbstractUser, Contractor | None]:
        """Who handles stage 1: Kestrel's complaints officer takes some repairs, Greenway
        some estate services; otherwise the service's handler, or now and then a senior."""
        rng, staff = self.rng, self.staff
        if rng.random() < 0.04:
            return staff[rng.choice(("senior", "grace.oduya", "david.kowalski"))], None
        if area == REPAIRS and rng.random() < 0.45:
            return staff["contractor"], self.contractors[REPAIRS_CONTRACTOR]
        if area == ESTATE and rng.random() < 0.3:
            return staff["sam.fletcher"], self.contractors[GROUNDS_CONTRACTOR]
        choices = {
            REPAIRS: ("handler", "handler", "tom.reed"),
            ESTATE: ("tom.reed",),
            TENANCY: ("priya.shah", "priya.shah", "handler"),
            ASB: ("priya.shah", "priya.shah", "handler"),
            RENTS: ("priya.shah", "handler"),
            LETTINGS: ("priya.shah", "handler"),
            LEASEHOLD: ("handler", "priya.shah"),
            CUSTOMER: ("officer", "handler"),
        }[area]
        return staff[rng.choice(choices)], None

    def stage2_handler(self, stage1_handler: AbstractUser) -> AbstractUser:
        """Code 6.13: a senior person who did not handle stage 1."""
        seniors = {"senior": 50, "grace.oduya": 25, "david.kowalski": 25}
        seniors = {k: w for k, w in seniors.items() if self.staff[k].pk != stage1_handler.pk}
        return self.staff[weighted(self.rng, seniors)]

    def work_stage(
        self,
        complaint: Complaint,
        case: Case,
        number: int,
        requested_on: dt.date,
        first_day: dt.date,
        handler: AbstractUser,
        contractor: Contractor | None,
        *,
        withdraw: bool = False,
        definition: tuple[Sequence[str], str] | None = None,
    ) -> Answer | None:
        """Allocate, define, acknowledge, perhaps extend, and respond to one stage; return
        the answer, or None if the stage is still open today (or withdrawn)."""
        rng, officer = self.rng, self.staff["officer"]
        due = stage_due_dates(self.calendar, number, requested_on, None)
        if not self.come(first_day):
            return None
        services.complaint_allocate(
            complaint=complaint, handler=handler, contractor=contractor, by=officer, on=first_day
        )
        acknowledge_on = self.add_days(
            requested_on, weighted(rng, {1: 25, 2: 25, 3: 20, 4: 15, 5: 15})
        )
        if rng.random() < 0.13:  # a late acknowledgement, once its day has come
            late = self.add_days(due.acknowledgement_due, rng.randint(1, 4))
            acknowledge_on = late if self.come(late) else acknowledge_on
        acknowledge_on = max(acknowledge_on, first_day)
        if not self.come(acknowledge_on):
            return None
        points, outcomes_sought = definition or (
            [p.format(**case.words) for p in case.story.points],
            case.story.outcome_wanted,
        )
        services.complaint_define(
            complaint=complaint,
            points=points,
            outcomes_sought=outcomes_sought,
            not_responsible=case.story.not_responsible if number == 1 else "",
            by=handler,
            on=max(first_day, self.add_days(acknowledge_on, -rng.randint(0, 1))),
        )
        services.complaint_acknowledge(complaint=complaint, by=handler, on=acknowledge_on)
        if withdraw:
            withdrawn_on = self.add_days(acknowledge_on, rng.randint(1, 6))
            if self.come(withdrawn_on):
                services.complaint_withdraw(
                    complaint=complaint,
                    requested_by=case.resident.name if case.resident else "the resident",
                    reason=rng.choice(WITHDRAWAL_REASONS),
                    by=officer,
                    on=withdrawn_on,
                )
            return None
        # Plan the rest first, then make it in date order: a note, an extension, the answer.
        response_due = stage_due_dates(
            self.calendar, number, requested_on, acknowledge_on
        ).response_due
        extension_days, decided_on = 0, None
        if rng.random() < (0.10 if number == 1 else 0.08):
            decided_on = max(acknowledge_on, self.add_days(response_due, -rng.randint(1, 3)))
            if self.come(decided_on):
                extension_days = self.extension_days(number)
                response_due = self.add_days(response_due, extension_days)
            else:
                decided_on = None
        respond_on = max(
            decided_on or acknowledge_on,
            self.add_days(response_due, -weighted(rng, {0: 20, 1: 20, 2: 20, 3: 15, 5: 15, 7: 10})),
        )
        if rng.random() < 0.12:  # a late response, once its day has come
            late = self.add_days(response_due, rng.randint(1, 6))
            respond_on = late if self.come(late) else respond_on
        note_on = self.add_days(acknowledge_on, rng.randint(0, 3))
        if rng.random() < 0.3 and self.come(note_on) and note_on < (decided_on or respond_on):
            services.complaint_add_note(
                complaint=complaint, text=rng.choice(NOTES), by=handler, on=note_on
            )
        if decided_on is not None:
            services.complaint_extend(
                complaint=complaint,
                working_days=extension_days,
                reason=rng.choice(EXTENSION_REASONS),
                good_reason=rng.choice(GOOD_REASONS)
                if extension_days > EXTENSION_LIMIT_WORKING_DAYS[number]
                else "",
                by=handler,
                on=decided_on,
            )
        if not self.come(respond_on):
            return None
        outcome = self.respond(
            complaint, case, number, handler, contractor, respond_on, len(points)
        )
        return Answer(respond_on, outcome)

    def extension_days(self, number: int) -> int:
        """Code 6.4 / 6.16: an extension for complexity, up to 10 (stage 1) or 20 (stage 2)
        working days; a few go past that, with a good reason."""
        limit = EXTENSION_LIMIT_WORKING_DAYS[number]
        if self.rng.random() < 0.15:
            return limit + self.rng.choice((3, 5))
        return self.rng.choice((5, 10, limit))

    def respond(
        self,
        complaint: Complaint,
        case: Case,
        number: int,
        handler: AbstractUser,
        contractor: Contractor | None,
        on: dt.date,
        points: int,
    ) -> str:
        """Code 6.9 / 6.19: the decision on each of the ``points`` and overall, reasons,
        remedies and any outstanding actions. Returns the outcome."""
        rng = self.rng
        weights = (
            {Outcome.UPHELD: 48, Outcome.PARTLY_UPHELD: 18, Outcome.NOT_UPHELD: 34}
            if number == 1
            else {Outcome.UPHELD: 30, Outcome.PARTLY_UPHELD: 42, Outcome.NOT_UPHELD: 28}
        )
        outcome = weighted(rng, weights)
        point_outcomes = [outcome] * points
        if outcome == Outcome.PARTLY_UPHELD and points > 1:
            point_outcomes = [Outcome.UPHELD] + [Outcome.NOT_UPHELD] * (points - 1)
        finding = FINDINGS[case.theme]
        if outcome == Outcome.UPHELD:
            reasons = (
                f"We have looked at {finding.evidence} and spoken to the staff involved. "
                f"We found that {finding.failure}. That falls short of {finding.policy}. "
                "We are sorry, and we set out below how we will put it right."
            )
        elif outcome == Outcome.PARTLY_UPHELD:
            reasons = (
                f"We have looked at {finding.evidence}. We found that {finding.failure}, and "
                f"we are sorry for that. But {finding.defence}, so we do not uphold the rest."
            )
        else:
            reasons = (
                f"We have looked at {finding.evidence}. We found that {finding.defence}, in "
                f"line with {finding.policy}, so we do not uphold your complaint."
            )
        owner = contractor.name if contractor else finding.owner
        actions = []
        # Outstanding actions (Code 6.9f) on recent answers only: nothing records an action
        # done yet, so older ones would all show as overdue.
        if outcome != Outcome.NOT_UPHELD and (self.today - on).days < 45 and rng.random() < 0.5:
            actions.append(
                ActionInput(finding.action, owner, on + dt.timedelta(days=rng.randint(21, 60)))
            )
        services.complaint_respond(
            complaint=complaint,
            outcome=outcome,
            reasons=reasons,
            point_outcomes=point_outcomes,
            remedies=self.remedies(outcome, number, on, finding),
            actions=actions,
            root_cause=finding.root_cause[0],
            root_cause_detail=finding.root_cause[1],
            by=handler,
            on=on,
        )
        return outcome

    def remedies(
        self, outcome: str, number: int, on: dt.date, finding: Findings
    ) -> list[RemedyInput]:
        """Code section 7: put right what went wrong; compensation within the Ombudsman's
        remedies guidance bands, more often and more generous at stage 2."""
        rng = self.rng
        if outcome == Outcome.NOT_UPHELD:
            remedies = [RemedyInput(RemedyKind.EXPLANATION, f"How {finding.policy} applies.", on)]
            if rng.random() < 0.03:
                remedies.append(self.compensation(on, Decimal(rng.choice((25, 50))), goodwill=True))
            return remedies
        remedies = [RemedyInput(RemedyKind.APOLOGY, "Apology in this response.", on)]
        if rng.random() < 0.3:
            remedies.append(
                RemedyInput(
                    RemedyKind.ACKNOWLEDGEMENT, f"We acknowledge that {finding.failure}.", on
                )
            )
        if rng.random() < 0.3:
            remedies.append(
                RemedyInput(
                    RemedyKind.ACTION_ON_DELAY,
                    "The outstanding work is booked as a priority.",
                    self.add_days(on, 10),
                )
            )
        upheld = outcome == Outcome.UPHELD
        chance = (0.35 if upheld else 0.25) if number == 1 else (0.6 if upheld else 0.45)
        if rng.random() < chance:
            bands = (
                {(50, 250): 70, (250, 600): 25, (600, 1000): 5}
                if number == 1
                else {(100, 600): 60, (600, 1000): 30, (1000, 2500): 10}
            )
            low, high = weighted(rng, bands)
            remedies.append(self.compensation(on, Decimal(rng.randrange(low, high + 1, 25))))
        if rng.random() < (0.02 if number == 1 else 0.1):
            remedies.append(
                RemedyInput(
                    RemedyKind.CHANGE_POLICY,
                    f"{finding.policy[0].upper()}{finding.policy[1:]} reviewed so this does not "
                    "happen again.",
                    on + dt.timedelta(days=90),
                )
            )
        return remedies

    def compensation(self, on: dt.date, amount: Decimal, goodwill: bool = False) -> RemedyInput:
        reason = (
            CompensationReason.GOODWILL
            if goodwill
            else weighted(
                self.rng,
                {
                    CompensationReason.DELAY_FAILURE: 70,
                    CompensationReason.TIME_TROUBLE: 14,
                    CompensationReason.DISTRESS_INCONVENIENCE: 8,
                    CompensationReason.REIMBURSEMENT: 6,
                    CompensationReason.GOODWILL: 2,
                },
            )
        )
        return RemedyInput(
            RemedyKind.FINANCIAL,
            f"£{amount} for {CompensationReason(reason).label.lower()}, paid to the rent "
            "account or by bank transfer, as the resident chooses.",
            self.add_days(on, 10),
            amount,
            reason,
        )

    def maybe_escalate(
        self,
        complaint: Complaint,
        case: Case,
        stage1: Answer,
        stage1_handler: AbstractUser,
        contractor: Contractor | None,
    ) -> None:
        """About one in six ask for stage 2, more of those not upheld (Code 6.12: no reason
        required). A few are refused for a valid reason; a few withdraw."""
        rng = self.rng
        chance = {Outcome.UPHELD: 0.07, Outcome.PARTLY_UPHELD: 0.26, Outcome.NOT_UPHELD: 0.28}
        if rng.random() >= chance[Outcome(stage1.outcome)]:
            return
        gap = rng.randint(2, 27) if rng.random() < 0.93 else rng.randint(30, 50)
        requested_on = stage1.on + dt.timedelta(days=gap)
        if not self.come(requested_on):
            return
        reason = weighted(rng, {k: w for k, (w, _) in ESCALATION_REASONS.items()})
        services.complaint_request_escalation(
            complaint=complaint,
            requested_on=requested_on,
            reason=reason,
            reason_text=ESCALATION_REASONS[reason][1],
            by=self.staff["officer"] if rng.random() < 0.7 else None,
        )
        self.work_stage2(complaint, case, requested_on, stage1_handler, contractor, reason)

    def work_stage2(
        self,
        complaint: Complaint,
        case: Case,
        requested_on: dt.date,
        stage1_handler: AbstractUser,
        contractor: Contractor | None,
        reason: str,
    ) -> None:
        """Stage 2, by a senior handler who did not handle stage 1 (Code 6.13), unless it
        is refused for a valid reason (Code 6.12) or withdrawn."""
        rng = self.rng
        # About 3 in 100 escalations refused and 4 in 100 withdrawn, the first of each early
        # so that a mid-sized demo shows both.
        self.escalations += 1
        path = (
            "refused"
            if self.escalations % 30 == 2
            else "withdrawn"
            if self.escalations % 25 == 5
            else "answered"
        )
        first_day = self.add_days(requested_on, 0)
        if path == "refused":
            refused_on = self.add_days(requested_on, rng.randint(1, 3))
            if self.come(refused_on):
                services.complaint_refuse_escalation(
                    complaint=complaint,
                    reason=NotAcceptedReason.PREVIOUSLY_CONSIDERED,
                    explanation="We gave our final response on the same matter in an earlier "
                    "complaint, and nothing new has been raised. You can ask the Housing "
                    "Ombudsman to look at that response, or at this decision.",
                    by=self.staff["senior"],
                    on=refused_on,
                )
            return
        points = [
            f"The resident remains unhappy: {EscalationReason(reason).label.lower()}",
            *[p.format(**case.words) for p in case.story.points[:1]],
        ]
        # The contractor stays named on the complaint: stage 1 was theirs (reports count
        # the handler by it), and the landlord's senior handler takes stage 2.
        self.work_stage(
            complaint,
            case,
            2,
            requested_on,
            first_day,
            self.stage2_handler(stage1_handler),
            contractor,
            withdraw=path == "withdrawn",
            definition=(points, f"A fresh review. {case.story.outcome_wanted}"),
        )

    def make_service_request(self, plan: ServiceRequestPlan) -> None:
        case = self.new_case(plan.received_on, plan.area)
        case.story = Story(plan.asked, (), "")
        officer = self.staff["officer"]
        plan.record = self.log(
            case, kind=Kind.COMPLAINT if plan.via_triage else Kind.SERVICE_REQUEST
        )
        plan.resident = case.resident
        if plan.via_triage:  # the record returned knows it is now a service request
            plan.record = services.complaint_triage(
                complaint=plan.record,
                decision=Kind.SERVICE_REQUEST,
                by=officer,
                on=min(self.today, self.first_action_day(plan.received_on)),
            )
        if plan.leads_to_complaint:
            return  # resolved after the complaint is raised
        self.resolve(plan, self.add_days(plan.received_on, self.rng.randint(1, 20)))

    def make_raised_complaint(self, plan: ServiceRequestPlan, case: Case) -> None:
        """Code 1.5: the resident is unhappy with how the request is handled; a complaint is
        raised and the service request goes on to be resolved."""
        case.resident = plan.resident
        case.raised_from = plan.record
        self.make_complaint(case, "stage1")
        self.resolve(plan, self.add_days(case.received_on, self.rng.randint(5, 25)))

    def resolve(self, plan: ServiceRequestPlan, on: dt.date) -> None:
        if self.come(on):
            services.record_resolve(
                record=plan.record, summary=plan.resolved, by=self.staff["officer"], on=on
            )

    def make_member_enquiry(self, received_on: dt.date) -> None:
        area, asked, answered = self.rng.choice(MEMBER_ENQUIRIES)
        case = self.new_case(received_on, area)
        case.story = Story(asked.format(member=self.rng.choice(MEMBERS)), (), "")
        record = self.log(case, kind=Kind.MEMBER_ENQUIRY, channel=Channel.COUNCILLOR_MP)
        answer_on = self.add_days(received_on, self.rng.randint(2, 15))
        if self.come(answer_on):
            services.record_resolve(
                record=record, summary=answered, by=self.staff["officer"], on=answer_on
            )

    # The Monday-morning queue --------------------------------------------------------------

    #: (what is due, working days from today it is due): overdue ones first, so a small demo
    #: still has them.
    CORE_QUEUE = (
        ("s1_response", -3),
        ("triage", 0),
        ("s1_response", 0),
        ("s1_ack", -2),
        ("s1_response", 2),
        ("s2_response", -1),
        ("s1_ack", 0),
        ("triage", -1),
        ("s1_extended", 3),
        ("s2_ack", 1),
        ("s1_response", -8),
        ("s1_response", 4),
        ("s2_response", 3),
        ("triage", -7),
        ("s1_response", 1),
        ("s1_ack", 2),
    )
    MORE_QUEUE = (
        ("s1_response", (5, 9)),
        ("s1_ack", (3, 4)),
        ("s2_response", (5, 18)),
        ("s1_response", (1, 4)),
        ("triage", (-2, 0)),
        ("s1_extended", (4, 8)),
        ("s2_ack", (2, 4)),
        ("s1_response", (-2, -1)),
    )
    DESKS = (
        ("contractor", REPAIRS),
        ("handler", REPAIRS),
        ("priya.shah", TENANCY),
        ("handler", LETTINGS),
        ("tom.reed", ESTATE),
        ("contractor", REPAIRS),
        ("priya.shah", ASB),
        ("handler", LEASEHOLD),
        ("sam.fletcher", ESTATE),
        ("officer", CUSTOMER),
    )

    def queue_specs(self, complaints: int) -> list[tuple[str, int, int]]:
        """The open cases placed around today: (what, due in working days, desk index)."""
        size = min(complaints, max(len(self.CORE_QUEUE), round(complaints * 0.07)))
        specs = [(what, offset, i) for i, (what, offset) in enumerate(self.CORE_QUEUE)]
        i = 0
        while len(specs) < size:
            what, (low, high) = self.MORE_QUEUE[i % len(self.MORE_QUEUE)]
            specs.append((what, self.rng.randint(low, high), len(specs)))
            i += 1
        return specs[:size]

    def plan_queue_case(self, what: str, offset: int, desk: int) -> None:
        """Work back from the due date to when each earlier step happened, every one of
        them on time: only the step now due is (or is about to be) late."""
        rng = self.rng
        due = self.add_days(self.today, offset)
        plan = QueuePlan(what=what, due=due, username=self.DESKS[desk % len(self.DESKS)][0])
        if what == "triage":  # waiting since it came in; the acknowledgement clock runs
            plan.received_on = self.today if offset == 0 else due
        elif what == "s1_ack":
            plan.received_on = self.add_days(due, -5)
        elif what in ("s1_response", "s1_extended"):
            plan.extension = 10 if what == "s1_extended" else 0
            plan.acknowledged_on = self.add_days(due, -10 - plan.extension)
            plan.received_on = self.add_days(plan.acknowledged_on, -rng.randint(1, 4))
        else:  # stage 2, asked for after a stage 1 answered in time
            if what == "s2_ack":
                plan.requested_on = self.add_days(due, -5)
            else:
                plan.acknowledged_on = self.add_days(due, -20)
                plan.requested_on = self.add_days(plan.acknowledged_on, -rng.randint(1, 4))
            plan.received_on = self.add_days(plan.requested_on, -14 - rng.randint(2, 6))
        case = self.new_case(plan.received_on, self.DESKS[desk % len(self.DESKS)][1])
        self.add_job(plan.received_on, lambda: self.make_queue_case(case, plan))

    def make_queue_case(self, case: Case, plan: QueuePlan) -> None:
        """An open case whose next step is due on ``plan.due``, made through the services
        like any other, so its timeline is as real as any other."""
        rng, officer = self.rng, self.staff["officer"]
        handler = self.staff[plan.username]
        contractor = {
            "contractor": self.contractors[REPAIRS_CONTRACTOR],
            "sam.fletcher": self.contractors[GROUNDS_CONTRACTOR],
        }.get(plan.username)
        complaint = self.log(case)
        if plan.what == "triage":
            return
        triage_on = min(self.add_days(case.received_on, rng.randint(0, 1)), self.today)
        services.complaint_triage(
            complaint=complaint, decision=Kind.COMPLAINT, by=officer, on=triage_on
        )
        services.complaint_allocate(
            complaint=complaint, handler=handler, contractor=contractor, by=officer, on=triage_on
        )
        points = [p.format(**case.words) for p in case.story.points]
        if plan.what == "s1_ack":
            if rng.random() < 0.5:
                services.complaint_define(
                    complaint=complaint,
                    points=points,
                    outcomes_sought=case.story.outcome_wanted,
                    by=handler,
                    on=triage_on,
                )
            return
        if plan.what in ("s1_response", "s1_extended"):
            assert plan.acknowledged_on is not None
            acknowledged_on = max(plan.acknowledged_on, triage_on)
            self.acknowledge(complaint, handler, points, case, acknowledged_on)
            if plan.extension:
                original_due = self.add_days(plan.due, -plan.extension)
                services.complaint_extend(
                    complaint=complaint,
                    working_days=plan.extension,
                    reason=rng.choice(EXTENSION_REASONS),
                    by=handler,
                    on=max(acknowledged_on, self.add_days(original_due, -2)),
                )
            return
        assert plan.requested_on is not None
        stage1_acknowledged = self.add_days(triage_on, rng.randint(1, 3))
        self.acknowledge(complaint, handler, points, case, stage1_acknowledged)
        stage1_on = self.add_days(stage1_acknowledged, rng.randint(5, 9))
        self.respond(complaint, case, 1, handler, contractor, stage1_on, len(points))
        reason = weighted(rng, {k: w for k, (w, _) in ESCALATION_REASONS.items()})
        services.complaint_request_escalation(
            complaint=complaint,
            requested_on=plan.requested_on,
            reason=reason,
            reason_text=ESCALATION_REASONS[reason][1],
            by=officer,
        )
        stage2_handler = self.stage2_handler(handler)
        services.complaint_allocate(
            complaint=complaint,
            handler=stage2_handler,
            contractor=contractor,
            by=officer,
            on=self.add_days(plan.requested_on, 0),
        )
        if plan.acknowledged_on is not None:
            points2 = [f"The resident remains unhappy: {EscalationReason(reason).label.lower()}"]
            self.acknowledge(complaint, stage2_handler, points2, case, plan.acknowledged_on)

    def acknowledge(
        self,
        complaint: Complaint,
        handler: AbstractUser,
        points: Sequence[str],
        case: Case,
        on: dt.date,
    ) -> None:
        """Code 6.2: acknowledged, defined and logged together."""
        services.complaint_define(
            complaint=complaint,
            points=points,
            outcomes_sought=case.story.outcome_wanted,
            not_responsible=case.story.not_responsible,
            by=handler,
            on=on,
        )
        services.complaint_acknowledge(complaint=complaint, by=handler, on=on)
