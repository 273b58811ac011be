"""One function per command on a resident's record (style.md: ``<entity>_<verb>``).

Who may call them: staff who may change complaints at the resident's landlord
(``permissions.require_can_act``) record a resident when logging what came in; changing a
resident's record is for the landlord's own staff only, not a contractor's handler
(``permissions.require_own_staff``); equality data only the roles allowed to see it. Each
checks its rule and writes in one transaction:

- Code 3.6: a representative is dealt with only once the resident's consent is recorded;
- Code 5.10: disclosed disabilities, vulnerabilities and agreed adjustments are kept under
  active review, each with a review date; support asked for online is recorded as a
  request, and agreed by the landlord's own complaints staff (not a contractor's);
- Code 5.14 - 5.15: a restriction records what, why, the evidence and why it is
  proportionate, and when it will be reviewed;
- equality data is held apart and only reported in aggregate (domain.md §4);
- Code 5.12: a full record, so a home and a resident are recorded once, whichever way they
  came in (staff, the website, the API): postcodes in one form (``rules.postcodes``), and
  each record says who made it and where (``recorded_by``, ``recorded_via``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol, TypeVar

from django.contrib.auth import models as auth_models
from django.core.exceptions import PermissionDenied
from django.db import transaction

from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import (
    OWN_STAFF_ROLES,
    membership,
    require_can_act,
    require_own_staff,
    require_role,
)
from putright.residents.models import (
    AdjustmentRequest,
    DisclosedDisability,
    EqualityData,
    Property,
    ReasonableAdjustment,
    Representative,
    RequestedBy,
    Resident,
    Restriction,
    Via,
    VulnerabilityFlag,
)
from putright.rules.codes import RepresentativeKind, Tenure
from putright.rules.lifecycle import RuleError
from putright.rules.postcodes import normalise_postcode
from putright.rules.retention import removed


class OnComplaint(Protocol):
    """What an adjustment request reads of its complaint (``complaints.models.Complaint``,
    which sits above residents)."""

    @property
    def pk(self) -> int: ...
    @property
    def landlord(self) -> Landlord: ...
    @property
    def resident_id(self) -> int | None: ...
    @property
    def contractor_id(self) -> int | None: ...


class TimelineEntry(Protocol):
    """A timeline entry (``complaints.models.Event``), by its key."""

    @property
    def pk(self) -> int: ...


#: The person acting: Django's own user (``AUTH_USER_MODEL`` is not swapped), the type every
#: model's ``..._by`` field holds.
User = auth_models.User

#: Roles that may see and record equality data, held apart from the case.
EQUALITY_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})

ReviewedKind = DisclosedDisability | ReasonableAdjustment | VulnerabilityFlag | Restriction
#: One of them, the same kind in as out.
_Reviewed = TypeVar("_Reviewed", bound=ReviewedKind)


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise RuleError(problems)


def _by(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _require_keeper(by: User | None, landlord: Landlord) -> None:
    """A resident's record (contact details, home, needs, representatives, restrictions)
    is changed only by the landlord's own staff: a contractor's handler works on the stages
    allocated to it, and notes what it learns on the complaint."""
    require_own_staff(
        by,
        landlord,
        "A contractor's handler cannot change a resident's record. Add a note to the "
        "complaint, and the landlord's complaints team will update the record.",
    )


def _review_date(
    review_due_on: dt.date | None, after: dt.date, field: str = "review_due_on"
) -> dict[str, str]:
    if review_due_on is None:
        return {field: "Enter the date it will be reviewed by."}
    if review_due_on < after:
        return {field: "The review date must be after the date it was recorded."}
    return {}


def _first_line(address: str) -> str:
    """The address's first line, compared ignoring case, spacing and a trailing comma."""
    lines = address.strip().splitlines()
    return " ".join(lines[0].rstrip(" ,.").split()).lower() if lines else ""


def property_find(*, landlord: Landlord, address: str, postcode: str) -> Property | None:
    """The landlord's home at this postcode (however it was typed) whose first address line
    is the same, ignoring case and spacing; None if there is none, or no postcode to go by."""
    first_line, postcode = _first_line(address), normalise_postcode(postcode)
    if not first_line or not postcode:
        return None
    homes = Property.objects.filter(landlord=landlord, postcode=postcode).order_by("id")
    return next((h for h in homes if _first_line(h.address) == first_line), None)


