"""The portal's part of a subject access (docs/security.md, "Subject access"): who may
follow each of the resident's complaints online (the email address and when it was last
used; never the private link, which is not kept), and the feedback given after a
response. Registered when the app starts."""

from __future__ import annotations

from collections.abc import Sequence

from putright.complaints.models import Complaint
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.complaints.subject_access.parts import Part, register
from putright.portal.models import Feedback, PortalAccess
from putright.residents.models import Resident


def portal_part(resident: Resident, complaints: Sequence[Complaint]) -> Part:
    access: dict[int, list[Entry]] = {c.pk: [] for c in complaints}
    for row in PortalAccess.objects.filter(complaint__in=complaints).order_by("created_at", "id"):
        access[row.complaint_id].append(
            Entry(row.email, [
                Fact("person", "Who", row.get_person_display()),
                Fact("email", "Email", row.email),
                Fact("created_at", "From", row.created_at),
                Fact("last_used_at", "Last used", row.last_used_at),
            ])
        )  # fmt: skip
    feedback: dict[int, list[Entry]] = {c.pk: [] for c in complaints}
    for given in Feedback.objects.filter(complaint__in=complaints).order_by("stage", "id"):
        feedback[given.complaint_id].append(
            Entry(f"After the stage {given.stage} response", [
                Fact("stage", "Stage", given.stage),
                Fact("given_on", "Given", given.given_on),
                Fact("given_by", "Given by", given.get_given_by_display()),
                Fact("process_satisfaction", "How the complaint was handled",
                     given.get_process_satisfaction_display()),
                Fact("outcome_satisfaction", "The outcome", given.get_outcome_satisfaction_display()),
                Fact("comments", "Comments", given.comments),
            ])
        )  # fmt: skip
    return Part(
        per_complaint={
            c.pk: [
                Listing("online_access", "Following the complaint online", access[c.pk],
                        "Nobody follows this complaint online."),
                Listing("feedback", "Your feedback", feedback[c.pk], "No feedback was given."),
            ]
            for c in complaints
        }
    )  # fmt: skip


def register_part() -> None:
    register("portal", portal_part)
