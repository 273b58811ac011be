"""Publishing the annual report and the self-assessment (Code 8.2).

Code 8.2: the annual complaints performance and service improvement report is reported to
the governing body and published on the complaints pages of the landlord's website, with
the governing body's response alongside it. The Code sets no number of days; Putright
counts a report as published on time when it is published no earlier than the governing
body's approval and within ``PUBLICATION_WORKING_DAYS`` working days of it.
"""

from __future__ import annotations

import datetime as dt

from putright.rules.calendar import WorkingCalendar

#: Working days after the governing body's approval by which Putright expects publication.
PUBLICATION_WORKING_DAYS = 10


def publication_due(calendar: WorkingCalendar, approved_on: dt.date) -> dt.date:
    """Code 8.2: publish within 10 working days of the governing body's approval (Putright's
    measure; the Code says "publish" without a number of days)."""
    return calendar.add_working_days(approved_on, PUBLICATION_WORKING_DAYS)


def published_on_time(
    calendar: WorkingCalendar, approved_on: dt.date, published_on: dt.date | None
) -> bool:
    """Code 8.2: published on or after the approval and by ``publication_due``."""
    if published_on is None:
        return False
    return approved_on <= published_on <= publication_due(calendar, approved_on)