@transaction.atomic
def property_find_or_create(
    *, landlord: Landlord, address: str, postcode: str, by: User | None, uprn: str = ""
) -> Property:
    """Code 5.12: the property, recorded once. The home already recorded at this postcode
    with the same first line (``property_find``), unchanged; or a new one with the address
    as given."""
    require_can_act(by, landlord, None)
    if not address.strip():
        raise RuleError({"address": "Enter the address."})
    home = property_find(landlord=landlord, address=address, postcode=postcode)
    if home is not None:
        return home
    return Property.objects.create(
        landlord=landlord,
        address="\n".join(line.strip() for line in address.splitlines() if line.strip()),
        postcode=normalise_postcode(postcode),
        uprn=uprn.strip(),
    )


def _home(
    landlord: Landlord,
    *,
    address: str,
    postcode: str,
    uprn: str,
    current: Property | None,
    by: User | None,
) -> Property | None:
    """The resident's home: the one they have, updated; else the home already recorded at
    that address, or a new one; None without an address."""
    address = address.strip()
    if not address:
        return current
    if current is not None:
        current.address, current.postcode = address, normalise_postcode(postcode)
        current.uprn = uprn.strip()
        current.save(update_fields=["address", "postcode", "uprn"])
        return current
    return property_find_or_create(
        landlord=landlord, address=address, postcode=postcode, uprn=uprn, by=by
    )


def _check_resident(name: str, tenure: str) -> None:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Enter the resident's full name."
    if tenure not in Tenure.values():
        problems["tenure"] = "Choose the tenure."
    _raise_if(problems)


def _new_resident(
    landlord: Landlord, home: Property | None, by: User | None, via: Via, **details: str
) -> Resident:
    return Resident.objects.create(
        landlord=landlord,
        name=" ".join(details.pop("name").split()),
        contact_preference=details.pop("contact_preference", ""),
        tenure=details.pop("tenure", Tenure.UNKNOWN),
        home=home,
        recorded_by=_by(by),
        recorded_via=via,
        **{field: value.strip() for field, value in details.items()},
    )


@transaction.atomic
def resident_create(
    *,
    landlord: Landlord,
    name: str,
    by: User | None,
    tenure: str = Tenure.UNKNOWN,
    email: str = "",
    phone: str = "",
    contact_preference: str = "",
    preferred_language: str = "",
    tenancy_reference: str = "",
    address: str = "",
    postcode: str = "",
    uprn: str = "",
    via: Via = Via.STAFF,
) -> Resident:
    """Record a resident, with their home and tenure if they are one of the landlord's
    (Code 5.12). A home already recorded at the address is theirs (``property_find``). The
    record says who made it and where (``via``)."""
    require_can_act(by, landlord, None)
    _check_resident(name, tenure)
    home = _home(landlord, address=address, postcode=postcode, uprn=uprn, current=None, by=by)
    return _new_resident(
        landlord,
        home,
        by,
        via,
        name=name,
        email=email,
        phone=phone,
        contact_preference=contact_preference,
        preferred_language=preferred_language,
        tenure=tenure,
        tenancy_reference=tenancy_reference,
    )


@transaction.atomic
def resident_find_or_create(
    *,
    landlord: Landlord,
    name: str,
    email: str,
    address: str,
    postcode: str,
    by: User | None,
    via: Via,
    phone: str = "",
    contact_preference: str = "",
) -> Resident:
    """Code 5.12: the resident, recorded once. Someone who already has a record at this home
    (``property_find``) under the same name and email address is that resident, and their
    record is not changed by details nobody has checked; anyone else is recorded as a new
    resident at that home, for staff to match up. Without an email address nobody is
    matched."""
    require_can_act(by, landlord, None)
    _check_resident(name, Tenure.UNKNOWN)
    home = property_find_or_create(landlord=landlord, address=address, postcode=postcode, by=by)
    name, email = " ".join(name.split()), email.strip().lower()
    if email:
        known = Resident.objects.filter(
            landlord=landlord, home=home, name__iexact=name, email__iexact=email
        )
        if (existing := known.order_by("id").first()) is not None:
            return existing
    return _new_resident(
        landlord,
        home,
        by,
        via,
        name=name,
        email=email,
        phone=phone,
        contact_preference=contact_preference,
    )


