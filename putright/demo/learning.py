"""The demo landlord's learning from complaints (Code 9.3, 9.7) and its suggestion model,
made last, through ``putright.learning``.

- Learning records at each status, from a complaint, from an Ombudsman case and from a
  theme review: the improvements register.
- The suggestion model, trained on the year's records, so logging a contact shows
  suggestions with their measured accuracy from the start.

The year itself carries the themed history the trend signal reads: damp and mould doubles
every winter, and complaints about one contractor's kitchen upgrades rise over the last
three months (``putright.demo.complaints.case_new``).
"""

from __future__ import annotations

from django.contrib.auth.models import User

from putright.complaints.models import Complaint
from putright.demo.casework import Days
from putright.demo.context import Demo
from putright.landlords.models import Landlord
from putright.learning import services as learning_services
from putright.learning.models import LearningStatus
from putright.learning.suggestions import train
from putright.ombudsman.models import OmbudsmanCase
from putright.rules.codes import Kind


def learning_add(demo: Demo, cases: dict[str, OmbudsmanCase], *, workmanship_theme: str) -> None:
    """The improvements register, then the suggestion model trained on every record."""
    days = Days(demo.calendar, demo.today)
    _add_learning(demo.landlord, demo.officer, days, cases, workmanship_theme)
    train(demo.landlord)


def _add_learning(
    landlord: Landlord,
    officer: User,
    days: Days,
    cases: dict[str, OmbudsmanCase],
    workmanship_theme: str,
) -> None:
    """The improvements register: learning at each status, from a complaint, an Ombudsman
    case and a theme review (Code 9.3, 9.7)."""
    severe = cases.get("severe")
    if severe is not None:
        # After the determination and the apology (22 and 16 working days ago), so the
        # complaint's timeline stays in date order.
        recorded = days.back(14)
        learning_services.learning_record_add(
            landlord=landlord,
            complaint=severe.complaint,
            what_went_wrong="Reports of mould were logged as routine repairs and waited "
            "months for an inspection, although a child in the home has asthma.",
            learning="A report of damp or mould needs a surveyor's visit, and the "
            "household's health must be asked about when it is first reported.",
            improvement="Damp and mould reports triaged within one working day and "
            "inspected within ten (Awaab's Law)",
            owner="Head of Repairs",
            due_on=days.ahead(recorded, 40),
            status=LearningStatus.IN_PROGRESS,
            recorded_on=recorded,
            by=officer,
        )
        learning_services.learning_record_add(
            landlord=landlord,
            ombudsman_case=severe,
            what_went_wrong="The compensation we offered was well below the Ombudsman's "
            "guidance for the impact on the household.",
            learning="Handlers had no guide to amounts, so offers varied widely.",
            improvement="Compensation policy rewritten to follow the Ombudsman's remedies "
            "guidance bands",
            owner="Complaints manager",
            status=LearningStatus.DONE,
            done_on=days.back(5),
            recorded_on=days.back(12),
            by=officer,
        )
    kitchens = (
        Complaint.objects.filter(
            landlord=landlord,
            kind=Kind.COMPLAINT,
            theme__name=workmanship_theme,
            contractor__isnull=False,
        )
        .order_by("-received_on", "-id")
        .first()
    )
    if kitchens is not None:
        learning_services.learning_record_add(
            landlord=landlord,
            complaint=kitchens,
            what_went_wrong="Kitchen upgrades were signed off without an inspection and "
            "left unfinished.",
            learning="The contractor's own sign-off is not enough for a kitchen upgrade.",
            improvement="Every kitchen upgrade inspected by our surveyor before the "
            "contractor is paid",
            owner="Contracts manager",
            due_on=days.ahead(days.today, 30),
            by=officer,
        )
    learning_services.learning_record_add(
        landlord=landlord,
        what_went_wrong="A quarter of communication complaints were about call-backs "
        "promised and not made.",
        learning="Nobody owned a promised call-back once the call ended.",
        improvement="Call-backs logged with a named officer and a time, and checked daily",
        owner="Customer services manager",
        status=LearningStatus.DONE,
        done_on=days.back(60),
        recorded_on=days.back(90),
        by=officer,
    )
