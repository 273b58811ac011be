"""A compliment: thanks from a resident (or anyone) for a service or a member of staff.
It is not a complaint (domain.md): no stages, no timescales, no timeline. It is counted in
the annual report and the quarterly update (counting-rules.md, "Compliments")."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.landlords.models import Landlord, ServiceArea
from putright.residents.models import Resident
from putright.rules.codes import Channel


class Compliment(models.Model):
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="compliments")
    received_on = models.DateField()
    # None: the person did not say (the portal lets a resident say "I'm not sure").
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    # As the person named them ("Dee, the plumber"): they may not be on Putright at all.
    staff_named = models.CharField(max_length=200, blank=True, default="", db_default="")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="compliments"
    )
    # Someone not on record who gave their name; blank with no resident is anonymous.
    giver_name = models.CharField(max_length=200, blank=True, default="", db_default="")
    # Only to thank them back; never published.
    giver_email = models.EmailField(blank=True, default="", db_default="")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    words = models.TextField()
    # None: sent by the resident through the portal.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["landlord", "received_on"], name="compliment_received")]

    def __str__(self) -> str:
        return f"Compliment of {self.received_on:%-d %B %Y}"

    @property
    def given_by(self) -> str:
        """Who gave it, as staff see it: the resident, the name given, or "Anonymous"."""
        if self.resident_id is not None and self.resident is not None:
            return self.resident.name
        return self.giver_name or "Anonymous"