@transaction.atomic
def resident_update(
    *,
    resident: Resident,
    by: User | None,
    name: str,
    tenure: str,
    email: str = "",
    phone: str = "",
    contact_preference: str = "",
    preferred_language: str = "",
    tenancy_reference: str = "",
    address: str = "",
    postcode: str = "",
    uprn: str = "",
) -> Resident:
    """Change a resident's contact details, tenancy and home."""
    _require_keeper(by, resident.landlord)
    _check_resident(name, tenure)
    resident.home = _home(
        resident.landlord,
        address=address,
        postcode=postcode,
        uprn=uprn,
        current=resident.home,
        by=by,
    )
    resident.name = name.strip()
    resident.email = email.strip()
    resident.phone = phone.strip()
    resident.contact_preference = contact_preference
    resident.preferred_language = preferred_language.strip()
    resident.tenure = tenure
    resident.tenancy_reference = tenancy_reference.strip()
    resident.save()
    return resident


@transaction.atomic
def disability_record(
    *, resident: Resident, description: str, review_due_on: dt.date | None, by: User | None
) -> DisclosedDisability:
    """A disability the resident told us about (Equality Act 2010), with a review date."""
    _require_keeper(by, resident.landlord)
    problems = _review_date(review_due_on, today())
    if not description.strip():
        problems["description"] = "Enter what the resident told us."
    _raise_if(problems)
    assert review_due_on is not None, "_review_date refuses a missing review date"
    return DisclosedDisability.objects.create(
        resident=resident,
        description=description.strip(),
        review_due_on=review_due_on,
        recorded_by=_by(by),
    )


@transaction.atomic
def vulnerability_record(
    *, resident: Resident, description: str, review_due_on: dt.date | None, by: User | None
) -> VulnerabilityFlag:
    """A vulnerability, so the resident's cases are handled with care, with a review date."""
    _require_keeper(by, resident.landlord)
    problems = _review_date(review_due_on, today())
    if not description.strip():
        problems["description"] = "Enter the vulnerability."
    _raise_if(problems)
    assert review_due_on is not None, "_review_date refuses a missing review date"
    return VulnerabilityFlag.objects.create(
        resident=resident,
        description=description.strip(),
        review_due_on=review_due_on,
        recorded_by=_by(by),
    )


def _adjustment_problems(
    kind: str, agreed_on: dt.date, review_due_on: dt.date | None, details: str
) -> dict[str, str]:
    problems = _review_date(review_due_on, agreed_on)
    if kind not in ReasonableAdjustment.Kind.values:
        problems["kind"] = "Choose the adjustment."
    if agreed_on > today():
        problems["agreed_on"] = "The date agreed cannot be in the future."
    if kind == ReasonableAdjustment.Kind.OTHER and not details.strip():
        problems["details"] = "Describe the adjustment."
    if kind == ReasonableAdjustment.Kind.LANGUAGE and not details.strip():
        problems["details"] = "Enter the language the resident needs, such as Polish."
    return problems


@transaction.atomic
def adjustment_agree(
    *,
    resident: Resident,
    kind: str,
    agreed_on: dt.date,
    review_due_on: dt.date | None,
    by: User | None,
    details: str = "",
) -> ReasonableAdjustment:
    """Code 5.10: a reasonable adjustment agreed with the resident, with a review date."""
    _require_keeper(by, resident.landlord)
    _raise_if(_adjustment_problems(kind, agreed_on, review_due_on, details))
    assert review_due_on is not None, "_review_date refuses a missing review date"
    return ReasonableAdjustment.objects.create(
        resident=resident,
        kind=kind,
        details=details.strip(),
        agreed_on=agreed_on,
        review_due_on=review_due_on,
        recorded_by=_by(by),
    )


def adjustments_wanted(
    *, kinds: Sequence[str], interpreter_language: str = "", other: str = ""
) -> list[tuple[str, str]]:
    """The support asked for, as (kind, details) in the order of the kinds of adjustment:
    the language for an interpreter, the person's own words for "other". Anything that is
    not a kind of adjustment (such as "none") is left out."""
    details: dict[str, str] = {
        ReasonableAdjustment.Kind.INTERPRETER: interpreter_language.strip(),
        ReasonableAdjustment.Kind.OTHER: other.strip(),
    }
    return [
        (kind, details.get(kind, "")) for kind in ReasonableAdjustment.Kind.values if kind in kinds
    ]


