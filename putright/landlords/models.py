"""Landlord entities and what belongs to each: homes, closure days, divisions, service areas,
contractors, themes, the landlord's own root-cause sub-causes and the staff who work for it.

A deployment may hold several landlord entities (Brent reports its council stock and two
companies apart): every record belongs to one landlord and every report is per landlord.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.text import slugify

from putright.landlords.transaction_cache import (
    ForgetfulQuerySet,
    transaction_cache_clear,
    transaction_cached,
)
from putright.rules.approval import ApprovalPolicy
from putright.rules.calendar import WorkingCalendar, calendar_for
from putright.rules.codes import SUB_CAUSE_CODE_PATTERN, Kind, RootCause
from putright.rules.perception import PropertyType, homes_by_type_problem
from putright.rules.records import DEFAULT_TARGET_DAYS

#: A landlord's slug, the part of its public pages' address after /l/: lowercase letters,
#: digits and single hyphens between them ("first-wave-housing").
SLUG_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG_MAX_LENGTH = 60
#: A host name as DNS writes it (no scheme, port or path): "complaints.firstwave.org.uk".
HOST_NAME_PATTERN = re.compile(
    r"\A(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\Z"
)


def slug_from_name(name: str) -> str:
    """The slug a landlord's name gives: "First Wave Housing" gives "first-wave-housing"
    (a name with no letters or digits gives "landlord")."""
    slug = slugify(name).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")[:SLUG_MAX_LENGTH].strip("-")
    return slug or "landlord"


def free_slug(name: str) -> str:
    """The slug from ``name``, with -2, -3 ... added when another landlord has it already."""
    base = slug_from_name(name)
    taken = set(Landlord.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug


class LandlordGroup(models.Model):
    """Landlords reported together (issue 15, items 4 and 5): a housing group of several
    registered providers, a council and the companies it owns. A landlord is in one group
    at most (``Landlord.group``); the group's figures are added up from its landlords'
    (``putright.reports.group``, counting-rules.md "A group of landlords")."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text="Its report's address, /staff/reports/groups/<slug>/: brent-group.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Landlord(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # Where its public pages are (README.md, "Several landlords"): /l/<slug>/ on
    # any host of the installation, and the root of its own host name if it has one.
    slug = models.SlugField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,  # left blank, it is made from the name when saved
        validators=[
            RegexValidator(
                SLUG_PATTERN,
                "Use lowercase letters, digits and single hyphens, such as first-wave-housing.",
            )
        ],
        help_text="Its public pages are at /l/<slug>/: first-wave-housing. Blank: from the name.",
    )
    host_name = models.CharField(
        max_length=253,
        blank=True,
        default="",
        db_default="",
        validators=[
            RegexValidator(
                HOST_NAME_PATTERN,
                "Give a host name alone, such as complaints.firstwave.org.uk.",
            )
        ],
        help_text=(
            "A host name of its own (complaints.firstwave.org.uk) whose root serves its "
            "public pages; it must be in ALLOWED_HOSTS. Blank for none."
        ),
    )
    # Issue 15, item 4: the group it is reported with, if any (one at most).
    group = models.ForeignKey(
        LandlordGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="landlords",
        help_text="The group of landlords it is reported with; set by putright group add.",
    )
    reference_prefix = models.CharField(
        max_length=10,
        default="CU",
        help_text="Complaint references are this prefix, a hyphen and six digits: CU-000123.",
    )
    next_reference_number = models.PositiveBigIntegerField(
        default=1, help_text="Only ever goes up, so a reference is never reused."
    )
    # Contact details, shown to residents and printed in letters.
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    # The Housing Ombudsman's contact details (domain.md §5), with the published defaults.
    ombudsman_name = models.CharField(max_length=200, default="Housing Ombudsman Service")
    ombudsman_address = models.TextField(default="PO Box 1484, Unit D, Preston PR2 0ET")
    ombudsman_phone = models.CharField(max_length=50, default="0300 111 3000")
    ombudsman_email = models.EmailField(default="info@housing-ombudsman.org.uk")
    ombudsman_website = models.CharField(max_length=200, default="housing-ombudsman.org.uk")
    # The Local Government and Social Care Ombudsman's, for a council's complaints under its
    # jurisdiction (homelessness, allocations decisions): their letters and pages name it.
    # Defaults in the database too (db_default), so a process still running the code of
    # before this change can go on adding landlords while the new code is deployed.
    lgsco_name = models.CharField(
        "LGSCO name",
        max_length=200,
        default="Local Government and Social Care Ombudsman",
        db_default="Local Government and Social Care Ombudsman",
    )
    lgsco_address = models.TextField(
        "LGSCO address",
        default="PO Box 4771, Coventry CV4 0EH",
        db_default="PO Box 4771, Coventry CV4 0EH",
    )
    lgsco_phone = models.CharField(
        "LGSCO phone", max_length=50, default="0300 061 0614", db_default="0300 061 0614"
    )
    lgsco_email = models.EmailField("LGSCO email", blank=True, default="", db_default="")
    lgsco_website = models.CharField(
        "LGSCO website", max_length=200, default="lgo.org.uk", db_default="lgo.org.uk"
    )
    # The Member Responsible for Complaints (Code 9.7, 9.8): told of every Ombudsman
    # determination, order and failure order, and of every upheld decision if chosen.
    mrc_name = models.CharField(
        "Member Responsible for Complaints: name",
        max_length=200,
        blank=True,
        default="",
        db_default="",
    )
    mrc_email = models.EmailField(
        "Member Responsible for Complaints: email",
        blank=True,
        default="",
        db_default="",
        help_text="Copies of the Ombudsman's determinations, orders and failure orders go here.",
    )
    mrc_copy_upheld = models.BooleanField(
        "copy every upheld decision to the Member Responsible for Complaints",
        default=False,
        db_default=False,
        help_text="Every response that upholds a complaint, in full or in part, is copied too.",
    )
    escalation_window_days = models.PositiveSmallIntegerField(
        default=28,
        help_text=(
            "Calendar days after the stage 1 response within which the resident is asked "
            "to escalate. Never a hard block: later requests are flagged for discretion."
        ),
    )
    # Service requests and member enquiries are worked to the landlord's own targets
    # (putright.rules.records); db_default so an older process can still add landlords.
    service_request_target_days = models.PositiveSmallIntegerField(
        "target for service requests (working days)",
        default=DEFAULT_TARGET_DAYS,
        db_default=DEFAULT_TARGET_DAYS,
        help_text="Working days after a service request is received that it is to be "
        "responded to by.",
    )
    member_enquiry_target_days = models.PositiveSmallIntegerField(
        "target for member enquiries (working days)",
        default=DEFAULT_TARGET_DAYS,
        db_default=DEFAULT_TARGET_DAYS,
        help_text="Working days after an MP's or councillor's enquiry is received that it is "
        "to be responded to by.",
    )
    # Sign-off before a response goes (putright.rules.approval).
    approval_reviewed = models.CharField(
        "responses approved before they go",
        max_length=10,
        choices=[("none", "None, unless over the compensation limit"),
                 ("stage2", "Every stage 2 response"), ("all", "Every response")],
        default="none",
        db_default="none",
    )  # fmt: skip
    approval_compensation_over = models.DecimalField(
        "compensation that needs approval: over (£)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="A response offering more than this in all needs a complaints officer's or "
        "a senior handler's approval before its letter goes. Empty: no limit.",
    )
    ch02_strict = models.BooleanField(
        default=False,
        help_text="Report CH02 as responses within the Code's timescales ignoring extensions.",
    )
    retention_years = models.PositiveSmallIntegerField(
        "retention period (years)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=(
            "Closed cases are anonymised this many years after closure (putright retention "
            "--apply): names, contact details, descriptions, letters and files are removed; "
            "every published figure stays the same."
        ),
    )
    # The letterhead's logo (issue 15): a PNG or JPEG of at most LOGO_MAX_BYTES, checked
    # when uploaded (landlords.services.landlord_logo_set), printed on every letter and
    # shown at the top of every page. Held in the database, so it needs no file store.
    logo = models.BinaryField(blank=True, default=b"", db_default=b"", editable=False)
    logo_type = models.CharField(
        max_length=20, blank=True, default="", db_default="", editable=False
    )
    # The languages besides English the resident pages are offered in (issue 17, item 5):
    # codes from settings.LANGUAGES, separated by spaces; set by landlord_languages_set.
    portal_languages = models.CharField(
        "portal languages",
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text="Languages besides English the resident pages are offered in, such as cy.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["host_name"], condition=~Q(host_name=""), name="one_landlord_per_host_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every landlord has a slug however it is made (the command, the demo, the admin,
        # the tests' factories), so its public pages always have an address.
        if not self.slug:
            self.slug = free_slug(self.name)
        self.host_name = self.host_name.strip().lower()
        super().save(*args, **kwargs)

    @property
    def portal_language_codes(self) -> list[str]:
        """The languages the resident pages are offered in besides English, in the order
        of settings.LANGUAGES; a code no longer there is left out."""
        chosen = set(self.portal_languages.split())
        return [code for code, _ in settings.LANGUAGES[1:] if code in chosen]

    def calendar(self) -> WorkingCalendar:
        """Working days for this landlord: bank holidays and its own closure days (read once
        per transaction: ``transaction_cache``)."""
        days = transaction_cached(
            ("closure_days", self.pk),
            lambda: frozenset(self.closure_days.values_list("date", flat=True)),
        )
        return calendar_for(days)

    def target_days(self, kind: str) -> int | None:
        """The landlord's target for a service request or member enquiry, in working days
        (``putright.rules.records``); None for a complaint, which the Code's timescales
        govern."""
        if kind == Kind.SERVICE_REQUEST:
            return self.service_request_target_days
        if kind == Kind.MEMBER_ENQUIRY:
            return self.member_enquiry_target_days
        return None

    def approval_policy(self) -> ApprovalPolicy:
        """Which responses need approval before their letter goes (issue 17, item 2)."""
        return ApprovalPolicy(
            reviewed=self.approval_reviewed, compensation_over=self.approval_compensation_over
        )

    def take_reference(self) -> str:
        """The next complaint reference, e.g. CU-000123. Never reused, even if a record is
        later removed, because the counter only goes up (inside the caller's transaction)."""
        return self.take_references(1)[0]

    def take_references(self, count: int) -> list[str]:
        """``count`` consecutive new references in one update, for bulk creation."""
        end = self._counter_move_on(count)
        return [self.format_reference(n) for n in range(end - count, end)]

    def _counter_move_on(self, count: int) -> int:
        """Move the reference counter on by ``count`` and return where it now stands. Where
        the database returns rows from an ``UPDATE`` (PostgreSQL; SQLite 3.35 on) that is one
        statement, which takes the row lock itself; else the update, then a read under it,
        in a transaction of their own."""
        if _update_returns_rows():
            meta, quote = Landlord._meta, connection.ops.quote_name
            field = meta.get_field("next_reference_number")
            assert isinstance(field, models.Field) and field.column and meta.pk and meta.pk.column
            counter = quote(field.column)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(meta.db_table)} SET {counter} = {counter} + %s "
                    f"WHERE {quote(meta.pk.column)} = %s RETURNING {counter}",
                    [count, self.pk],
                )
                row = cursor.fetchone()
            if row is None:
                raise Landlord.DoesNotExist(f"No landlord {self.pk} to take a reference from.")
            return int(row[0])
        with transaction.atomic():
            Landlord.objects.filter(pk=self.pk).update(
                next_reference_number=F("next_reference_number") + count
            )
            return Landlord.objects.values_list("next_reference_number", flat=True).get(pk=self.pk)

    def format_reference(self, number: int) -> str:
        return f"{self.reference_prefix}-{number:06d}"

    def homes_at_end_of(self, year: int) -> HomesCount | None:
        return self.homes.filter(year=year).first()

    @property
    def logo_data_uri(self) -> str:
        """The logo as a data: URI for an ``<img>`` (pages and letters alike), or ""."""
        if not self.logo or not self.logo_type:
            return ""
        import base64

        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"


