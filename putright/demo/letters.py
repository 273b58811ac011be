"""The demo landlord's letters, issued through ``putright.letters.services`` as a handler
issues them from the case page: the letter generated from the record, issued unedited,
frozen on the timeline (domain.md §5). Posted, as they all are here, each has its PDF made from
its frozen HTML the first time someone opens it, as any posted letter does.

- A response letter for every stage 1 and stage 2 response (Code 6.9, 6.19): issuing it
  is what sends the response, on the day of the decision; a few decided in the last days
  have theirs still to send, so the work queue has some "Response letter to send".
- A letter for nearly every complaint not accepted (13 in 14; Code 2.4) and every stage 2 refused
  (Code 5.11).
- An acknowledgement letter for each stage still open today (Code 5.6, 6.2, 6.11): the
  cases on the work queue, the ones a new user opens first. Closed cases were
  acknowledged too, but their acknowledgement letters are not made: issuing one costs
  about 30 ms of CPU, and these count towards nothing the reports measure
  (docs/performance.md).

Every letter is recorded as posted, never emailed: the residents are invented, and an
email would go to them (or fill the terminal) once the demo is saved. Someone who does
not live in one of the landlord's homes has a postal address of their own.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from putright.complaints.models import Complaint
from putright.demo.context import Demo
from putright.letters import services as letters
from putright.letters.kinds import Delivery, LetterKind

#: One decision not to accept in so many has its letter sent outside Putright (about 7 in
#: 100), so the compliance view's 2.4 shows a case breaking it every year, whatever the day.
NOT_ACCEPTED_UNSENT_EVERY = 14
#: A decision this many days old or newer may still have its response letter to send.
LETTER_TO_SEND_DAYS = 3
#: How many of those do.
LETTERS_TO_SEND = 0.5


#: How the demo landlord meets each accessible format or language with a letter (Code 5.10).
FORMAT_HOW = {
    "large_print": "Printed in large print and posted.",
    "braille": "Braille copy ordered from the transcription service and posted with it.",
    "easy_read": "Easy-read version written with the resident's support worker and posted.",
    "audio": "Read aloud on an audio recording and sent with it.",
    "language": "Translated by the landlord's translation service and sent with it.",
    "bsl": "Offered a BSL interpreter to go through the letter at a visit.",
    "interpreter": "Offered a call with an interpreter to go through the letter.",
}


def letter_send(demo: Demo, complaint: Complaint, kind: LetterKind, on: dt.date, by: User) -> None:
    """Issue the letter of ``kind`` generated from the record as it is on ``on``, unedited
    (``letter_issue_generated``: drafted from the record it locks, not read twice), by
    post, in large print for a resident who has that adjustment, and saying how it meets
    each accessible format or language the resident needs (Code 5.10)."""
    resident = complaint.resident
    lives_elsewhere = complaint.home_id is None and (resident is None or resident.home_id is None)
    postal = demo.residents.postal.get(resident.pk) if resident is not None else None
    needs = demo.residents.formats.get(resident.pk, []) if resident is not None else []
    letters.letter_issue_generated(
        complaint=complaint,
        kind=kind,
        delivery=Delivery.POST,
        by=by,
        send_to=postal if lives_elsewhere else None,
        large_print=complaint.resident_id in demo.residents.large_print,
        formats_met={need: FORMAT_HOW[need] for need in needs},
        on=on,
    )


def response_letter(
    demo: Demo,
    complaint: Complaint,
    number: int,
    on: dt.date,
    by: User,
    *,
    may_wait: bool = True,
) -> None:
    """The stage's response letter, which sends the response, on the day of the decision;
    for some decided in the last few days (``may_wait``) it is still to send."""
    recent = (demo.today - on).days <= LETTER_TO_SEND_DAYS
    if may_wait and recent and demo.chance(LETTERS_TO_SEND):
        return
    kind = LetterKind.STAGE1_RESPONSE if number == 1 else LetterKind.STAGE2_RESPONSE
    letter_send(demo, complaint, kind, on, by)


def not_accepted_letter(demo: Demo, complaint: Complaint, on: dt.date, by: User) -> None:
    """Code 2.4: the letter, but for every ``NOT_ACCEPTED_UNSENT_EVERY``th decision (the
    7th, 21st, 35th ...: one at least in any financial year the demo covers most of)."""
    demo.not_accepted += 1
    # Once a chance decided it: the draw is kept so the rest of the year is made as before.
    demo.rng.random()
    if demo.not_accepted % NOT_ACCEPTED_UNSENT_EVERY != 7:
        letter_send(demo, complaint, LetterKind.NOT_ACCEPTED, on, by)


def acknowledgement_letter(
    demo: Demo, complaint: Complaint, number: int, on: dt.date, by: User
) -> None:
    kind = LetterKind.ACKNOWLEDGEMENT_STAGE1 if number == 1 else LetterKind.ACKNOWLEDGEMENT_STAGE2
    letter_send(demo, complaint, kind, on, by)
