"""Sign-in throttling (issue 14, item 2): too many wrong passwords for one username, or from
one address, lock signing in at the staff sign-in page, the admin's and when changing a
password; the page says so on the GOV.UK error summary, each lock-out is logged, and an
administrator can unlock."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

LOCKED = "Signing in is locked because a wrong password was entered too many times."


@pytest.fixture(autouse=True)
def _three_tries(settings):
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(client: Client, username: str, password: str, *, address: str = "192.0.2.1"):
    return client.post(
        "/staff/sign-in/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_the_third_wrong_password_locks_the_account_with_a_plain_message_in_the_error_summary():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    client = Client()

    first = sign_in(client, officer.username, "wrong-1")
    sign_in(client, officer.username, "wrong-2")
    third = sign_in(client, officer.username, "wrong-3")

    assert first.status_code == 200
    assert LOCKED not in first.content.decode()
    html = third.content.decode()
    assert third.status_code == 429
    assert "<title>Error: Sign in" in html
    assert 'class="govuk-error-summary"' in html
    assert f"{LOCKED} Try again in 15 minutes, or ask your administrator to unlock it." in html


def test_a_locked_account_is_refused_even_with_the_right_password_from_elsewhere():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    for n in range(3):
        sign_in(Client(), officer.username, f"wrong-{n}", address="192.0.2.1")

    right = sign_in(Client(), officer.username, people.PASSWORD, address="198.51.100.7")

    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in right.client.session


def test_an_address_trying_many_usernames_is_locked_for_every_username():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    for name in ("alice", "bob", "carol"):
        sign_in(Client(), name, "guess", address="203.0.113.9")

    from_there = sign_in(Client(), officer.username, people.PASSWORD, address="203.0.113.9")
    from_elsewhere = sign_in(Client(), officer.username, people.PASSWORD, address="192.0.2.50")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_the_admin_sign_in_is_throttled_too():
    admin = factories.user(username="root", is_staff=True, is_superuser=True)
    client = Client()
    for n in range(3):
        last = client.post(
            "/admin/login/?next=/admin/", {"username": admin.username, "password": f"no-{n}"}
        )

    assert last.status_code == 429
    assert LOCKED in last.content.decode()


def test_wrong_current_passwords_when_changing_it_lock_and_sign_the_person_out():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    client = people.signed_in(officer)
    wrong = {
        "old_password": "guess",
        "new_password1": "n3w-Pass-word",
        "new_password2": "n3w-Pass-word",
    }

    first = client.post("/staff/account/password/", wrong)
    client.post("/staff/account/password/", wrong)
    third = client.post("/staff/account/password/", wrong)

    assert "Your current password is not right" in first.content.decode()
    assert third.status_code == 429
    assert LOCKED in third.content.decode()
    assert client.get("/staff/").status_code == 302
    assert sign_in(Client(), officer.username, people.PASSWORD).status_code == 429


def test_each_locked_out_attempt_is_logged_with_the_username_address_and_page(caplog):
    officer = people.staff(factories.landlord(), Role.OFFICER)
    with caplog.at_level(logging.WARNING, logger="putright.security"):
        for n in range(4):
            sign_in(Client(), officer.username, f"wrong-{n}", address="192.0.2.77")

    lines = [r.getMessage() for r in caplog.records if r.name == "putright.security"]
    assert len(lines) == 2
    assert lines[0].startswith(
        f"Sign-in locked out: username '{officer.username}' from address 192.0.2.77 at "
        "/staff/sign-in/"
    )


def test_an_administrator_unlocks_a_username_from_the_command_line():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    for n in range(3):
        sign_in(Client(), officer.username, f"wrong-{n}", address="192.0.2.1")
    assert sign_in(Client(), officer.username, people.PASSWORD).status_code == 429

    call_command("axes_reset_username", officer.username)
    call_command("axes_reset_ip", "192.0.2.1")

    assert sign_in(Client(), officer.username, people.PASSWORD).status_code == 302


def test_an_administrator_sees_and_deletes_lock_outs_in_the_admin():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    for n in range(3):
        sign_in(Client(), officer.username, f"wrong-{n}", address="192.0.2.1")
    admin = factories.user(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)

    listing = client.get("/admin/axes/accessattempt/")
    attempt = AccessAttempt.objects.get(username=officer.username)
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert officer.username in listing.content.decode()
    assert not AccessAttempt.objects.exists()
    assert sign_in(Client(), officer.username, people.PASSWORD).status_code == 302
