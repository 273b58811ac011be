"""What the residents and complaints apps hold about one resident, as the subject access
document's listings: their details, home, representatives, needs and restrictions,
equality answers, and each complaint with its stages, points, decisions, remedies,
actions, contacts, timeline and files.

Reads only. Everything is the resident's own or about their complaints: a complaint is
theirs when it names them, or the representative acting for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet

from putright.complaints.models import Attachment, Complaint, Event, Stage
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.residents.models import EqualityData, Property, Resident

#: What the documents say of a file the retention policy removed.
FILE_REMOVED = "Removed under the retention policy: not included"


def staff_name(user: Any) -> str:
    """A member of staff as the resident reads them: full name, else their user name."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def safe_filename(name: str) -> str:
    """A file name safe in any zip tool: letters, digits, dot, hyphen and underscore."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned[:100] or "file"


def complaints_of(resident: Resident) -> QuerySet[Complaint]:
    """The resident's complaints, service requests and member enquiries: those naming them,
    or a representative acting for them; oldest first."""
    return (
        Complaint.objects.filter(
            Q(resident=resident) | Q(representative__resident=resident),
            landlord_id=resident.landlord_id,
        )
        .select_related("representative", "home", "service_area", "theme", "contractor")
        .select_related("raised_from", "equality_data")
        .prefetch_related("stages__handler", "stages__points", "stages__extensions")
        .prefetch_related("stages__remedies", "stages__actions", "contacts")
        .distinct()
        .order_by("received_on", "id")
    )


def _listing(
    key: str, heading: str, rows: Iterable[Any], entry: Callable[[Any], Entry], none: str
) -> Listing:
    return Listing(key, heading, [entry(row) for row in rows], none)


# The resident -----------------------------------------------------------------------------


def _home(home: Property | None) -> Listing:
    entries = []
    if home is not None:
        facts = [
            Fact("address", "Address", home.address),
            Fact("postcode", "Postcode", home.postcode),
            Fact("uprn", "Property reference (UPRN)", home.uprn),
            Fact("estate", "Estate", home.estate),
            Fact("block", "Block", home.block),
            Fact("stock_type", "Type of home", home.get_stock_type_display()),
        ]
        entries.append(Entry("Your home", facts))
    return Listing("home", "Your home", entries, "No home is recorded.", single=True)


def _reviewed(record: Any) -> list[Fact]:
    return [
        Fact("review_due_on", "Next review due", record.review_due_on),
        Fact("last_reviewed_on", "Last reviewed", record.last_reviewed_on),
        Fact("recorded_at", "Recorded", record.recorded_at),
    ]


def _equality(data: EqualityData | None, heading: str, key: str = "equality_data") -> Listing:
    entries = []
    if data is not None:
        facts = [
            Fact("age_band", "Age", data.get_age_band_display()),
            Fact("sex", "Sex", data.get_sex_display()),
            Fact("ethnicity", "Ethnic group", data.ethnicity),
            Fact("disability", "Disability", data.get_disability_display()),
        ]
        entries.append(Entry(heading, facts))
    return Listing(key, heading, entries, "No equality monitoring answers are held.", single=True)


def resident_listings(resident: Resident) -> list[Listing]:
    """The resident's own record, in the order the page shows it."""
    details = Entry(
        "Your details",
        [
            Fact("name", "Name", resident.name),
            Fact("email", "Email", resident.email),
            Fact("phone", "Phone", resident.phone),
            Fact("contact_preference", "How you prefer us to contact you",
                 resident.get_contact_preference_display()),
            Fact("preferred_language", "Language you prefer", resident.preferred_language),
            Fact("tenure", "Tenure", resident.get_tenure_display()),
            Fact("tenancy_reference", "Tenancy reference", resident.tenancy_reference),
            Fact("recorded_at", "Record made", resident.created_at),
            Fact("recorded_via", "Record made through", resident.get_recorded_via_display()),
            Fact("anonymised_on", "Personal data removed under the retention policy",
                 resident.anonymised_on),
        ],
    )  # fmt: skip
    equality = EqualityData.objects.filter(resident=resident).first()
    return [
        Listing("resident", "Your details", [details], single=True),
        _home(resident.home),
        _listing(
            "representatives", "People acting for you",
            resident.representatives.order_by("id"),
            lambda r: Entry(r.name, [
                Fact("name", "Name", r.name),
                Fact("kind", "Acting as", r.get_kind_display()),
                Fact("email", "Email", r.email),
                Fact("phone", "Phone", r.phone),
                Fact("consent_given_on", "You gave consent", r.consent_given_on),
                Fact("consent_evidence", "Evidence of your consent", r.consent_evidence),
                Fact("consent_withdrawn_on", "You withdrew consent", r.consent_withdrawn_on),
            ]),
            "Nobody is recorded as acting for you.",
        ),
        _listing(
            "reasonable_adjustments", "Reasonable adjustments agreed with you",
            resident.adjustments.order_by("agreed_on", "id"),
            lambda a: Entry(a.get_kind_display(), [
                Fact("kind", "Adjustment", a.get_kind_display()),
                Fact("details", "Details", a.details),
                Fact("agreed_on", "Agreed", a.agreed_on),
                Fact("ended_on", "Ended", a.ended_on),
                *_reviewed(a),
            ]),
            "No reasonable adjustment is recorded.",
        ),
        _listing(
            "adjustment_requests", "Support you asked for online",
            resident.adjustment_requests.select_related("complaint").order_by("requested_on", "id"),
            lambda r: Entry(r.get_kind_display(), [
                Fact("kind", "Support asked for", r.get_kind_display()),
                Fact("details", "Details", r.details),
                Fact("requested_on", "Asked for", r.requested_on),
                Fact("requested_by", "Asked for by", r.get_requested_by_display()),
                Fact("complaint", "On complaint", r.complaint.reference),
                Fact("agreed", "Agreed", r.agreed_as_id is not None),
            ]),
            "No request for support is recorded.",
        ),
        _listing(
            "disclosed_disabilities", "Disabilities you told us about",
            resident.disabilities.order_by("id"),
            lambda d: Entry("Disability", [Fact("description", "What you told us", d.description),
                                           *_reviewed(d)]),
            "No disability is recorded.",
        ),
        _listing(
            "vulnerabilities", "Vulnerabilities recorded",
            resident.vulnerabilities.order_by("id"),
            lambda v: Entry("Vulnerability", [Fact("description", "What is recorded", v.description),
                                              Fact("ended_on", "Ended", v.ended_on),
                                              *_reviewed(v)]),
            "No vulnerability is recorded.",
        ),
        _listing(
            "restrictions", "Restrictions on contact",
            resident.restrictions.order_by("starts_on", "id"),
            lambda r: Entry("Restriction from " + f"{r.starts_on:%-d %B %Y}", [
                Fact("restriction", "What is restricted", r.restriction),
                Fact("reason", "Why", r.reason),
                Fact("evidence", "Evidence", r.evidence),
                Fact("proportionality", "Why it is proportionate", r.proportionality),
                Fact("starts_on", "From", r.starts_on),
                Fact("ended_on", "Ended", r.ended_on),
                *_reviewed(r),
            ]),
            "No restriction on contact is recorded.",
        ),
        _equality(equality, "Equality monitoring"),
    ]  # fmt: skip


