"""What the staff workspace records about itself: which reminder digests went out. (Who
read which case file, the access log, is ``putright.web.models.CaseRead``: the API writes it
too.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.landlords.models import Landlord


class ReminderDigest(models.Model):
    """A reminder digest emailed to a handler (``putright remind``): one per person,
    landlord and day, so running the command twice in a day sends nothing twice."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    cases = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "user", "sent_on"], name="one_reminder_digest_a_day"
            )
        ]
        ordering = ["-sent_on", "user_id"]

    def __str__(self) -> str:
        return f"Reminder to {self.user} on {self.sent_on}"
