"""One function per command on compliments (style.md: ``<entity>_<verb>``).

A compliment is recorded by the landlord's own staff (the staff pages and the API, as the
key's user) or sent by a resident from the portal (``by`` None). It is not a complaint, so
it writes no timeline entry: the record itself says who recorded it and when.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from putright.compliments.models import Compliment
from putright.landlords.models import Landlord, ServiceArea, today
from putright.landlords.permissions import require_own_staff
from putright.residents.models import Resident
from putright.rules.codes import Channel
from putright.rules.compliments import compliment_problems
from putright.rules.lifecycle import RuleError

REFUSAL = "Compliments are recorded by the landlord's own staff, not a contractor's."


@transaction.atomic
def compliment_record(
    *,
    landlord: Landlord,
    words: str,
    channel: str,
    by: User | None,
    received_on: dt.date | None = None,
    service_area: ServiceArea | None = None,
    staff_named: str = "",
    resident: Resident | None = None,
    giver_name: str = "",
    giver_email: str = "",
) -> Compliment:
    """Record a compliment for ``landlord`` (issue 17, item 4), received today unless
    ``received_on`` says. ``by`` is the member of staff recording it, or None for the
    portal. Refuses (RuleError, a message per field) a compliment with no words, a date to
    come, an unknown channel, or another landlord's service area or resident."""
    require_own_staff(by, landlord, REFUSAL)
    received_on = received_on or today()
    staff_named, giver_name, giver_email = (
        " ".join(staff_named.split()),
        " ".join(giver_name.split()),
        giver_email.strip(),
    )
    problems = compliment_problems(
        words=words,
        received_on=received_on,
        today=today(),
        staff_named=staff_named,
        giver_name=giver_name,
    )
    if channel not in Channel.values():
        problems["channel"] = (
            f"'{channel}' is not a channel; use one of: {', '.join(Channel.values())}."
        )
    if service_area is not None and service_area.landlord_id != landlord.pk:
        problems["service_area"] = "Choose one of the landlord's own service areas."
    if resident is not None and resident.landlord_id != landlord.pk:
        problems["resident"] = "The resident is not one of this landlord's residents."
    if giver_email:
        try:
            validate_email(giver_email)
        except ValidationError:
            problems["giver_email"] = (
                "Enter an email address in the correct format, like name@example.com."
            )
    if problems:
        raise RuleError(problems)
    return Compliment.objects.create(
        landlord=landlord,
        received_on=received_on,
        service_area=service_area,
        staff_named=staff_named,
        resident=resident,
        giver_name=giver_name,
        giver_email=giver_email,
        channel=channel,
        words=words.strip(),
        recorded_by=by,
    )