# Each complaint ------------------------------------------------------------------------


def _stage_entry(stage: Stage) -> Entry:
    facts = [
        Fact("number", "Stage", stage.number),
        Fact("status", "Status", stage.get_status_display()),
        Fact("requested_on", "Asked for", stage.requested_on),
        Fact("acknowledgement_due", "Acknowledgement due", stage.acknowledgement_due),
        Fact("acknowledged_on", "Acknowledged", stage.acknowledged_on),
        Fact("handler", "Handled by", staff_name(stage.handler)),
        Fact("defined_on", "Complaint defined", stage.defined_on),
        Fact("outcomes_sought", "What you want to happen", stage.outcomes_sought),
        Fact("not_responsible", "What is not our responsibility", stage.not_responsible),
        Fact("response_due", "Response due", stage.response_due),
        Fact("response_due_extended", "Response due (with extensions)",
             stage.response_due_extended),
        Fact("decided_on", "Decision recorded", stage.decided_on),
        Fact("responded_on", "Response sent", stage.responded_on),
        Fact("outcome", "Decision", stage.get_outcome_display()),
        Fact("reasons", "Reasons", stage.reasons),
        Fact("not_accepted_reason", "Not accepted because", stage.get_not_accepted_reason_display()),
        Fact("not_accepted_detail", "Not accepted: explanation", stage.not_accepted_detail),
        Fact("discretion_considered", "Discretion considered", stage.discretion_considered),
        Fact("not_accepted_on", "Not accepted on", stage.not_accepted_on),
        Fact("escalation_reason", "Why you asked for stage 2", stage.get_escalation_reason_display()),
        Fact("escalation_reason_text", "Why you asked for stage 2, in your words",
             stage.escalation_reason_text),
    ]  # fmt: skip
    points = Listing(
        "points", "The points of your complaint, and the decision on each",
        [
            Entry(f"Point {p.number}", [
                Fact("number", "Point", p.number),
                Fact("summary", "Point", p.summary),
                Fact("outcome", "Decision", p.get_outcome_display()),
                Fact("finding", "Reasons", p.finding),
            ])
            for p in stage.points.all()
        ],
        "No points were defined.",
    )  # fmt: skip
    extensions = Listing(
        "extensions", "Extensions",
        [
            Entry(f"{e.working_days} working days more", [
                Fact("working_days", "Working days", e.working_days),
                Fact("reason", "Reason", e.reason),
                Fact("good_reason", "Good reason for a longer extension", e.good_reason),
                Fact("decided_on", "Decided", e.decided_on),
                Fact("previous_due", "Was due", e.previous_due),
                Fact("new_due", "Now due", e.new_due),
            ])
            for e in stage.extensions.all()
        ],
        "The response time was not extended.",
    )  # fmt: skip
    remedies = Listing(
        "remedies", "Putting things right",
        [
            Entry(r.get_kind_display(), [
                Fact("kind", "Remedy", r.get_kind_display()),
                Fact("resident_wording", "What we told you", r.resident_wording),
                Fact("description", "The handler's note", r.description),
                Fact("due_on", "By when", r.due_on),
                Fact("owner", "Who will do it", r.owner or staff_name(r.owner_user)),
                Fact("done_on", "Done", r.done_on),
                Fact("evidence", "What shows it was done", r.evidence),
                Fact("amount_offered", "Amount offered", r.amount_offered),
                Fact("compensation_reason", "Compensation for", r.get_compensation_reason_display()),
                Fact("offered_on", "Offered", r.offered_on),
                Fact("accepted_on", "Accepted", r.accepted_on),
                Fact("amount_accepted", "Amount accepted", r.amount_accepted),
                Fact("paid_on", "Paid", r.paid_on),
                Fact("amount_paid", "Amount paid", r.amount_paid),
                Fact("payment_method", "Paid by", r.get_payment_method_display()),
            ])
            for r in stage.remedies.all()
        ],
        "No remedy is recorded.",
    )  # fmt: skip
    actions = Listing(
        "actions", "Actions promised",
        [
            Entry(a.description.splitlines()[0][:80] if a.description else "Action", [
                Fact("description", "Action", a.description),
                Fact("owner", "Who will do it", a.owner),
                Fact("due_on", "By when", a.due_on),
                Fact("done_on", "Done", a.done_on),
            ])
            for a in stage.actions.all()
        ],
        "No action is recorded.",
    )  # fmt: skip
    return Entry(f"Stage {stage.number}", facts, [points, extensions, remedies, actions])


