"""What every command on a record does the same way: check the key may write, lock the
record, check ``If-Match``, call the service as the key's user, and answer with the record
and its ``ETag``. The webhooks are the service's business (it emits them as it writes the
timeline entry, for every channel alike), so nothing here emits them again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from putright.api.auth import writing_key
from putright.api.errors import ApiError, ErrorOut
from putright.api.selectors import complaint_get, complaint_lock
from putright.api.serialize import complaint_detail
from putright.complaints.models import Complaint

#: Answers every operation may give besides its success.
READ_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    412: ErrorOut,
    422: ErrorOut,
}

IF_MATCH_DOC = (
    'The version you last saw (the ETag, e.g. "7"). If the record has changed since, '
    "nothing is done and the answer is 412."
)
IDEMPOTENCY_DOC = "Any unique string (e.g. a UUID): a retry with the same key is done only once."


def etag(complaint: Complaint) -> str:
    return f'"{complaint.version}"'


def check_if_match(if_match: str | None, complaint: Complaint) -> None:
    """412 unless ``If-Match`` is absent, ``*`` or names the record's current version."""
    if if_match is None:
        return
    for tag in if_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/").strip('"') == str(complaint.version):
            return
    raise ApiError(
        412,
        "version_mismatch",
        f"The record has changed: it is now at version {complaint.version}. "
        "Fetch it again, check the change still makes sense, and send the new version.",
        {"If-Match": f"The current version is {complaint.version}."},
    )


def run_command(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    if_match: str | None,
    command: Callable[[Complaint, User], Any],
) -> dict[str, Any]:
    """Do ``command(complaint, user)`` under the record's lock, as the key's user, and
    answer with the record as it now is."""
    api_key = writing_key(request)
    with transaction.atomic():
        locked = complaint_lock(api_key.landlord, reference)
        check_if_match(if_match, locked)
        command(locked, api_key.user)
        complaint = complaint_get(api_key.landlord, locked.reference)
    response["ETag"] = etag(complaint)
    return complaint_detail(complaint)


def run_timeline_write(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    if_match: str | None,
    write: Callable[[Complaint, User], Any],
) -> Any:
    """As ``run_command``, for an addition to the timeline (a note, a file, a correction):
    answers with what was added; the record's new version is in the ETag."""
    api_key = writing_key(request)
    with transaction.atomic():
        locked = complaint_lock(api_key.landlord, reference)
        check_if_match(if_match, locked)
        added = write(locked, api_key.user)
        locked.refresh_from_db(fields=["version"])
    response["ETag"] = etag(locked)
    return added
