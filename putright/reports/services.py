"""What staff write into the reports (the reports themselves only read the record).

One function per command (style.md: ``<entity>_<verb>``), each with the acting user:

- ``narrative_save``: the annual report's written sections and the governing body's
  response, published alongside it (Code 8.1, 8.2);
- ``tsm_inputs_save``: TP09 from the landlord's perception survey and the sector medians
  (the Regulator's Tenant Satisfaction Measures), which the record cannot count.

Each checks that the person keeps the reports at this landlord (``REPORT_EDITORS``: the
complaints officers and administrators; viewers only read), checks the values, saves them
and appends a ``ReportChange`` naming the fields that changed, in one transaction. It
raises ``RuleError`` with a message per field when a value is not allowed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from putright.landlords.models import Landlord, today
from putright.landlords.permissions import REPORT_EDITORS, require_role
from putright.reports.models import ReportChange, ReportNarrative, TsmYear
from putright.rules.lifecycle import RuleError

REFUSAL = "Only complaints officers and administrators can change the reports."


def _by(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _save_changes(
    record: ReportNarrative | TsmYear, values: dict[str, Any], part: str, by: User | None
) -> list[str]:
    """Set ``values`` on ``record``, check it against the model's own rules, save it and
    append the change: the names of the fields that changed (none: nothing is written)."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name, value in values.items():
        setattr(record, name, value)
    try:
        record.full_clean(exclude=["landlord", "year", "updated_by"], validate_unique=False)
    except ValidationError as error:
        raise RuleError(
            {field: " ".join(messages) for field, messages in error.message_dict.items()}
        ) from None
    if not changed:
        return []
    record.updated_by = _by(by)
    record.save()
    ReportChange.objects.create(
        landlord=record.landlord,
        year=record.year,
        part=part,
        fields=changed,
        changed_by=_by(by),
    )
    return changed


@transaction.atomic
def narrative_save(
    *,
    landlord: Landlord,
    year: int,
    by: User | None,
    introduction: str = "",
    learning: str = "",
    plans: str = "",
    governing_body: str = "",
    governing_body_response: str = "",
    governing_body_response_on: dt.date | None = None,
) -> ReportNarrative:
    """Code 8.1, 8.2: save the written sections of the year's annual complaints performance
    and service improvement report, and the governing body's response published alongside
    it. A response date needs the response, and cannot be in the future."""
    require_role(by, landlord, REPORT_EDITORS, REFUSAL)
    problems: dict[str, str] = {}
    if governing_body_response_on is not None:
        if governing_body_response_on > today():
            problems["governing_body_response_on"] = (
                "The date of the governing body's response must be today or in the past"
            )
        if not governing_body_response.strip():
            problems["governing_body_response"] = (
                "Enter the governing body's response, or remove the date of it"
            )
    if problems:
        raise RuleError(problems)
    narrative = ReportNarrative.objects.select_for_update().filter(
        landlord=landlord, year=year
    ).first() or ReportNarrative(landlord=landlord, year=year)
    _save_changes(
        narrative,
        {
            "introduction": introduction.strip(),
            "learning": learning.strip(),
            "plans": plans.strip(),
            "governing_body": governing_body.strip(),
            "governing_body_response": governing_body_response.strip(),
            "governing_body_response_on": governing_body_response_on,
        },
        ReportChange.Part.NARRATIVE,
        by,
    )
    return narrative


@transaction.atomic
def tsm_inputs_save(
    *,
    landlord: Landlord,
    year: int,
    by: User | None,
    tp09_pct: Decimal | None = None,
    tp09_respondents: int | None = None,
    survey_note: str = "",
    median_source: str = "",
    median_ch01_stage1: Decimal | None = None,
    median_ch01_stage2: Decimal | None = None,
    median_ch02_stage1: Decimal | None = None,
    median_ch02_stage2: Decimal | None = None,
    median_tp09: Decimal | None = None,
) -> TsmYear:
    """Tenant Satisfaction Measures: save TP09 (the percentage of tenants satisfied with
    the approach to complaints handling, from the landlord's perception survey) and the
    sector medians that CH01, CH02 and TP09 are compared against. Percentages are 0 to
    100; rates per 1,000 homes are 0 or more."""
    require_role(by, landlord, REPORT_EDITORS, REFUSAL)
    entered = TsmYear.objects.select_for_update().filter(
        landlord=landlord, year=year
    ).first() or TsmYear(landlord=landlord, year=year)
    _save_changes(
        entered,
        {
            "tp09_pct": tp09_pct,
            "tp09_respondents": tp09_respondents,
            "survey_note": survey_note.strip(),
            "median_source": median_source.strip(),
            "median_ch01_stage1": median_ch01_stage1,
            "median_ch01_stage2": median_ch01_stage2,
            "median_ch02_stage1": median_ch02_stage1,
            "median_ch02_stage2": median_ch02_stage2,
            "median_tp09": median_tp09,
        },
        ReportChange.Part.TSM,
        by,
    )
    return entered