@transaction.atomic
def adjustment_requests_record(
    *,
    complaint: OnComplaint,
    wanted: Sequence[tuple[str, str]],
    requested_by: str,
    on: dt.date,
    by: User | None,
    event: TimelineEntry | None = None,
) -> list[AdjustmentRequest]:
    """Code 5.10: the support or changes a resident, or their representative, asked for on
    a complaint (``adjustments_wanted``), one request each, for staff to agree with the
    resident and keep under review. ``event`` is the timeline entry that told staff."""
    require_can_act(by, complaint.landlord, complaint)
    problems: dict[str, str] = {}
    if not wanted:
        problems["support"] = "Select the support you need."
    if any(kind not in ReasonableAdjustment.Kind.values for kind, _ in wanted):
        problems["support"] = "Select the support you need from the list."
    if requested_by not in RequestedBy.values:
        problems["requested_by"] = "Say who asked: the resident or their representative."
    _raise_if(problems)
    return AdjustmentRequest.objects.bulk_create(
        AdjustmentRequest(
            landlord_id=complaint.landlord.pk,
            complaint_id=complaint.pk,
            resident_id=complaint.resident_id,
            kind=kind,
            details=details,
            requested_on=on,
            requested_by=requested_by,
            event_id=event.pk if event is not None else None,
        )
        for kind, details in wanted
    )


#: Agreeing an adjustment with the resident is for the landlord's own staff who change
#: complaints; a contractor's handlers and viewers cannot.
ADJUSTMENT_ROLES = OWN_STAFF_ROLES


@transaction.atomic
def adjustment_request_agree(
    *,
    request: AdjustmentRequest,
    review_due_on: dt.date | None,
    by: User | None,
    details: str = "",
    on: dt.date | None = None,
) -> ReasonableAdjustment:
    """Code 5.10: staff agree with the resident the support they asked for online. It
    becomes a reasonable adjustment of the resident's, agreed ``on`` (today unless said),
    with a review date, and the request links to it; the request itself is kept as it was
    made. Staff may reword the details (an empty ``details`` keeps the request's)."""
    request = (
        AdjustmentRequest.objects.select_for_update().select_related("landlord").get(pk=request.pk)
    )
    require_role(
        by,
        request.landlord,
        ADJUSTMENT_ROLES,
        "Only the landlord's complaints staff can agree an adjustment with the resident.",
    )
    on = on or today()
    details = details.strip() or request.details
    problems: dict[str, str] = {}
    if request.agreed_as_id is not None:
        problems[""] = "This request has already been agreed."
    if request.resident_id is None:
        problems["resident"] = "Link the complaint to a resident first."
    problems |= _adjustment_problems(request.kind, on, review_due_on, details)
    if on < request.requested_on:
        problems["agreed_on"] = (
            "The date agreed cannot be before the resident asked "
            f"({request.requested_on:%-d %B %Y})."
        )
    _raise_if(problems)
    assert request.resident_id is not None, "refused above: no resident to agree it with"
    assert review_due_on is not None, "_review_date refuses a missing review date"
    adjustment = ReasonableAdjustment.objects.create(
        resident_id=request.resident_id,
        kind=request.kind,
        details=details,
        agreed_on=on,
        review_due_on=review_due_on,
        recorded_by=_by(by),
    )
    request.agreed_as = adjustment
    request.save(update_fields=["agreed_as"])
    return adjustment


@transaction.atomic
def restriction_record(
    *,
    resident: Resident,
    restriction: str,
    reason: str,
    evidence: str,
    proportionality: str,
    starts_on: dt.date,
    review_due_on: dt.date | None,
    by: User | None,
) -> Restriction:
    """Code 5.14 - 5.15: restrict contact for unacceptable behaviour, recording what, why,
    the evidence, why it is proportionate, and when it will be reviewed."""
    _require_keeper(by, resident.landlord)
    problems = _review_date(review_due_on, starts_on)
    for field, value, message in (
        ("restriction", restriction, "Enter what is restricted."),
        ("reason", reason, "Enter why the restriction is needed."),
        ("evidence", evidence, "Enter the evidence."),
        ("proportionality", proportionality, "Enter why the restriction is proportionate."),
    ):
        if not value.strip():
            problems[field] = message
    _raise_if(problems)
    assert review_due_on is not None, "_review_date refuses a missing review date"
    return Restriction.objects.create(
        resident=resident,
        restriction=restriction.strip(),
        reason=reason.strip(),
        evidence=evidence.strip(),
        proportionality=proportionality.strip(),
        starts_on=starts_on,
        review_due_on=review_due_on,
        recorded_by=_by(by),
    )


