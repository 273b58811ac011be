"""The portal's emails, sent after the transaction that caused them has committed: the
confirmation with the private link, the one-time code, and the receipt of a stage 2 request.
Plain text, plain English, from the service's address under the landlord's name, with
replies to the landlord: a resident of two landlords of one installation can tell whose
email it is."""

from __future__ import annotations

import logging
import uuid

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from putright.complaints import services as complaint_services
from putright.landlords.models import Landlord
from putright.portal.models import OneTimeCode, Person, PortalAccess
from putright.rules.timescales import acknowledgement_due
from putright.web.mail import from_address

logger = logging.getLogger(__name__)


def _send(*, to: str, subject: str, template: str, context: dict, landlord: Landlord) -> bool:
    """Send one email for ``landlord``, replies to its own address; False (logged) if the
    mail server refused it. What caused the email stands either way: the caller decides
    who needs to know."""
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=from_address(landlord),
        to=[to],
        reply_to=[landlord.email] if landlord.email else None,
    )
    try:
        message.send()
    except Exception:  # any mail failure (SMTP, DNS, refused address)
        logger.exception("Portal email %s could not be sent", template)
        return False
    return True


def _access(access_id: int) -> PortalAccess:
    return PortalAccess.objects.select_related(
        "complaint__landlord", "complaint__resident", "complaint__representative"
    ).get(pk=access_id)


def _greeting_name(access: PortalAccess) -> str:
    complaint = access.complaint
    if access.person == Person.REPRESENTATIVE and complaint.representative is not None:
        return complaint.representative.name
    return complaint.resident.name if complaint.resident is not None else ""


def send_confirmation(access_id: int, link: str) -> None:
    """Code 3.1 / 5.1: tell the person we have their complaint, its reference, when we will
    next write, and the private link to follow it."""
    access = _access(access_id)
    complaint = access.complaint
    landlord = complaint.landlord
    sent = _send(
        to=access.email,
        subject=_("We have your complaint: %(reference)s") % {"reference": complaint.reference},
        template="portal/email/confirmation.txt",
        context={
            "access": access,
            "complaint": complaint,
            "landlord": landlord,
            "name": _greeting_name(access),
            "link": link,
            "reply_by": acknowledgement_due(landlord.calendar(), complaint.received_on),
            "for_someone_else": access.person == Person.REPRESENTATIVE,
        },
        landlord=landlord,
    )
    if not sent:
        complaint_services.complaint_add_note(
            complaint=complaint,
            text=(
                f"The confirmation email to {access.email} could not be sent. Tell the "
                f"resident their reference, {complaint.reference}, another way."
            ),
            by=None,
        )


def send_code(code_id: uuid.UUID, code: str) -> None:
    """The one-time code, to the address that matched the complaint."""
    otc = OneTimeCode.objects.select_related("landlord").get(pk=code_id)
    _send(
        to=otc.email,
        subject=_("Your code to check your complaint"),
        template="portal/email/code.txt",
        context={
            "code": code,
            "landlord": otc.landlord,
            "expires_at": timezone.localtime(otc.expires_at),
        },
        landlord=otc.landlord,
    )


def send_stage2_received(access_id: int) -> None:
    """Code 6.11: confirm the stage 2 request and when we will write about it."""
    access = _access(access_id)
    complaint = access.complaint
    stage = complaint.stage(2)
    # If this fails the request still stands: staff acknowledge it by letter (Code 6.11).
    _send(
        to=access.email,
        subject=_("We have your request for stage 2: %(reference)s")
        % {"reference": complaint.reference},
        template="portal/email/stage2_received.txt",
        context={
            "complaint": complaint,
            "landlord": complaint.landlord,
            "name": _greeting_name(access),
            "reply_by": stage.acknowledgement_due if stage else None,
        },
        landlord=complaint.landlord,
    )