def _attachment_path(complaint: Complaint, number: int, attachment: Attachment) -> str:
    name = safe_filename(attachment.filename)
    return f"attachments/{safe_filename(complaint.reference)}/{number:02d}-{name}"


def complaint_attachments(complaint: Complaint) -> list[tuple[Attachment, str]]:
    """The complaint's attached files in the order attached, each with its path in the
    zip, or an empty path when the retention policy removed the file."""
    attachments = Attachment.objects.filter(complaint=complaint).select_related("event")
    return [
        (a, _attachment_path(complaint, n, a) if a.file else "")
        for n, a in enumerate(attachments.order_by("event__occurred_on", "id"), start=1)
    ]


def _timeline(complaint: Complaint) -> Listing:
    events = Event.objects.filter(complaint=complaint).select_related("actor")
    return Listing(
        "timeline", "What happened, in order",
        [
            Entry(f"{e.occurred_on:%-d %B %Y}: {e.get_kind_display()}", [
                Fact("occurred_on", "Date", e.occurred_on),
                Fact("kind", "What", e.get_kind_display()),
                Fact("stage", "Stage", e.stage),
                Fact("summary", "Summary", e.summary),
                Fact("by", "By", staff_name(e.actor)),
                Fact("recorded_at", "Recorded", e.recorded_at),
                Fact("corrects", "Corrects the entry recorded", e.corrects.recorded_at
                     if e.corrects_id and e.corrects else None),
            ])
            for e in events.select_related("corrects").order_by("occurred_on", "recorded_at", "id")
        ],
        "Nothing is recorded.",
    )  # fmt: skip