@transaction.atomic
def reviewed_record_review(
    *,
    record: _Reviewed,
    reviewed_on: dt.date,
    by: User | None,
    next_review_due_on: dt.date | None = None,
    end: bool = False,
) -> _Reviewed:
    """Code 5.10, 5.15: record a review: the record goes on with a new review date, or it
    ends (a disclosed disability is not ended, only reviewed)."""
    _require_keeper(by, record.resident.landlord)
    problems: dict[str, str] = {}
    if reviewed_on > today():
        problems["reviewed_on"] = "The date of the review cannot be in the future."
    if end and isinstance(record, DisclosedDisability):
        problems["outcome"] = "A disclosed disability cannot be ended; set a new review date."
    if not end:
        problems |= _review_date(next_review_due_on, reviewed_on)
    _raise_if(problems)
    record.last_reviewed_on = reviewed_on
    fields = ["last_reviewed_on"]
    if not end:
        assert next_review_due_on is not None, "_review_date refuses a missing review date"
        record.review_due_on = next_review_due_on
        fields.append("review_due_on")
    elif not isinstance(record, DisclosedDisability):  # a disability was refused above
        record.ended_on = reviewed_on
        fields.append("ended_on")
    record.save(update_fields=fields)
    return record


@transaction.atomic
def representative_add(
    *,
    resident: Resident,
    name: str,
    kind: str,
    by: User | None,
    email: str = "",
    phone: str = "",
    consent_given_on: dt.date | None = None,
    consent_evidence: str = "",
    via: Via = Via.STAFF,
) -> Representative:
    """Someone acting for the resident. Code 3.6: until the resident's consent is recorded
    (with how it was given), the landlord does not deal with them. The record says who
    made it and where (``via``): on the website, the representative themselves."""
    _require_keeper(by, resident.landlord)
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Enter the representative's name."
    if kind not in RepresentativeKind.values():
        problems["kind"] = "Choose who they are."
    problems |= _consent_problems(consent_given_on, consent_evidence)
    _raise_if(problems)
    return Representative.objects.create(
        resident=resident,
        name=" ".join(name.split()),
        kind=kind,
        email=email.strip(),
        phone=phone.strip(),
        consent_given_on=consent_given_on,
        consent_evidence=consent_evidence.strip(),
        recorded_by=_by(by),
        recorded_via=via,
    )