def _update_returns_rows() -> bool:
    """Whether this database returns rows from an ``UPDATE`` (``RETURNING``): PostgreSQL,
    and SQLite from 3.35."""
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and bool(
        connection.features.can_return_columns_from_insert  # SQLite 3.35: RETURNING
    )


class HomesCount(models.Model):
    """Homes owned at the end of a financial year, for CH01 (per 1,000 homes)."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="homes")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")
    lcra = models.PositiveIntegerField("low-cost rental homes", default=0)
    lcho = models.PositiveIntegerField("low-cost home ownership homes", default=0)
    # Homes by property type (issue 13, item 10): optional; given, they add up to lcra + lcho
    # (putright.rules.perception.homes_by_type_problem).
    flats = models.PositiveIntegerField("flats", null=True, blank=True)
    houses = models.PositiveIntegerField("houses", null=True, blank=True)
    independent_living = models.PositiveIntegerField(
        "independent living or sheltered homes", null=True, blank=True
    )
    other = models.PositiveIntegerField("other homes", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "year"], name="one_homes_count_per_year")
        ]
        ordering = ["landlord", "year"]
        verbose_name_plural = "homes counts"

    def __str__(self) -> str:
        return f"{self.landlord}: {self.year}/{(self.year + 1) % 100:02d}"

    @property
    def total(self) -> int:
        return self.lcra + self.lcho

    def by_type(self) -> dict[str, int] | None:
        """Homes by property type, a type not given counted as 0; None when none is given."""
        values = {t.value: getattr(self, t.value) for t in PropertyType}
        if all(v is None for v in values.values()):
            return None
        return {k: v or 0 for k, v in values.items()}

    def clean(self) -> None:
        problem = homes_by_type_problem(
            self.total, {t.value: getattr(self, t.value) for t in PropertyType}
        )
        if problem:
            raise ValidationError(problem)


class ClosureDay(models.Model):
    """A day the landlord's offices are closed (e.g. a Christmas shutdown): not a working day."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="closure_days")
    date = models.DateField()
    description = models.CharField(max_length=200, blank=True)

    #: ``Landlord.calendar`` keeps a landlord's closure days for the rest of a transaction:
    #: any write forgets them.
    objects = ForgetfulQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "date"], name="one_closure_per_day")
        ]
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y} {self.description}".strip()


