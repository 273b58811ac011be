"""What the complaints app tells the rest of Putright, without knowing who listens.

The timeline's one writer (``putright.complaints.timeline``) sends these for every entry
it writes, whatever wrote it; other apps (the API's webhooks) react to them here, inside
the same transaction, so that the complaints app depends on none of them."""

from django.dispatch import Signal

#: Sent for every single entry, after it is written, inside the writer's transaction, with
#: ``complaint`` (the record as the writer holds it, saved) and ``kind`` (the entry's kind).
timeline_written = Signal()

#: Sent once for a batch of entries of one kind (the register import sends one per chunk
#: of rows), after they are written, inside the writer's transaction, with ``landlord``,
#: ``kind`` and ``complaint_ids`` (each complaint the batch wrote on, once).
timeline_written_many = Signal()

#: Sent for each complaint whose personal data the retention policy removes, inside the
#: retention service's transaction, with ``complaint`` (already redacted) and ``on`` (the
#: day). The apps above remove what they hold about it: letters, Ombudsman casework,
#: residents' portal access and feedback (``putright.complaints.services.retention``).
complaint_anonymised = Signal()

#: Sent once at the end of a retention run for a landlord, inside its transaction, with
#: ``landlord``, ``on`` (the day) and ``before`` (records made before this day are past the
#: period). The apps above remove the personal data of their own records that are not a
#: complaint's: compliments (``putright.compliments.retention``).
retention_applied = Signal()
