"""Reads of a resident's record that the apps above share."""

from __future__ import annotations

from dataclasses import dataclass

from putright.residents.models import FORMAT_KINDS, ReasonableAdjustment


@dataclass(frozen=True, slots=True)
class FormatNeed:
    """An accessible format or language the resident needs (Code 5.10): the kind of
    adjustment, its label, and its details (the language, for one)."""

    kind: str
    label: str
    details: str

    @property
    def words(self) -> str:
        """ "A language other than English: Polish", or the label alone."""
        return f"{self.label}: {self.details}" if self.details else self.label


def format_needs(resident_id: int | None) -> list[FormatNeed]:
    """The accessible formats and languages agreed with the resident and not ended, one
    per kind (the first agreed, where a kind was agreed twice), in the order of
    ``FORMAT_KINDS``. Empty for no resident."""
    if resident_id is None:
        return []
    found: dict[str, FormatNeed] = {}
    for adjustment in ReasonableAdjustment.objects.filter(
        resident_id=resident_id, kind__in=FORMAT_KINDS, ended_on__isnull=True
    ).order_by("agreed_on", "id"):
        found.setdefault(
            adjustment.kind,
            FormatNeed(adjustment.kind, adjustment.get_kind_display(), adjustment.details),
        )
    return [found[kind] for kind in FORMAT_KINDS if kind in found]
