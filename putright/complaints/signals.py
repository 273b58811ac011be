"""What the complaints app tells the rest of Putright, without knowing who listens.

The services write a timeline entry for every change; other apps (the API's webhooks)
react to it here, inside the same transaction, so that the complaints app depends on
none of them."""

from django.dispatch import Signal

#: Sent by every service after it writes a timeline entry, inside its transaction, with
#: ``complaint`` (the record as the service holds it) and ``kind`` (the entry's kind).
timeline_written = Signal()