def _consent_problems(given_on: dt.date | None, evidence: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if given_on is not None and given_on > today():
        problems["consent_given_on"] = "The date consent was given cannot be in the future."
    if given_on is not None and not evidence.strip():
        problems["consent_evidence"] = "Enter how consent was given."
    return problems


@transaction.atomic
def representative_record_consent(
    *, representative: Representative, given_on: dt.date, evidence: str, by: User | None
) -> Representative:
    """Code 3.6: the resident has consented to the representative acting for them."""
    _require_keeper(by, representative.resident.landlord)
    _raise_if(_consent_problems(given_on, evidence))
    representative.consent_given_on = given_on
    representative.consent_evidence = evidence.strip()
    representative.consent_withdrawn_on = None
    representative.save(
        update_fields=["consent_given_on", "consent_evidence", "consent_withdrawn_on"]
    )
    return representative


@transaction.atomic
def representative_withdraw_consent(
    *, representative: Representative, on: dt.date, by: User | None
) -> Representative:
    """The resident has withdrawn consent: the landlord stops dealing with the representative."""
    _require_keeper(by, representative.resident.landlord)
    if on > today():
        raise RuleError({"on": "The date cannot be in the future."})
    if representative.consent_given_on is None:
        raise RuleError({"action": "Consent was never recorded, so it cannot be withdrawn."})
    representative.consent_withdrawn_on = on
    representative.save(update_fields=["consent_withdrawn_on"])
    return representative


def require_equality_access(by: User | None, landlord: Landlord) -> None:
    """Equality data is seen and recorded only by the roles allowed (EQUALITY_ROLES)."""
    if by is None or getattr(by, "is_superuser", False):
        return
    m = membership(by, landlord)
    if m is None or m.role not in EQUALITY_ROLES:
        raise PermissionDenied("Only complaints officers and administrators can see equality data.")


@transaction.atomic
def equality_data_save(
    *,
    resident: Resident,
    by: User | None,
    age_band: str = "",
    sex: str = "",
    ethnicity: str = "",
    disability: str = "",
) -> EqualityData:
    """Record the resident's optional equality data, held apart from the case and reported
    only in aggregate. Every answer may be left blank."""
    require_equality_access(by, resident.landlord)
    data, _ = EqualityData.objects.update_or_create(
        resident=resident,
        defaults={
            "landlord": resident.landlord,
            "age_band": age_band,
            "sex": sex,
            "ethnicity": ethnicity.strip(),
            "disability": disability,
        },
    )
    return data


# Retention (domain.md §11) --------------------------------------------------------------

#: The name an anonymised resident or representative is shown by.
ANONYMISED_RESIDENT = "Anonymised resident"
ANONYMISED_REPRESENTATIVE = "Anonymised representative"


@transaction.atomic
def equality_data_detach(
    *, resident: Resident, complaint_ids: Sequence[int], by: User | None
) -> int:
    """Domain.md §4 and §11: a resident's equality data, anonymised before the rest of their
    record. The coded answers (age band, sex, ethnicity, disability) are what the published
    equality figures count, complaint by complaint: each of ``complaint_ids`` (the
    resident's complaints) that has no answers of its own is given a copy, as a register
    import gives a complaint its own; then the resident's own record is deleted. So every
    past year's equality figures stay the same, and no equality answer is held against the
    person any more. Returns how many complaints were given the answers."""
    require_role(by, resident.landlord, EQUALITY_ROLES, "Only officers may see equality data.")
    own = EqualityData.objects.filter(resident=resident).first()
    if own is None:
        return 0
    answered = set(
        EqualityData.objects.filter(complaint_id__in=complaint_ids).values_list(
            "complaint_id", flat=True
        )
    )
    copies = [
        EqualityData(
            landlord_id=own.landlord_id,
            complaint_id=complaint_id,
            age_band=own.age_band,
            sex=own.sex,
            ethnicity=own.ethnicity,
            disability=own.disability,
        )
        for complaint_id in sorted(set(complaint_ids) - answered)
    ]
    EqualityData.objects.bulk_create(copies)
    own.delete()
    return len(copies)


@transaction.atomic
def resident_anonymise(*, resident: Resident, on: dt.date, by: User | None) -> Resident:
    """Domain.md §11: remove a resident's personal data under the retention policy, once
    every complaint of theirs is closed and past the landlord's retention period (the
    retention service, ``putright.complaints.services.retention``, decides who).

    Removed: their name, contact details, language, tenancy reference and the link to
    their home; their representatives' names, contact details and evidence of consent; the
    words of their adjustments, requests and restrictions; their disclosed disabilities and
    vulnerabilities (special category data, counted nowhere), deleted. Kept, because the
    published figures count them: the record itself, its tenure, each representative's
    kind and consent dates, each adjustment's and restriction's kind and dates. Equality
    data is detached first (``equality_data_detach``)."""
    _require_keeper(by, resident.landlord)
    resident.name = ANONYMISED_RESIDENT
    resident.email = resident.phone = resident.preferred_language = ""
    resident.tenancy_reference = resident.contact_preference = ""
    resident.home = None
    resident.anonymised_on = on
    resident.save()
    for representative in Representative.objects.filter(resident=resident):
        representative.name = ANONYMISED_REPRESENTATIVE
        representative.email = representative.phone = ""
        representative.consent_evidence = removed(representative.consent_evidence)
        representative.save()
    for adjustment in ReasonableAdjustment.objects.filter(resident=resident):
        adjustment.details = removed(adjustment.details)
        adjustment.save(update_fields=["details"])
    for request in AdjustmentRequest.objects.filter(resident=resident):
        request.details = removed(request.details)
        request.save(update_fields=["details"])
    for restriction in Restriction.objects.filter(resident=resident):
        for field in ("restriction", "reason", "evidence", "proportionality"):
            setattr(restriction, field, removed(getattr(restriction, field)))
        restriction.save()
    DisclosedDisability.objects.filter(resident=resident).delete()
    VulnerabilityFlag.objects.filter(resident=resident).delete()
    return resident