class Division(models.Model):
    """A group of a landlord's service areas: a division or directorate (Brent: Housing
    and Neighbourhoods; Housing Management Property). The reports count a complaint under
    the division of its main service area."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["landlord", "name"], name="unique_division")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """A landlord's service area (Repairs, Tenancy management ...). The list grows as
    complaints and imported registers name new areas."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    division = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_areas",
        help_text="The division or directorate the service area belongs to, if the landlord "
        "groups its service areas so.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "name"], name="unique_service_area")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contractor(models.Model):
    """A contractor acting for the landlord, which may handle complaints inside the two stages."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="contractors")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "name"], name="unique_contractor")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A theme for learning and reporting (Damp and mould, Repairs delay ...)."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["landlord", "name"], name="unique_theme")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubCause(models.Model):
    """A landlord's own code for the detail of a root cause (issue 13): under service
    failure, delay; under communication, not kept informed ... Chosen with the root cause
    when a response is recorded, and counted in the annual report under its root cause. A
    new landlord starts with ``putright.rules.codes.DEFAULT_SUB_CAUSES``; a code is unique
    within the landlord, so the register names it alone. A code no longer used is retired
    (``active`` false): it stays on the records that carry it and in the reports."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="sub_causes")
    root_cause = models.CharField(max_length=20, choices=RootCause.choices())
    code = models.CharField(
        max_length=40,
        validators=[
            RegexValidator(
                f"^{SUB_CAUSE_CODE_PATTERN}$",
                "Use lower-case letters, digits and underscores, starting with a letter.",
            )
        ],
        help_text="As the register and the API write it, such as delay.",
    )
    label = models.CharField(max_length=200, help_text="As people read it.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Its place in the list.")
    active = models.BooleanField(
        default=True, help_text="Offered on the forms; a retired code stays on its records."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "code"], name="unique_sub_cause_code")
        ]
        ordering = ["root_cause", "position", "label"]

    def __str__(self) -> str:
        return self.label


