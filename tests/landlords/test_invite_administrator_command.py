"""`putright invite-administrator` (issue 15, item 3): a new landlord's first administrator
is emailed a link to set a password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from putright.landlords.invitations import invitation_tokens
from putright.landlords.models import Role, SettingsChange, StaffMembership
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_landlords_first_administrator_is_invited(capsys):
    landlord = factories.landlord("First Wave Housing")
    call_command(
        "invite_administrator",
        "--landlord",
        "first wave housing",
        "--email",
        "Ada@FirstWave.example.org",
        "--first-name",
        "Ada",
        "--last-name",
        "Okoro",
        "--site",
        "https://complaints.example.org/",
    )
    assert "Invited ada@firstwave.example.org as First Wave Housing's administrator" in (
        capsys.readouterr().out
    )
    m = StaffMembership.objects.get(landlord=landlord)
    assert m.role == Role.ADMINISTRATOR and not m.user.has_usable_password()
    (email,) = mail.outbox
    _uid, token = re.search(
        r"https://complaints\.example\.org/staff/invite/([^/]+)/([^/]+)/", email.body
    ).groups()
    assert invitation_tokens.check_token(m.user, token)
    assert SettingsChange.objects.get().by_name == "The command line"


def test_a_site_that_is_not_an_address_is_refused():
    factories.landlord("First Wave Housing")
    with pytest.raises(CommandError, match="--site must start with https://"):
        call_command(
            "invite_administrator",
            "--landlord",
            "First Wave Housing",
            "--email",
            "a@b.org",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--site",
            "complaints.example.org",
        )
    assert not StaffMembership.objects.exists()
