"""What residents say and what handlers find: the demo's words.

A complaint as a resident tells it and as the landlord defines it (Code 5.6); what an
investigation of each theme finds, for the reasons in a response (Code 6.9d); why a
complaint is not accepted, extended, escalated or withdrawn; the service requests and
member enquiries that are not complaints (Code 1.5). Braced words (``{room}``) are filled
in per complaint (``putright.demo.complaints.Case``).
"""

from __future__ import annotations

from dataclasses import dataclass

from putright.demo.landlord import (
    ALLOCATIONS,
    ASB,
    ASB_THEME,
    CHARGES,
    COMMS,
    CONDUCT,
    CUSTOMER,
    DAMP,
    DELAY,
    ESTATE,
    LEASEHOLD,
    LETTINGS,
    NOISE,
    RENTS,
    REPAIRS,
    TENANCY,
    WORKMANSHIP,
)
from putright.rules.codes import EscalationReason, NotAcceptedReason, RootCause


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
