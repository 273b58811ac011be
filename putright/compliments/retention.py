"""Compliments under the retention policy (domain.md §11; docs/security.md, "Retention"): a
compliment is done with on the day it is received, so once the landlord's retention period
has passed since then its personal data goes: the giver's name and email and the words
they wrote, and its link to the resident. What is counted stays (the date, the channel,
the service and the staff member named: the annual report counts compliments by them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import receiver

from putright.complaints.signals import retention_applied
from putright.compliments.models import Compliment
from putright.landlords.models import Landlord
from putright.rules.retention import REMOVED


@receiver(retention_applied, dispatch_uid="compliments_retention")
def compliments_anonymise(
    sender: Any, *, landlord: Landlord, before: dt.date, **kwargs: Any
) -> int:
    """Remove the personal data of ``landlord``'s compliments received before ``before``;
    how many were changed. A second run changes none."""
    return (
        Compliment.objects.filter(landlord=landlord, received_on__lt=before)
        .exclude(words=REMOVED, giver_name="", giver_email="", resident__isnull=True)
        .update(words=REMOVED, giver_name="", giver_email="", resident=None)
    )
