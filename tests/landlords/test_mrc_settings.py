"""The Member Responsible for Complaints as a landlord setting (Code 9.7, 9.8): for its
administrators only, both a name and an email or neither, on the settings audit log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from putright.landlords.models import Role, SettingsChange
from putright.landlords.services import landlord_mrc_set
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_administrator_records_the_mrc_and_the_audit_log_says_what_changed():
    landlord = factories.landlord()
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    landlord_mrc_set(
        landlord=landlord,
        mrc_name="  Councillor   Jane Smith ",
        mrc_email=" jane.smith@council.example ",
        mrc_copy_upheld=True,
        by=admin,
    )
    landlord.refresh_from_db()
    assert landlord.mrc_name == "Councillor Jane Smith"
    assert landlord.mrc_email == "jane.smith@council.example"
    assert landlord.mrc_copy_upheld is True
    [change] = SettingsChange.objects.filter(landlord=landlord)
    assert change.section == "mrc"
    assert change.summary.startswith("Changed the Member Responsible for Complaints: ")
    assert change.changes["mrc_email"] == {"old": "", "new": "jane.smith@council.example"}
    assert change.changes["mrc_copy_upheld"] == {"old": False, "new": True}


def test_a_name_needs_an_email_and_an_email_a_name():
    landlord = factories.landlord()
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    with pytest.raises(RuleError) as error:
        landlord_mrc_set(
            landlord=landlord, mrc_name="Jane", mrc_email="", mrc_copy_upheld=False, by=admin
        )
    assert error.value.problems == {
        "mrc_email": "Enter the email address of the Member Responsible for Complaints"
    }
    with pytest.raises(RuleError) as error:
        landlord_mrc_set(
            landlord=landlord,
            mrc_name="",
            mrc_email="not-an-address",
            mrc_copy_upheld=False,
            by=admin,
        )
    assert error.value.problems == {
        "mrc_name": "Enter the name of the Member Responsible for Complaints",
        "mrc_email": "Enter an email address in the correct format, like councillor@example.gov.uk",
    }
    assert not SettingsChange.objects.exists()


def test_only_the_landlords_administrators_may_set_the_mrc():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        landlord_mrc_set(
            landlord=landlord,
            mrc_name="Jane",
            mrc_email="jane@council.example",
            mrc_copy_upheld=False,
            by=officer,
        )
