"""`putright generate` (issue 16, item 2): a national-scale data set, here at a small size.
The same arguments give the same rows; the annual report counts what the generator made;
the work queue and a case page open for a generated landlord."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.urls import reverse

from putright.complaints.models import Complaint, Event, EventKind, Stage
from putright.demo.national import (
    DIVISIONS,
    Shape,
    default_end,
    generate,
    landlord_sizes,
)
from putright.landlords.models import HomesCount, Landlord, Role, ServiceArea, StaffMembership
from putright.registers.generate import SERVICE_AREAS
from putright.reports.annual import annual_figures
from putright.rules.counting import financial_year

pytestmark = pytest.mark.django_db

SMALL = Shape(landlords=3, homes=3_000, years=2, seed=7, end=dt.date(2026, 3, 31))


class _Rollback(Exception):
    pass


def _digest() -> str:
    """A digest of every generated table's rows: ids and foreign keys as offsets from the
    lowest id of their table (so a second run after the first is the same), times of
    writing left out (they are the clock's)."""
    sha = hashlib.sha256()
    names = [
        "landlords.Landlord",
        "landlords.HomesCount",
        "landlords.ClosureDay",
        "landlords.Division",
        "landlords.ServiceArea",
        "landlords.Contractor",
        "landlords.Theme",
        "landlords.SubCause",
        "auth.User",
        "landlords.StaffMembership",
        "residents.Resident",
        "complaints.Complaint",
        "complaints.Stage",
        "complaints.Extension",
        "complaints.Remedy",
        "residents.EqualityData",
        "complaints.Event",
    ]
    lowest = {
        name: apps.get_model(name).objects.aggregate(low=models.Min("pk"))["low"] or 0
        for name in names
    }
    by_model = {apps.get_model(name): name for name in names}
    for name in names:
        model = apps.get_model(name)
        fields = [
            f
            for f in model._meta.concrete_fields
            if not isinstance(f, models.DateTimeField) and f.name != "password"
        ]
        for row in model.objects.order_by("pk").values_list(*[f.attname for f in fields]):
            cells = []
            for f, value in zip(fields, row, strict=True):
                if f.primary_key:
                    value -= lowest[name]
                elif f.is_relation and value is not None and f.related_model in by_model:
                    value -= lowest[by_model[f.related_model]]
                cells.append(repr(value))
            sha.update(f"{name}|{'|'.join(cells)}\n".encode())
    return sha.hexdigest()


def _generated_digest(shape: Shape) -> str:
    try:
        with transaction.atomic():
            generate(shape)
            digest = _digest()
            raise _Rollback
    except _Rollback:
        pass
    assert not Landlord.objects.exists()
    return digest


def test_the_same_arguments_give_the_same_rows_and_another_seed_others():
    first = _generated_digest(SMALL)

    assert _generated_digest(SMALL) == first
    assert _generated_digest(Shape(**{**SMALL.__dict__, "seed": 8})) != first


def test_sizes_are_skewed_add_up_and_the_largest_of_1400_is_national_scale():
    sizes = sorted(landlord_sizes(1_400, 4_400_000, seed=1))

    assert sum(sizes) == 4_400_000
    assert min(sizes) >= 1
    assert 80_000 <= sizes[-1] <= 250_000
    assert 1_000 <= sizes[len(sizes) // 2] <= 5_000


def test_the_default_end_is_the_last_full_financial_year_before_today(today):
    # The 31 March that ended the last financial year to end before today.
    assert default_end(today) == dt.date(today.year - (today.month < 4), 3, 31)
    assert default_end(dt.date(2026, 3, 31)) == dt.date(2025, 3, 31)
    assert default_end(dt.date(2026, 4, 1)) == dt.date(2026, 3, 31)


def test_the_annual_report_counts_what_the_generator_made():
    result = generate(SMALL)

    assert sorted(result.homes) == ["gen-0001", "gen-0002", "gen-0003"]
    assert sum(result.homes.values()) == 3_000
    for slug, homes in result.homes.items():
        landlord = Landlord.objects.get(slug=slug)
        for year in (2024, 2025):
            figures = annual_figures(landlord, year)
            assert figures["stage1"]["received"] == result.stage1_received[slug][year]
            assert HomesCount.objects.get(landlord=landlord, year=year).total == homes
        start, end = financial_year(2024)[0], financial_year(2025)[1]
        received = Complaint.objects.filter(landlord=landlord).values_list("received_on", flat=True)
        assert start <= min(received) and max(received) <= end
    # About 50 stage 1 complaints a year per 1,000 homes: 300 in all over two years.
    total = sum(sum(tally.values()) for tally in result.stage1_received.values())
    assert 240 <= total <= 330


def test_each_landlord_has_its_people_divisions_and_a_timeline_for_every_record():
    generate(SMALL)

    landlord = Landlord.objects.get(slug="gen-0001")
    roles = Counter(
        StaffMembership.objects.filter(landlord=landlord).values_list("role", flat=True)
    )
    assert roles[Role.OFFICER] == 1 and roles[Role.SENIOR_HANDLER] == 1 and roles[Role.HANDLER] >= 1
    areas = dict(
        ServiceArea.objects.filter(landlord=landlord).values_list("name", "division__name")
    )
    assert set(areas) == set(SERVICE_AREAS)
    assert {areas[a] for a in DIVISIONS["Housing management"]} == {"Housing management"}
    complaints = Complaint.objects.filter(landlord=landlord)
    assert not complaints.filter(resident__isnull=True).exists()
    imported = Event.objects.filter(landlord=landlord, kind=EventKind.IMPORTED)
    assert imported.count() == complaints.count()
    stage2 = Stage.objects.filter(landlord=landlord, number=2, contractor__isnull=True)
    senior = StaffMembership.objects.get(landlord=landlord, role=Role.SENIOR_HANDLER).user_id
    assert set(stage2.values_list("handler_id", flat=True)) == {senior}


def test_the_queue_and_a_case_page_open_for_a_generated_landlord(client):
    generate(SMALL)
    landlord = Landlord.objects.get(slug="gen-0001")
    officer = StaffMembership.objects.get(landlord=landlord, role=Role.OFFICER).user
    client.force_login(officer)
    complaint = Complaint.objects.filter(landlord=landlord, stages__number=2).first()
    assert complaint is not None

    assert client.get(reverse("staff:queue")).status_code == 200
    page = client.get(reverse("staff:case", args=[complaint.reference]))
    assert page.status_code == 200
    assert complaint.reference in page.content.decode()


def test_the_command_refuses_a_database_with_landlords_unless_forced(capsys):
    Landlord.objects.create(name="Already here", slug="already-here")
    arguments = ["generate", "--landlords", "1", "--homes", "200", "--years", "1"]
    arguments += ["--end-date", "2026-03-31", "--verbosity", "0"]

    with pytest.raises(CommandError, match="already has 1 landlord"):
        call_command(*arguments)
    assert Landlord.objects.count() == 1

    call_command(*arguments, "--force")
    assert Landlord.objects.filter(slug="gen-0001").exists()
    assert "Generated 1 landlords, 200 homes" in capsys.readouterr().out


def test_the_command_says_what_is_wrong_with_its_arguments():
    with pytest.raises(CommandError, match="--homes must be at least --landlords"):
        call_command("generate", "--landlords", "5", "--homes", "3", "--years", "1")
