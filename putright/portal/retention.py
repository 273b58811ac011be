"""The resident portal under the retention policy (domain.md §11): when a complaint's
personal data is removed (``putright.complaints.signals.complaint_anonymised``), its
private links and one-time codes (each held with an email address) are deleted, so nobody
follows it any more, and the words of the residents' feedback on it are removed. The
feedback's scores stay: the annual report counts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import receiver

from putright.complaints.models import Complaint
from putright.complaints.signals import complaint_anonymised
from putright.portal.models import Feedback, OneTimeCode, PortalAccess
from putright.rules.retention import REMOVED


@receiver(complaint_anonymised, dispatch_uid="portal_retention")
def portal_anonymise(sender: Any, *, complaint: Complaint, on: dt.date, **kwargs: Any) -> None:
    """Delete ``complaint``'s portal links and codes; remove its feedback's words."""
    PortalAccess.objects.filter(complaint=complaint).delete()
    OneTimeCode.objects.filter(complaint=complaint).delete()
    Feedback.objects.filter(complaint=complaint).exclude(comments="").update(comments=REMOVED)
