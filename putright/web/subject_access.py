"""The access log's part of a subject access (docs/security.md, "Subject access"): who read
each of the resident's complaints, what they read and when, from the access log
(``CaseRead``), under each complaint and as ``access-log.csv``, its cells made safe for
spreadsheets (``web.spreadsheets``). Registered when the app starts."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from putright.complaints.models import Complaint
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.complaints.subject_access.parts import Part, register
from putright.complaints.subject_access.record import staff_name
from putright.landlords.models import Role
from putright.residents.models import Resident
from putright.web.models import CaseRead
from putright.web.spreadsheets import table_csv

ACCESS_LOG_NAME = "access-log.csv"
ACCESS_LOG_HEADINGS = ("Read at", "Complaint", "What was read", "Who", "Their role")


def _role(code: str) -> str:
    return Role(code).label if code in Role.values else code


def access_log_part(resident: Resident, complaints: Sequence[Complaint]) -> Part:
    reads = (
        CaseRead.objects.filter(complaint__in=complaints)
        .select_related("user", "complaint")
        .order_by("read_at", "id")
    )
    rows: list[tuple[str, str, str, str, str]] = []
    by_complaint: dict[int, list[Entry]] = {c.pk: [] for c in complaints}
    for read in reads:
        who, role, what = staff_name(read.user), _role(read.role), read.get_what_display()
        rows.append(
            (f"{timezone.localtime(read.read_at):%Y-%m-%d %H:%M:%S}",
             read.complaint.reference, what, who, role)
        )  # fmt: skip
        by_complaint[read.complaint_id].append(
            Entry(f"{who}, {timezone.localtime(read.read_at):%-d %B %Y at %H:%M}", [
                Fact("read_at", "When", read.read_at),
                Fact("what", "What was read", what),
                Fact("who", "Who", who),
                Fact("role", "Their role", role),
            ])
        )  # fmt: skip
    return Part(
        per_complaint={
            pk: [Listing("reads", "Who read this record", entries, "Nobody has read it.")]
            for pk, entries in by_complaint.items()
        },
        files=[(ACCESS_LOG_NAME, table_csv(ACCESS_LOG_HEADINGS, rows),
                "who read each of your complaints' records, and when (a spreadsheet)")],
    )  # fmt: skip


def register_part() -> None:
    register("access_log", access_log_part)
