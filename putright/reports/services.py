"""What staff write into the reports (the reports themselves only read the record).

One function per command (style.md: ``<entity>_<verb>``), each with the acting user:

- ``narrative_save``: the annual report's written sections and the governing body's
  response, published alongside it (Code 8.1, 8.2);
- ``tsm_inputs_save``: TP09 from the landlord's perception survey and the sector medians
  (the Regulator's Tenant Satisfaction Measures), which the record cannot count;
- ``perception_save``: one tenant perception measure (TP01 to TP12) for a year: the answers
  to the survey's question, last year's figure and the sector quartiles; with no answers
  at all, it removes the measure for that year.
- ``report_breakdowns_save``: which breakdowns each section of the year's annual report
  carries (issue 13);
- ``equality_options_save``: the smallest count of equality data published (the landlord's
  setting, for its administrators) and whether a year's report counts complaints or people.
- ``annual_report_publish``: publish the year's annual report once the governing body has
  responded to it (Code 8.2), frozen as JSON, HTML and PDF; ``publication_record`` is the
  one writer of a ``Publication``, which the self-assessment's publishing uses too.

Each checks that the person keeps the reports at this landlord (``REPORT_EDITORS``: the
complaints officers and administrators; viewers only read), checks the values, saves them
and appends a ``ReportChange`` naming the fields that changed, in one transaction. It
raises ``RuleError`` with a message per field when a value is not allowed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import REPORT_EDITORS, require_role
from putright.reports.annual_breakdowns import chosen_keys, in_order, offered
from putright.reports.exports import Export, annual_export
from putright.reports.models import (
    EQUALITY_THRESHOLD_HIGHEST,
    EQUALITY_THRESHOLD_LOWEST,
    BreakdownChoice,
    CountingUnit,
    EqualitySetting,
    EqualityYear,
    PerceptionResult,
    Publication,
    PublicationFile,
    PublicationKind,
    ReportChange,
    ReportNarrative,
    TsmYear,
)
from putright.rules.lifecycle import RuleError
from putright.rules.perception import (
    PERCEPTION_MEASURES,
    Answer,
    QuartileBand,
    answer_problems,
    quartile_band,
    quartile_problems,
    satisfied_pct,
)

REFUSAL = "Only complaints officers and administrators can change the reports."
THRESHOLD_REFUSAL = (
    "Only administrators can change the smallest count of equality data published. "
    "Ask one of your administrators."
)


def _by(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _save_changes(
    record: ReportNarrative | TsmYear | PerceptionResult,
    values: dict[str, Any],
    part: str,
    by: User | None,
) -> list[str]:
    """Set ``values`` on ``record``, check it against the model's own rules, save it and
    append the change: the names of the fields that changed (none: nothing is written)."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name, value in values.items():
        setattr(record, name, value)
    try:
        record.full_clean(
            exclude=["landlord", "year", "measure", "updated_by"], validate_unique=False
        )
    except ValidationError as error:
        raise RuleError(
            {field: " ".join(messages) for field, messages in error.message_dict.items()}
        ) from None
    if not changed:
        return []
    record.updated_by = _by(by)
    record.save()
    prefix = f"{record.measure}." if isinstance(record, PerceptionResult) else ""
    ReportChange.objects.create(
        landlord=record.landlord,
        year=record.year,
        part=part,
        fields=[prefix + name for name in changed],
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


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@transaction.atomic
def perception_save(
    *,
    landlord: Landlord,
    year: int,
    measure: str,
    by: User | None,
    answers: dict[str, int | None],
    previous_pct: Decimal | None = None,
    lower_quartile: Decimal | None = None,
    median: Decimal | None = None,
    upper_quartile: Decimal | None = None,
    quartile_band_entered: str = "",
) -> PerceptionResult | None:
    """Tenant Satisfaction Measures TP01 to TP12: save how many tenants gave each answer to
    one perception question in the year's survey (``answers``, keyed by
    ``rules.perception.Answer``; "not applicable" only where the question allows it), last
    year's figure where last year's answers are not in Putright, and the sector quartiles.

    The quartile band is worked out from the quartiles when all three are given (and an
    entered band that says otherwise is refused); without them the landlord may enter the
    band its benchmarking club gave. With every answer left empty the measure is removed
    for the year (None is returned), and that removal is recorded like any change."""
    require_role(by, landlord, REPORT_EDITORS, REFUSAL)
    definition = PERCEPTION_MEASURES.get(measure)
    if definition is None:
        raise RuleError({"measure": f"There is no tenant perception measure called {measure!r}"})
    existing = (
        PerceptionResult.objects.select_for_update()
        .filter(landlord=landlord, year=year, measure=measure)
        .first()
    )
    if all(v is None for v in answers.values()):
        if existing is not None:
            existing.delete()
            ReportChange.objects.create(
                landlord=landlord,
                year=year,
                part=ReportChange.Part.PERCEPTION,
                fields=[f"{measure}.removed"],
                changed_by=_by(by),
            )
        return None
    problems = answer_problems(definition, answers)
    problems.update(
        quartile_problems(_float(lower_quartile), _float(median), _float(upper_quartile))
    )
    counts = {a.value: answers.get(a) or 0 for a in Answer}
    if quartile_band_entered and quartile_band_entered not in QuartileBand.values():
        problems["quartile_band"] = "Choose the quartile band from the list"
    elif (
        quartile_band_entered
        and not problems
        and lower_quartile is not None
        and median is not None
        and upper_quartile is not None
    ):
        ours = satisfied_pct(counts)
        if ours is not None:
            band = quartile_band(ours, float(lower_quartile), float(median), float(upper_quartile))
            if band != quartile_band_entered:
                problems["quartile_band"] = (
                    f"{measure} is {ours:g}%, which is in the band '{band.label.lower()}' by the "
                    f"quartiles entered, not '{QuartileBand(quartile_band_entered).label.lower()}':"
                    " leave the band empty and it is worked out from the quartiles"
                )
    if problems:
        raise RuleError(problems)
    record = existing or PerceptionResult(landlord=landlord, year=year, measure=measure)
    _save_changes(
        record,
        {
            **counts,
            "previous_pct": previous_pct,
            "lower_quartile": lower_quartile,
            "median": median,
            "upper_quartile": upper_quartile,
            "quartile_band": quartile_band_entered,
        },
        ReportChange.Part.PERCEPTION,
        by,
    )
    return record


@transaction.atomic
def report_breakdowns_save(
    *, landlord: Landlord, year: int, by: User | None, breakdowns: list[str]
) -> BreakdownChoice:
    """Issue 13: choose the breakdowns the year's annual report carries, each a key
    ``"<kind>.<stage>.<dimension>"`` from ``annual_breakdowns.offered`` (none: the report
    carries none). The choice is kept in the report's order; the change is logged with
    the breakdowns added and removed (``"added received.1.theme"``), against the defaults
    when the landlord had not chosen before."""
    require_role(by, landlord, REPORT_EDITORS, REFUSAL)
    on_offer = {c.key for c in offered(landlord)}
    unknown = [key for key in dict.fromkeys(breakdowns) if key not in on_offer]
    if unknown:
        raise RuleError(
            {
                "breakdowns": f"The report cannot carry {', '.join(unknown)}: choose the "
                "breakdowns from the list"
            }
        )
    keys = [c.key for c in in_order(landlord, breakdowns)]
    before = chosen_keys(landlord, year)
    choice = BreakdownChoice.objects.select_for_update().filter(
        landlord=landlord, year=year
    ).first() or BreakdownChoice(landlord=landlord, year=year)
    changed = [f"added {k}" for k in keys if k not in before]
    changed += [f"removed {k}" for k in before if k not in keys]
    if choice.pk is not None and not changed:
        return choice
    choice.breakdowns = keys
    choice.updated_by = _by(by)
    choice.save()
    if changed:
        ReportChange.objects.create(
            landlord=landlord,
            year=year,
            part=ReportChange.Part.BREAKDOWNS,
            fields=changed,
            changed_by=_by(by),
        )
    return choice


@transaction.atomic
def equality_options_save(
    *, landlord: Landlord, year: int, by: User | None, threshold: int, counting: str
) -> tuple[EqualitySetting, EqualityYear]:
    """The equality data in the annual report (held apart, published only counted together):
    ``threshold``, the smallest count published, for every report of the landlord (any
    count below it is hidden so that nobody can be picked out; only administrators change
    it, from 3 to 20), and ``counting``, whether the year's report counts complaints or the
    people who made them (a resident who complained twice counts once). The change is
    appended to the reports' history of changes."""
    require_role(by, landlord, REPORT_EDITORS, REFUSAL)
    setting = EqualitySetting.objects.select_for_update().filter(
        landlord=landlord
    ).first() or EqualitySetting(landlord=landlord)
    chosen = EqualityYear.objects.select_for_update().filter(
        landlord=landlord, year=year
    ).first() or EqualityYear(landlord=landlord, year=year)
    problems: dict[str, str] = {}
    if not EQUALITY_THRESHOLD_LOWEST <= threshold <= EQUALITY_THRESHOLD_HIGHEST:
        problems["threshold"] = (
            f"The smallest count published must be a whole number from "
            f"{EQUALITY_THRESHOLD_LOWEST} to {EQUALITY_THRESHOLD_HIGHEST}"
        )
    if counting not in CountingUnit.values:
        problems["counting"] = "Choose whether the report counts complaints or people"
    if problems:
        raise RuleError(problems)
    changed = []
    if threshold != setting.threshold:
        require_role(by, landlord, frozenset({Role.ADMINISTRATOR}), THRESHOLD_REFUSAL)
        setting.threshold = threshold
        setting.updated_by = _by(by)
        setting.save()
        changed.append("threshold")
    if counting != chosen.counting:
        chosen.counting = counting
        chosen.updated_by = _by(by)
        chosen.save()
        changed.append("counting")
    if changed:
        ReportChange.objects.create(
            landlord=landlord,
            year=year,
            part=ReportChange.Part.EQUALITY,
            fields=changed,
            changed_by=_by(by),
        )
    return setting, chosen


#: The formats of the annual report frozen when it is published (Code 8.2).
PUBLISHED_ANNUAL_FORMATS = ("html", "pdf", "json")
PUBLISH_REFUSAL = (
    "Only complaints officers and administrators can publish the annual report and the "
    "self-assessment."
)


def publication_record(
    *,
    landlord: Landlord,
    year: int,
    kind: PublicationKind,
    approved_on: dt.date,
    approved_by: str,
    files: Sequence[Export],
    correction: str = "",
    by: User | None,
) -> Publication:
    """Code 8.2: freeze ``files`` as the next version of the year's ``kind``, each stored with
    its SHA-256, and append the change; the version before, if any, is superseded by it. A
    correction says what it corrects. Called inside the publishing service's transaction,
    after its own checks of who publishes and what was approved."""
    require_role(by, landlord, REPORT_EDITORS, PUBLISH_REFUSAL)
    # One publisher at a time per landlord, so two versions never get the same number.
    Landlord.objects.select_for_update().filter(pk=landlord.pk).first()
    latest = (
        Publication.objects.filter(landlord=landlord, year=year, kind=kind)
        .order_by("-version")
        .first()
    )
    correction = correction.strip()
    if latest is not None and not correction:
        raise RuleError(
            {
                "correction": f"Version {latest.version} of the {kind.label.lower()} for "
                f"{latest.year_label} is published already: say what this version corrects"
            }
        )
    if latest is None and correction:
        correction = ""
    publication = Publication.objects.create(
        landlord=landlord,
        year=year,
        kind=kind,
        version=(latest.version + 1) if latest else 1,
        approved_on=approved_on,
        approved_by=approved_by,
        correction=correction,
        published_at=timezone.now(),
        published_by=_by(by),
    )
    saved: list[PublicationFile] = []
    try:
        for export in files:
            fmt = export.filename.rsplit(".", 1)[-1]
            stored = PublicationFile(
                publication=publication,
                format=fmt,
                content_type=export.content_type,
                sha256=hashlib.sha256(export.content).hexdigest(),
                size=len(export.content),
            )
            stored.file.save(fmt, ContentFile(export.content), save=False)
            saved.append(stored)
            stored.save()
        ReportChange.objects.create(
            landlord=landlord,
            year=year,
            part=ReportChange.Part.PUBLICATION,
            fields=[f"{kind.value} version {publication.version}"],
            changed_by=_by(by),
        )
    except BaseException:
        # The rows roll back with the transaction; the files stored so far would stay in
        # storage with nothing pointing at them, so they go too.
        for stored in saved:
            stored.file.delete(save=False)
        raise
    return publication


@transaction.atomic
def annual_report_publish(
    *, landlord: Landlord, year: int, correction: str = "", by: User | None
) -> Publication:
    """Code 8.2: publish the year's annual report, with the governing body's response
    alongside it, as it stands now: its JSON, HTML and PDF are frozen and served on the
    landlord's public pages. The governing body's response and its date must be recorded
    first (the written sections page): that is the approval published with it."""
    require_role(by, landlord, REPORT_EDITORS, PUBLISH_REFUSAL)
    narrative = ReportNarrative.objects.filter(landlord=landlord, year=year).first()
    problems: dict[str, str] = {}
    if narrative is None or not narrative.governing_body.strip():
        problems["governing_body"] = (
            "Enter the governing body's name on the written sections page before publishing"
        )
    if narrative is None or not narrative.governing_body_response.strip():
        problems["governing_body_response"] = (
            "Enter the governing body's response on the written sections page before "
            "publishing: Code 8.2 has it published alongside the report"
        )
    if narrative is None or narrative.governing_body_response_on is None:
        problems["governing_body_response_on"] = (
            "Enter the date of the governing body's response on the written sections page "
            "before publishing"
        )
    if problems or narrative is None or narrative.governing_body_response_on is None:
        raise RuleError(problems)
    on = today()
    return publication_record(
        landlord=landlord,
        year=year,
        kind=PublicationKind.ANNUAL_REPORT,
        approved_on=narrative.governing_body_response_on,
        approved_by=narrative.governing_body.strip(),
        files=[annual_export(landlord, year, fmt, on=on) for fmt in PUBLISHED_ANNUAL_FORMATS],
        correction=correction,
        by=by,
    )
