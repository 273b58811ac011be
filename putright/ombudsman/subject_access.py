"""The Ombudsman's part of a subject access (docs/security.md, "Subject access"): the
Housing Ombudsman cases the landlord holds on each of the resident's complaints, with the
Ombudsman's contacts, the landlord's replies, and any determination with its findings and
orders. Files sent to the Ombudsman are listed by name (the letters and attachments they
came from are in the download already). Registered when the app starts."""

from __future__ import annotations

from collections.abc import Sequence

from putright.complaints.models import Complaint
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.complaints.subject_access.parts import Part, register
from putright.ombudsman.models import Contact, Determination, OmbudsmanCase
from putright.residents.models import Resident


def _contact(contact: Contact) -> Entry:
    replies = Listing(
        "replies", "What we sent back",
        [
            Entry(f"Reply of {r.sent_on:%-d %B %Y}", [
                Fact("sent_on", "Sent", r.sent_on),
                Fact("summary", "What we sent", r.summary),
                Fact("answers_in_full", "Answered in full", r.answers_in_full),
                Fact("filename", "File sent", r.filename),
            ])
            for r in contact.replies.all()
        ],
        "No reply is recorded.",
    )  # fmt: skip
    return Entry(
        f"{contact.get_kind_display()}, {contact.received_on:%-d %B %Y}",
        [
            Fact("kind", "What the Ombudsman asked", contact.get_kind_display()),
            Fact("received_on", "Received", contact.received_on),
            Fact("deadline", "Reply due", contact.deadline),
            Fact("details", "Details", contact.details),
            Fact("met_on", "Answered in full", contact.met_on),
        ],
        [replies],
    )


def _determination(determination: Determination) -> Entry:
    findings = Listing(
        "findings", "Findings",
        [
            Entry(f"Finding {f.number}", [
                Fact("number", "Number", f.number),
                Fact("element", "Part of the complaint", f.element),
                Fact("category", "The Ombudsman's category", f.get_category_display()),
                Fact("finding", "Finding", f.get_finding_display()),
            ])
            for f in determination.findings.all()
        ],
        "No finding is recorded.",
    )  # fmt: skip
    orders = Listing(
        "orders", "Orders and recommendations",
        [
            Entry(str(o), [
                Fact("is_recommendation", "A recommendation (not an order)", o.is_recommendation),
                Fact("kind", "What", o.get_kind_display()),
                Fact("description", "Details", o.description),
                Fact("amount", "Amount", o.amount),
                Fact("due_on", "Due", o.due_on),
                Fact("status", "Status", o.get_status_display()),
                Fact("completed_on", "Completed", o.completed_on),
            ])
            for o in determination.orders.all()
        ],
        "No order or recommendation is recorded.",
    )  # fmt: skip
    return Entry(
        f"Determination of {determination.determined_on:%-d %B %Y}",
        [
            Fact("determined_on", "Determined", determination.determined_on),
            Fact("summary", "Summary", determination.summary),
        ],
        [findings, orders],
    )


def ombudsman_part(resident: Resident, complaints: Sequence[Complaint]) -> Part:
    cases = (
        OmbudsmanCase.objects.filter(complaint__in=complaints)
        .prefetch_related("contacts__replies", "determinations__findings")
        .prefetch_related("determinations__orders")
        .order_by("opened_on", "id")
    )
    by_complaint: dict[int, list[Entry]] = {c.pk: [] for c in complaints}
    for case in cases:
        assert case.complaint_id is not None  # filtered on its complaint
        by_complaint[case.complaint_id].append(
            Entry(
                f"Housing Ombudsman case {case.reference}",
                [
                    Fact("reference", "Ombudsman's reference", case.reference),
                    Fact("summary", "What the case is about", case.summary),
                    Fact("opened_on", "Opened", case.opened_on),
                    Fact("closed_on", "Closed", case.closed_on),
                ],
                [
                    Listing("contacts", "Contacts from the Ombudsman",
                            [_contact(c) for c in case.contacts.all()], "None recorded."),
                    Listing("determinations", "The Ombudsman's determination",
                            [_determination(d) for d in case.determinations.all()],
                            "The Ombudsman has not determined the case."),
                ],
            )
        )  # fmt: skip
    return Part(
        per_complaint={
            pk: [
                Listing(
                    "ombudsman_cases",
                    "Housing Ombudsman cases",
                    entries,
                    "We hold no Housing Ombudsman case on this complaint.",
                )
            ]
            for pk, entries in by_complaint.items()
        }
    )


def register_part() -> None:
    register("ombudsman", ombudsman_part)
