"""`putright landlord add` and `putright landlord homes` (interfaces.md), in-process.

The console script itself, with its exit codes, is tested in test_console_script.py.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.demo.management.commands.demo import Command as DemoCommand
from putright.landlords.management.commands.landlord import Command as LandlordCommand
from putright.landlords.models import HomesCount, Landlord
from putright.web.management.commands.serve import Command as ServeCommand
from tests import factories


def landlord(*args: str) -> str:
    out = StringIO()
    call_command("landlord", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_add_creates_a_landlord_whose_references_use_its_prefix():
    said = landlord("add", "  Cannock   Chase District Council ", "--prefix", "ccdc")
    created = Landlord.objects.get()
    assert created.name == "Cannock Chase District Council"
    assert created.take_reference() == "CCDC-000001"
    assert "CCDC-000001" in said


@pytest.mark.django_db
def test_add_refuses_a_landlord_that_exists_whatever_its_capitals():
    factories.landlord("Brent Council")
    with pytest.raises(CommandError, match="'Brent Council' already exists"):
        landlord("add", "BRENT COUNCIL")
    assert Landlord.objects.count() == 1


@pytest.mark.django_db
def test_homes_records_the_year_end_count_then_corrects_it():
    factories.landlord("Riverside Homes")
    said = landlord(
        "homes", "riverside homes", "--year", "2024", "--lcra", "7,600", "--lcho", "400"
    )
    assert "31 March 2025 (2024/25): 7,600 LCRA + 400 LCHO = 8,000" in said
    # A correction changes only what is given: LCHO stays as it was.
    said = landlord("homes", "Riverside Homes", "--year", "2024", "--lcra", "7590")
    count = HomesCount.objects.get()
    assert (count.year, count.lcra, count.lcho) == (2024, 7590, 400)
    assert "(was 7,600 + 400 = 8,000)" in said


@pytest.mark.django_db
def test_homes_for_an_unknown_landlord_says_how_to_add_it():
    with pytest.raises(CommandError, match=r"no landlord called 'Nowhere'.*landlord add"):
        landlord("homes", "Nowhere", "--year", "2024", "--lcra", "1")
    assert not HomesCount.objects.exists()


@pytest.mark.parametrize(
    ("command", "argv", "reason"),
    [
        (LandlordCommand, ["homes", "X", "--year", "2024", "--lcra", "lots"], "whole number"),
        (LandlordCommand, ["homes", "X", "--year", "2024", "--lcra", "-5"], "from 0"),
        (LandlordCommand, ["homes", "X", "--year", "24", "--lcra", "1"], "financial year"),
        (LandlordCommand, ["homes", "X", "--lcra", "1"], "required: --year"),
        (LandlordCommand, ["add", "   "], "cannot be blank"),
        (LandlordCommand, ["add", "X", "--prefix", "1A"], "starting with a letter"),
        (LandlordCommand, ["rename", "X"], "invalid choice"),
        (LandlordCommand, [], "say what to do"),
        (DemoCommand, ["--complaints", "0"], "from 1"),
        (DemoCommand, ["--year", "next"], "financial year"),
        (ServeCommand, ["--port", "80000"], "port number"),
    ],
)
def test_bad_arguments_exit_1_with_one_line_saying_why(capsys, command, argv, reason):
    """interfaces.md: bad input exits 1 with a one-line reason, not argparse's 2 and usage."""
    name = command.__module__.rsplit(".", 1)[-1]
    cmd = command()
    cmd._called_from_command_line = True  # as run_from_argv sets it for the console script
    parser = cmd.create_parser("putright", name)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(argv)
    assert exit_.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"putright {name}")
    assert reason in err


def test_djangos_own_options_are_taken_after_the_subcommand_too():
    parser = LandlordCommand().create_parser("putright", "landlord")
    options = parser.parse_args(["-v", "2", "add", "X", "--traceback"])
    assert (options.name, options.verbosity, options.traceback) == ("X", 2, True)
    assert parser.parse_args(["add", "X"]).verbosity == 1


def test_bad_arguments_in_process_raise_command_error():
    """call_command (tests, other code) gets an exception it can catch, as with Django's own."""
    with pytest.raises(CommandError, match="whole number of homes"):
        call_command("landlord", "homes", "X", "--year", "2024", "--lcra", "many")


@pytest.mark.django_db
def test_homes_records_the_property_types_when_they_add_up_to_the_homes_owned():
    factories.landlord("Cannock Chase")
    said = landlord(
        "homes", "Cannock Chase", "--year", "2023", "--lcra", "5035",
        "--flats", "1800", "--houses", "2935", "--independent-living", "300",
    )  # fmt: skip
    count = HomesCount.objects.get()
    assert (count.flats, count.houses, count.independent_living, count.other) == (
        1800,
        2935,
        300,
        None,
    )
    assert count.by_type() == {
        "flats": 1800,
        "houses": 2935,
        "independent_living": 300,
        "other": 0,
    }
    assert said.endswith(
        "by property type: 1,800 flats, 2,935 houses, 300 independent living or sheltered, "
        "0 other.\n"
    )
    # The types are kept when the count is corrected with them still adding up.
    landlord("homes", "Cannock Chase", "--year", "2023", "--lcra", "5000", "--houses", "2900")
    count.refresh_from_db()
    assert (count.lcra, count.flats, count.houses) == (5000, 1800, 2900)