class Role(models.TextChoices):
    OFFICER = "officer", "Complaints officer"
    HANDLER = "handler", "Handler"
    SENIOR_HANDLER = "senior_handler", "Senior handler (may take stage 2)"
    CONTRACTOR_HANDLER = "contractor_handler", "Contractor handler"
    VIEWER = "viewer", "Viewer (read-only)"
    ADMINISTRATOR = "administrator", "Administrator"


class StaffMembership(models.Model):
    """A person's role at one landlord. A contractor handler also names its contractor and
    sees only the complaints allocated to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    team = models.CharField(max_length=100, blank=True)
    # Issue 12: someone off sick or on leave is shown as away wherever work is allocated.
    away_from = models.DateField(
        null=True, blank=True, help_text="The first day away (off sick, on leave)."
    )
    away_until = models.DateField(
        null=True, blank=True, help_text="The last day away; empty while it is not known."
    )
    active = models.BooleanField(
        default=True,
        db_default=True,
        help_text=(
            "False once an administrator has deactivated the person at this landlord: they "
            "no longer sign in to it, and their name stays on the cases they handled."
        ),
    )
    service_user = models.BooleanField(
        default=False,
        editable=False,
        help_text=(
            "The own user of an API key (an integration), not a person: never offered work."
        ),
    )

    #: ``permissions.membership`` keeps a person's membership for the rest of a
    #: transaction: any write forgets it.
    objects = ForgetfulQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "landlord"], name="one_role_per_landlord"),
            models.CheckConstraint(
                condition=~models.Q(role="contractor_handler") | models.Q(contractor__isnull=False),
                name="contractor_handler_names_contractor",
            ),
            models.CheckConstraint(
                condition=models.Q(away_until__isnull=True)
                | models.Q(away_from__isnull=False, away_until__gte=F("away_from")),
                name="away_until_after_away_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.landlord}"


class GroupRole(models.TextChoices):
    OFFICER = "officer", "Group complaints officer"
    VIEWER = "viewer", "Group viewer (read-only)"


class GroupMembership(models.Model):
    """A person who reads a group's figures (issue 15, item 4): the group's own complaints
    officer or a member of its board. Someone with a reporting role at every landlord of
    the group reads them too, without one (``permissions.can_read_group``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    group = models.ForeignKey(LandlordGroup, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=20, choices=GroupRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_role_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.group}"


class SettingsChange(models.Model):
    """One change to a landlord's settings (issue 15): who made it, when, which part of the
    settings and what changed, old and new. Written by the settings services in the same
    transaction as the change; never changed or removed."""

    class Section(models.TextChoices):
        STAFF = "staff", "Staff"
        SERVICE_AREAS = "service_areas", "Service areas and divisions"
        CONTRACTORS = "contractors", "Contractors"
        CLOSURE_DAYS = "closure_days", "Closure days"
        HOMES = "homes", "Homes"
        POLICY = "policy", "Complaints policy"
        CONTACT = "contact", "Contact details"
        OMBUDSMAN = "ombudsman", "Housing Ombudsman details"
        MRC = "mrc", "Member Responsible for Complaints"
        LETTERHEAD = "letterhead", "Letterhead"
        REGISTER = "register", "Register import"
        GROUP = "group", "Group"
        LANGUAGES = "languages", "Portal languages"

    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="settings_changes"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(
        max_length=200, help_text="Who made the change, as named then; the command line if none."
    )
    section = models.CharField(max_length=30, choices=Section.choices)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(
        default=dict, blank=True, help_text="What changed: each field's old and new value."
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["landlord", "-at"], name="settings_change_by_landlord")]

    def __str__(self) -> str:
        return f"{self.at:%d %B %Y %H:%M} {self.by_name}: {self.summary}"