def complaint_entry(complaint: Complaint, attachments: list[tuple[Attachment, str]]) -> Entry:
    """One complaint as the document shows it (the apps above add their listings)."""
    facts = [
        Fact("reference", "Reference", complaint.reference),
        Fact("kind", "What it is", complaint.get_kind_display()),
        Fact("state", "Status", complaint.get_state_display()),
        Fact("received_on", "Received", complaint.received_on),
        Fact("channel", "How it reached us", complaint.get_channel_display()),
        Fact("description", "Your complaint, in your words", complaint.description),
        Fact("outcome_wanted", "What you would like done", complaint.outcome_wanted),
        Fact("representative", "Made for you by",
             complaint.representative.name if complaint.representative else ""),
        Fact("home", "About the home", str(complaint.home) if complaint.home else ""),
        Fact("tenure", "Tenure", complaint.get_tenure_display()),
        Fact("service_area", "Service", str(complaint.service_area or "")),
        Fact("theme", "Theme", str(complaint.theme or "")),
        Fact("contractor", "Contractor", str(complaint.contractor or "")),
        Fact("root_cause", "What caused it", complaint.get_root_cause_display()),
        Fact("vulnerable", "You told us of a vulnerability", complaint.vulnerable),
        Fact("raised_from", "Raised from", complaint.raised_from.reference
             if complaint.raised_from else ""),
        Fact("withdrawn_on", "Withdrawn", complaint.withdrawn_on),
        Fact("withdrawn_by", "Withdrawn by", complaint.withdrawn_by),
        Fact("ombudsman_reference", "Housing Ombudsman's reference", complaint.ombudsman_reference),
        Fact("anonymised_on", "Personal data removed under the retention policy",
             complaint.anonymised_on),
    ]  # fmt: skip
    stages = sorted(complaint.stages.all(), key=lambda s: s.number)
    contacts = Listing(
        "contacts", "Calls, emails, visits and letters recorded",
        [
            Entry(f"{c.get_method_display()} {c.get_direction_display().lower()}", [
                Fact("occurred_at", "When", c.occurred_at),
                Fact("method", "How", c.get_method_display()),
                Fact("direction", "Which way", c.get_direction_display()),
                Fact("with_whom", "With", c.with_whom),
                Fact("summary", "What was said", c.summary),
            ])
            for c in complaint.contacts.all()
        ],
        "No contact is recorded.",
    )  # fmt: skip
    files = Listing(
        "attachments", "Files attached",
        [
            Entry(a.filename, [
                Fact("filename", "File name", a.filename),
                Fact("attached_on", "Attached", a.event.occurred_on),
                Fact("content_type", "Type", a.content_type),
                Fact("size", "Size in bytes", a.size),
                Fact("sha256", "SHA-256", a.sha256),
                Fact("file", "In this download", path or FILE_REMOVED),
            ])
            for a, path in attachments
        ],
        "No file is attached.",
    )  # fmt: skip
    equality = getattr(complaint, "equality_data", None)
    listings = [Listing("stages", "Stages", [_stage_entry(s) for s in stages],
                        "The complaint has not reached a stage.")]  # fmt: skip
    listings += [contacts, _timeline(complaint), files]
    if equality is not None:
        listings.append(_equality(equality, "Equality monitoring with this complaint"))
    return Entry(f"{complaint.get_kind_display()} {complaint.reference}", facts, listings)
