"""Support asked for on a complaint, and agreed (Code 5.10), on the complaint's timeline.

The resident's records are written by ``putright.residents.services``: the requests and the
reasonable adjustment agreed. These two commands add what the complaint needs around them,
in the same transaction: the timeline entry that tells staff a request is waiting, and the
one that says it was agreed. The website, the staff pages and the API all call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from putright.complaints.models import Complaint
from putright.complaints.services._common import User
from putright.complaints.services.notes import complaint_add_note
from putright.landlords.models import today
from putright.residents import services as resident_services
from putright.residents.models import AdjustmentRequest, ReasonableAdjustment, RequestedBy


def _words(wanted: Sequence[tuple[str, str]]) -> str:
    """The support asked for, in words: "Large print; Interpreter: Yoruba"."""
    labels = ((ReasonableAdjustment.Kind(kind).label, details) for kind, details in wanted)
    return "; ".join(f"{label}: {details}" if details else label for label, details in labels)


@transaction.atomic
def complaint_adjustments_request(
    *,
    complaint: Complaint,
    kinds: Sequence[str],
    requested_by: str,
    by: User | None,
    interpreter_language: str = "",
    other: str = "",
    on: dt.date | None = None,
) -> list[AdjustmentRequest]:
    """Code 5.10: the resident, or their representative, asks for support or changes. Each
    is recorded as a request on the resident's record, and the timeline tells staff to
    agree them with the resident and keep them under review."""
    on = on or today()
    wanted = resident_services.adjustments_wanted(
        kinds=kinds, interpreter_language=interpreter_language, other=other
    )
    if not wanted:
        # Nothing to tell staff: the resident service gives the reason.
        return resident_services.adjustment_requests_record(
            complaint=complaint, wanted=wanted, requested_by=requested_by, on=on, by=by
        )
    who = "The resident" if requested_by == RequestedBy.RESIDENT else "Their representative"
    words = _words(wanted)
    stop = "" if words.endswith((".", "!", "?")) else "."
    event = complaint_add_note(
        complaint=complaint,
        text=(
            f"{who} asked online for support or changes (Code 5.10): {words}{stop} Agree them "
            "with the resident and record them as reasonable adjustments, with a review date."
        ),
        by=by,
        on=on,
    )
    return resident_services.adjustment_requests_record(
        complaint=complaint, wanted=wanted, requested_by=requested_by, on=on, by=by, event=event
    )


@transaction.atomic
def complaint_adjustment_agree(
    *,
    request: AdjustmentRequest,
    review_due_on: dt.date | None,
    by: User | None,
    details: str = "",
    on: dt.date | None = None,
) -> ReasonableAdjustment:
    """Code 5.10: staff agree with the resident the support they asked for online
    (``residents.services.adjustment_request_agree``: a reasonable adjustment with a
    review date), and the complaint's timeline says so."""
    adjustment = resident_services.adjustment_request_agree(
        request=request, review_due_on=review_due_on, by=by, details=details, on=on
    )
    complaint_add_note(
        complaint=request.complaint,
        text=(
            f"Reasonable adjustment agreed: {adjustment}"
            + (f" ({adjustment.details})" if adjustment.details else "")
            + f". Review by {adjustment.review_due_on:%-d %B %Y}."
        ),
        by=by,
        on=adjustment.agreed_on,
    )
    return adjustment