class ExceptionalCircumstances(models.Model):
    """Code 8.5: a notice that exceptional circumstances (a cyber incident, say) stop the
    landlord meeting the Code: what happened, from when, and the timescale back to
    compliance. Recording it tells the Ombudsman and writes to the resident of every open
    complaint (``putright.ombudsman.services.exceptional_circumstances_record``); the public
    pages show it until it is withdrawn. The Code does not stop the clock: every timescale
    runs on as before, and the notice explains a delay beside it."""

    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="exceptional_circumstances"
    )
    what_happened = models.TextField(help_text="What happened, in words residents understand.")
    started_on = models.DateField("from when")
    back_to_compliance = models.TextField(
        "timescale back to compliance",
        help_text="When we expect to meet the Code's timescales again, and how we will get there.",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ombudsman_emailed_to = models.EmailField(
        "the Ombudsman's address it was emailed to", blank=True
    )
    #: The email to the Ombudsman goes through the task queue (``putright db_worker``): when
    #: it went, or when and why it could not go (a "Send again" button then queues it again).
    ombudsman_email_sent_at = models.DateTimeField(
        "when the email to the Ombudsman was sent", null=True, blank=True
    )
    ombudsman_email_failed_at = models.DateTimeField(
        "when the email to the Ombudsman failed", null=True, blank=True
    )
    ombudsman_email_failure = models.TextField(
        "why the email to the Ombudsman failed", blank=True, default="", db_default=""
    )
    #: Every open complaint written to: {"reference", "letter" (its id) or None, "problem"}.
    letters = models.JSONField(default=list, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_note = models.TextField("about the withdrawal", blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "exceptional circumstances notice"
        verbose_name_plural = "exceptional circumstances notices"

    def __str__(self) -> str:
        return f"{self.landlord}: exceptional circumstances from {self.started_on:%-d %B %Y}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    @property
    def ombudsman_email_status(self) -> str:
        """ "sent", "failed" or "queued" (waiting for the task worker)."""
        if self.ombudsman_email_sent_at is not None:
            return "sent"
        return "failed" if self.ombudsman_email_failed_at is not None else "queued"


def today() -> dt.date:
    """Today in Europe/London."""
    from django.utils import timezone

    return timezone.localdate()


# A save or delete of a row ``transaction_cached`` keeps forgets what it keeps.
for _model in (ClosureDay, StaffMembership):
    post_save.connect(transaction_cache_clear, sender=_model, dispatch_uid=f"forget-{_model}")
    post_delete.connect(transaction_cache_clear, sender=_model, dispatch_uid=f"forget-{_model}")
