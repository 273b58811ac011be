"""What the apps above the complaints app add to a subject access, each registering its
part when it starts (its ``AppConfig.ready()``), as the reports' sections are filled::

    from putright.complaints.subject_access.parts import Part, register

    def letters_part(resident, complaints):
        return Part(per_complaint={c.pk: [Listing(...)] for c in complaints}, files=[...])

    register("letters", letters_part)

Every slot in ``SLOTS`` must have its part: ``parts_of`` refuses to go on without one, since
a subject access that silently left out the letters would be worse than none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from putright.complaints.subject_access.document import Listing

if TYPE_CHECKING:
    from putright.complaints.models import Complaint
    from putright.residents.models import Resident


@dataclass
class Part:
    """One app's share: listings under each complaint (by its id), listings about the
    resident as a whole, and files for the zip (path, content, what it is)."""

    per_complaint: dict[int, list[Listing]] = field(default_factory=dict)
    listings: list[Listing] = field(default_factory=list)
    files: list[tuple[str, bytes, str]] = field(default_factory=list)


Provider = Callable[["Resident", Sequence["Complaint"]], Part]

#: The parts a subject access holds, in the order they appear, and the app that fills each.
SLOTS: dict[str, str] = {
    "letters": "putright.letters",
    "ombudsman": "putright.ombudsman",
    "portal": "putright.portal",
    "compliments": "putright.compliments",
    "access_log": "putright.web",
}

_providers: dict[str, Provider] = {}


def register(slot: str, provider: Provider) -> None:
    """Fill ``slot`` (one of ``SLOTS``) with ``provider``; a second registration replaces
    the first."""
    if slot not in SLOTS:
        raise ImproperlyConfigured(f"{slot!r} is not a part of a subject access: see SLOTS.")
    _providers[slot] = provider


def parts_of(resident: Resident, complaints: Sequence[Complaint]) -> list[Part]:
    """Every app's part for ``resident`` and their ``complaints``, in ``SLOTS`` order."""
    missing = [f"{slot} ({app})" for slot, app in SLOTS.items() if slot not in _providers]
    if missing:
        raise ImproperlyConfigured(
            "A subject access needs every part, and these apps have not registered theirs: "
            + ", ".join(missing)
        )
    return [_providers[slot](resident, complaints) for slot in SLOTS]
