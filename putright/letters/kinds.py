"""The kinds of letter Putright writes (domain.md §5) and how a letter is delivered.

One letter kind per moment of the Code at which the resident must be written to:
acknowledging a stage (Code 5.6, 6.2, 6.11), extending it (6.4, 6.16), responding at
stage 1 (6.9) and stage 2 (6.19), not accepting a complaint (4.1 - 4.3) and refusing an
escalation (6.12, 4.1). And an update: anything else the resident should hear, at any
time, from the record (keeping them informed, Code 5.12 and 6.9(f)).
"""

from __future__ import annotations

from putright.rules.codes import Coded


class LetterKind(Coded):
    ACKNOWLEDGEMENT_STAGE1 = "acknowledgement_stage1", "Stage 1 acknowledgement"
    ACKNOWLEDGEMENT_STAGE2 = "acknowledgement_stage2", "Stage 2 acknowledgement"
    EXTENSION = "extension", "Extension"
    STAGE1_RESPONSE = "stage1_response", "Stage 1 response"
    STAGE2_RESPONSE = "stage2_response", "Stage 2 final response"
    NOT_ACCEPTED = "not_accepted", "Complaint not accepted"
    ESCALATION_REFUSED = "escalation_refused", "Stage 2 refused"
    UPDATE = "update", "Update"


#: The stage each kind is about. An extension letter is about whichever stage is open.
KIND_STAGE: dict[LetterKind, int | None] = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: 1,
    LetterKind.ACKNOWLEDGEMENT_STAGE2: 2,
    LetterKind.EXTENSION: None,
    LetterKind.STAGE1_RESPONSE: 1,
    LetterKind.STAGE2_RESPONSE: 2,
    LetterKind.NOT_ACCEPTED: 1,
    LetterKind.ESCALATION_REFUSED: 2,
    LetterKind.UPDATE: None,
}


class Delivery(Coded):
    EMAIL = "email", "Email"
    POST = "post", "Post"
