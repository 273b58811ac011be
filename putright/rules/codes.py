"""The code lists of the record, in one place (register-csv.md, domain.md §2, §4, §6).

Each list is a ``str`` enum whose values are the codes used in the CSV register, the API
and the database, and whose labels are the plain-English words shown to people. The Django
models take their choices from here.
"""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A code with a plain-English label: ``Channel.WEB.label == "Web form"``."""

    #: The plain-English words for the code (an annotation only, so not a member).
    label: str

    def __new__(cls, value: str, label: str = "") -> Coded:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs, for Django model and form fields."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Kind(Coded):
    COMPLAINT = "complaint", "Complaint"
    SERVICE_REQUEST = "service_request", "Service request"
    MEMBER_ENQUIRY = "member_enquiry", "Member enquiry"


class MemberRole(Coded):
    """Who made a member enquiry for a resident (issue 17, item 3): an elected member."""

    COUNCILLOR = "councillor", "Councillor"
    MP = "mp", "MP"


class Channel(Coded):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    WEB = "web", "Web form"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    SOCIAL_MEDIA = "social_media", "Social media"
    COUNCILLOR_MP = "councillor_mp", "MP or councillor"
    CONTRACTOR = "contractor", "Via a contractor"
    OTHER = "other", "Other"


class Jurisdiction(Coded):
    HOUSING = "housing", "Housing Ombudsman"
    LGSCO = "lgsco", "Local Government and Social Care Ombudsman"


class Tenure(Coded):
    TENANT = "tenant", "Tenant"
    LEASEHOLDER = "leaseholder", "Leaseholder"
    SHARED_OWNER = "shared_owner", "Shared owner"
    PRIVATE_RESIDENT = "private_resident", "Private resident"
    APPLICANT = "applicant", "Applicant"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class StockType(Coded):
    LCRA = "lcra", "Low-cost rental accommodation"
    LCHO = "lcho", "Low-cost home ownership"
    NONE = "none", "Not stock-related"


class RootCause(Coded):
    COMMUNICATION = "communication", "Communication"
    POLICY_PROCEDURE = "policy_procedure", "Policy or procedure"
    SERVICE_FAILURE = "service_failure", "Service failure"


class NotAcceptedReason(Coded):
    """Why a complaint (stage 1) or an escalation (stage 2) was not accepted (Code 1.3, 4.1)."""

    OVER_12_MONTHS = "over_12_months", "The issue arose more than 12 months ago"
    LEGAL_PROCEEDINGS = "legal_proceedings", "Legal proceedings have started"
    PREVIOUSLY_CONSIDERED = (
        "previously_considered",
        "Already considered under the complaints policy",
    )
    DUPLICATE = "duplicate", "Duplicate of another complaint"
    NOT_LANDLORD_RESPONSIBILITY = "not_landlord_responsibility", "Not the landlord's responsibility"
    OTHER_PROCEDURE = "other_procedure", "Dealt with under another procedure"
    OTHER = "other", "Other reason"


class Outcome(Coded):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class CompensationReason(Coded):
    DELAY_FAILURE = "delay_failure", "Delay or failure to provide a service"
    TIME_TROUBLE = "time_trouble", "Time and trouble"
    DISTRESS_INCONVENIENCE = "distress_inconvenience", "Distress and inconvenience"
    REIMBURSEMENT = "reimbursement", "Reimbursement of costs"
    GOODWILL = "goodwill", "Goodwill"
    OTHER = "other", "Other"


class EscalationReason(Coded):
    DISAGREES_WITH_DECISION = "disagrees_with_decision", "Disagrees with the decision"
    ACTIONS_NOT_DONE = "actions_not_done", "Promised actions not done"
    COMPENSATION = "compensation", "Unhappy with the compensation"
    POINTS_NOT_ADDRESSED = "points_not_addressed", "Points not addressed"
    OTHER = "other", "Other"
    NOT_GIVEN = "not_given", "No reason given"


class RemedyKind(Coded):
    """What is done to put things right (Code section 7, domain.md §6)."""

    APOLOGY = "apology", "Apology"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledging what went wrong"
    EXPLANATION = "explanation", "Explanation"
    ACTION_ON_DELAY = "action_on_delay", "Action on a delay"
    RECONSIDER_DECISION = "reconsider_decision", "Reconsidering a decision"
    CORRECT_RECORD = "correct_record", "Correcting a record"
    FINANCIAL = "financial", "Financial remedy"
    CHANGE_POLICY = "change_policy", "Changing a policy, procedure or practice"

    @property
    def delivered_in_letter(self) -> bool:
        """An apology, an acknowledgement of what went wrong and an explanation are given
        in the response letter itself (Code 7.2), so they are done when it is issued; the
        others are done later, by their date, by someone."""
        return self in _IN_THE_LETTER


_IN_THE_LETTER = frozenset({RemedyKind.APOLOGY, RemedyKind.ACKNOWLEDGEMENT, RemedyKind.EXPLANATION})


class PaymentMethod(Coded):
    RENT_ACCOUNT = "rent_account", "Credit to rent account"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    VOUCHER = "voucher", "Voucher"
    OTHER = "other", "Other"


class AgeBand(Coded):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_30 = "18_30", "18 to 30"
    AGE_31_50 = "31_50", "31 to 50"
    AGE_51_65 = "51_65", "51 to 65"
    AGE_66_PLUS = "66_plus", "66 and over"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class Sex(Coded):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class Disability(Coded):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class RepresentativeKind(Coded):
    ADVOCATE = "advocate", "Advocate"
    FAMILY = "family", "Family member or friend"
    COUNCILLOR = "councillor", "Councillor"
    MP = "mp", "MP"
    SOLICITOR = "solicitor", "Solicitor"
    OTHER = "other", "Other"


class ExtensionReason(Coded):
    """Why a stage's response date was extended (Code 6.4, 6.15), as the annual report
    counts it; the words explaining the particular case are written beside the code. The
    reasons landlords publish (Oxford: awaiting contractors' reports, staff leave, waiting
    for the complainant's information; Cannock: complex cases)."""

    AWAITING_CONTRACTOR = (
        "awaiting_contractor",
        "Awaiting a contractor, a repair or an inspection",
    )
    COMPLEXITY = "complexity", "The complaint is complex"
    RESIDENT_UNAVAILABLE = "resident_unavailable", "The resident is not available"
    AWAITING_THIRD_PARTY = "awaiting_third_party", "Awaiting information from a third party"
    AWAITING_RESIDENT = "awaiting_resident", "Awaiting information from the resident"
    STAFF_UNAVAILABLE = "staff_unavailable", "Staff leave or absence"
    OTHER = "other", "Other"


#: The sub-causes a new landlord starts with, under each root cause (Brent's annual report
#: counts service failures by delay and by services not meeting standards, communication by
#: not keeping residents informed and by third-party communication). Each landlord keeps
#: its own list: it adds, renames and retires codes; a code is unique within a landlord.
DEFAULT_SUB_CAUSES: tuple[tuple[RootCause, str, str], ...] = (
    (RootCause.COMMUNICATION, "not_kept_informed", "Not kept informed or updated"),
    (RootCause.COMMUNICATION, "third_party_communication", "Communication with a third party"),
    (RootCause.COMMUNICATION, "staff_conduct", "Staff attitude or conduct"),
    (RootCause.COMMUNICATION, "communication_other", "Other communication failure"),
    (RootCause.POLICY_PROCEDURE, "policy_not_followed", "Policy or procedure not followed"),
    (RootCause.POLICY_PROCEDURE, "policy_unclear", "Policy or procedure unclear or unfair"),
    (RootCause.POLICY_PROCEDURE, "policy_other", "Other policy or procedure failure"),
    (RootCause.SERVICE_FAILURE, "delay", "Delay in providing a service"),
    (RootCause.SERVICE_FAILURE, "below_standard", "Service not meeting standards"),
    (RootCause.SERVICE_FAILURE, "not_provided", "Service not provided"),
    (RootCause.SERVICE_FAILURE, "service_other", "Other service failure"),
)

#: A sub-cause's code: lower-case letters, digits and underscores, starting with a letter.
SUB_CAUSE_CODE_PATTERN = r"[a-z][a-z0-9_]{0,39}"