@pytest.mark.django_db
def test_homes_refuses_types_that_do_not_add_up_and_changes_nothing():
    factories.landlord("Cannock Chase")
    landlord("homes", "Cannock Chase", "--year", "2023", "--lcra", "5035", "--flats", "5035")

    with pytest.raises(CommandError) as refused:
        landlord("homes", "Cannock Chase", "--year", "2023", "--lcra", "5100")

    assert str(refused.value) == (
        "The homes by property type add up to 5,035 (5,035 flats + 0 houses + 0 independent "
        "living or sheltered + 0 other), but the homes owned (LCRA plus LCHO) are 5,100: the "
        "types must add up to the homes owned."
    )
    assert HomesCount.objects.get().lcra == 5035
    # --no-types forgets them, and the count can then change.
    said = landlord("homes", "Cannock Chase", "--year", "2023", "--lcra", "5100", "--no-types")
    assert "by property type" not in said
    assert HomesCount.objects.get().by_type() is None
    with pytest.raises(CommandError, match="either --no-types or the homes by property type"):
        landlord("homes", "Cannock Chase", "--year", "2023", "--lcra", "1", "--no-types",
                 "--flats", "1")  # fmt: skip


# Where each landlord's public pages are (issue 15) -------------------------------------------


@pytest.mark.django_db
def test_add_gives_a_slug_from_the_name_and_says_where_the_pages_are():
    said = landlord("add", "First Wave Housing")
    created = Landlord.objects.get()
    assert created.slug == "first-wave-housing"
    assert created.host_name == ""
    assert "public pages are at /l/first-wave-housing/" in said


@pytest.mark.django_db
def test_add_takes_a_slug_and_a_host_name(settings, capsys):
    settings.ALLOWED_HOSTS = [".firstwave.example"]
    err = StringIO()
    call_command(
        "landlord",
        "add",
        "First Wave Housing",
        "--slug",
        "fwh",
        "--host",
        "Complaints.FirstWave.example",
        stderr=err,
    )
    created = Landlord.objects.get()
    assert (created.slug, created.host_name) == ("fwh", "complaints.firstwave.example")
    assert err.getvalue() == ""  # the host is allowed


@pytest.mark.django_db
def test_a_host_name_not_in_allowed_hosts_is_added_with_a_warning_saying_what_to_do(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    err = StringIO()
    call_command(
        "landlord", "add", "Brent Council", "--host", "complaints.brent.example", stderr=err
    )
    assert "complaints.brent.example is not in ALLOWED_HOSTS" in err.getvalue()
    assert "ALLOWED_HOSTS environment variable" in err.getvalue()


@pytest.mark.django_db
def test_add_refuses_a_slug_or_host_name_another_landlord_has():
    factories.landlord("Brent Council", host_name="complaints.brent.example")
    with pytest.raises(
        CommandError, match="slug 'brent-council' is taken by Brent Council: choose another"
    ):
        landlord("add", "I4B Holdings", "--slug", "brent-council")
    with pytest.raises(
        CommandError, match=r"host name 'complaints\.brent\.example' is taken by Brent Council"
    ):
        landlord("add", "I4B Holdings", "--host", "complaints.brent.example")
    assert Landlord.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--slug", "First Wave", "expected lowercase letters, digits and single hyphens"),
        ("--slug", "a--b", "expected lowercase letters, digits and single hyphens"),
        ("--host", "https://complaints.example", "expected a host name alone"),
        ("--host", "complaints.example:8000", "expected a host name alone"),
    ],
)
def test_add_refuses_a_malformed_slug_or_host_name_saying_what_it_expects(option, value, said):
    with pytest.raises(CommandError, match=said):
        landlord("add", "First Wave Housing", option, value)
    assert not Landlord.objects.exists()


@pytest.mark.django_db
def test_site_changes_the_slug_and_host_name_then_takes_the_host_away(settings):
    settings.ALLOWED_HOSTS = ["*"]
    factories.landlord("Brent Council")

    said = landlord(
        "site", "brent council", "--slug", "brent", "--host", "complaints.brent.example"
    )
    changed = Landlord.objects.get()
    assert (changed.slug, changed.host_name) == ("brent", "complaints.brent.example")
    assert "/l/brent/ and https://complaints.brent.example/" in said

    landlord("site", "Brent Council", "--no-host")
    assert Landlord.objects.get().host_name == ""


@pytest.mark.django_db
def test_site_refuses_a_landlord_that_does_not_exist():
    with pytest.raises(CommandError, match="There is no landlord called 'Nobody'"):
        landlord("site", "Nobody", "--slug", "nobody")


@pytest.mark.django_db
def test_list_shows_every_landlord_and_its_public_pages():
    factories.landlord("Brent Council", host_name="complaints.brent.example")
    factories.landlord("First Wave Housing")

    said = landlord("list")

    assert said.splitlines() == [
        "Brent Council: /l/brent-council/ and https://complaints.brent.example/",
        "First Wave Housing: /l/first-wave-housing/",
    ]
