"""How the resident wants to hear from us, for the letter page (Code 5.10, 3.6).

A letter goes the way the resident prefers: by email when they prefer email and we have an
address, by post when they prefer letters. A resident who prefers a phone call or a text
message still gets the letter (the Code wants it in writing), but is called or texted
first: the page says so, as it does when they have asked, as a reasonable adjustment, for
phone calls instead of letters. With no preference, email when there is an address.
"""

from __future__ import annotations

from dataclasses import dataclass

from putright.complaints.models import Complaint
from putright.letters.kinds import Delivery
from putright.residents.models import ReasonableAdjustment, Resident

Preference = Resident.ContactPreference


@dataclass(frozen=True, slots=True)
class DeliveryAdvice:
    """The way a letter goes by default, and what to do first (said to staff), if anything."""

    delivery: Delivery
    first: str = ""


def delivery_advice(complaint: Complaint, email: str) -> DeliveryAdvice:
    """How to send the complaint's letter, given the email address it would go to (the
    representative's or the resident's, ``services.recipient_email``)."""
    resident = complaint.resident if complaint.resident_id else None
    preference = resident.contact_preference if resident is not None else ""
    by_default = Delivery.EMAIL if email else Delivery.POST
    if preference == Preference.LETTER:
        return DeliveryAdvice(Delivery.POST)
    if preference == Preference.EMAIL and not email:
        return DeliveryAdvice(
            Delivery.POST,
            "The resident prefers email, but there is no email address on record: post "
            "this letter, or add their email address.",
        )
    if preference == Preference.PHONE:
        return DeliveryAdvice(
            by_default, "The resident prefers a phone call: call first, then send this letter."
        )
    if preference == Preference.TEXT:
        return DeliveryAdvice(
            by_default,
            "The resident prefers a text message: text them first, then send this letter.",
        )
    if _phone_not_letters(resident):
        return DeliveryAdvice(
            by_default,
            "The resident has asked for phone calls instead of letters (an agreed "
            "adjustment): call first, then send this letter.",
        )
    return DeliveryAdvice(by_default)


def _phone_not_letters(resident: Resident | None) -> bool:
    """Code 5.10: an agreed, current adjustment of phone calls instead of letters."""
    return (
        resident is not None
        and ReasonableAdjustment.objects.filter(
            resident=resident,
            kind=ReasonableAdjustment.Kind.PHONE_NOT_LETTERS,
            ended_on__isnull=True,
        ).exists()
    )
