"""The second factor (issue 14): after the password, a code from an authenticator app or a
recovery code; required for complaints officers and administrators
(``TWO_FACTOR_REQUIRED_ROLES``), who are held at setting one up until they have, the
Django admin included; wrong codes throttled and counted towards the sign-in lock-out; an
administrator's reset. Every sign-in here goes through the pages (tests/conftest.py gives
``force_login`` sessions their code, for the rest of the suite)."""

from __future__ import annotations

import base64
import re

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.landlords.models import Role
from putright.staff.two_factor import services
from putright.staff.two_factor.policy import second_factor_required
from tests import factories
from tests.api import helpers as api
from tests.staff import people

pytestmark = pytest.mark.django_db

SET_UP = "/staff/account/two-factor/"
CODE = "/staff/sign-in/code/"


@pytest.fixture(autouse=True)
def _no_waiting_between_codes(settings):
    """django-otp makes each wrong code wait longer before the next; the tests of that set
    the factor back to 1 themselves."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_now(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps_ahead * device.step
    return f"{totp.token():06d}"


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def password_step(client: Client, user, next_page: str = "/staff/residents/"):
    return client.post(
        "/staff/sign-in/",
        {"username": user.username, "password": people.PASSWORD, "next": next_page},
        REMOTE_ADDR="192.0.2.1",
    )


def code_step(client: Client, code: str, next_page: str = "/staff/residents/"):
    return client.post(CODE, {"code": code, "next": next_page}, REMOTE_ADDR="192.0.2.1")


# Who must ----------------------------------------------------------------------------


def test_officers_and_administrators_must_and_other_roles_need_not():
    landlord = factories.landlord()
    firm = people.contractor(landlord, "Kestrel Repairs")
    roles = {
        role: people.staff(
            landlord, role, contractor=firm if role == "contractor_handler" else None
        )
        for role in Role.values
    }
    django_admin = factories.user(is_staff=True)

    required = {role for role, user in roles.items() if second_factor_required(user)}

    assert required == {Role.OFFICER, Role.ADMINISTRATOR}
    assert second_factor_required(django_admin)


def test_the_setting_chooses_the_roles(settings):
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    handler = people.staff(landlord, Role.HANDLER)
    settings.TWO_FACTOR_REQUIRED_ROLES = ["handler"]

    assert second_factor_required(handler)
    assert not second_factor_required(officer)


def test_a_role_name_that_is_not_a_role_stops_rather_than_protecting_nobody(settings):
    officer = people.staff(factories.landlord(), Role.OFFICER)
    settings.TWO_FACTOR_REQUIRED_ROLES = ["officers"]

    with pytest.raises(ImproperlyConfigured, match="officers is not a role; use some of: "):
        second_factor_required(officer)


# Held until set up -------------------------------------------------------------------


def test_an_officer_without_an_app_is_sent_to_set_one_up_and_no_staff_page_opens_until_then():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    client = Client()

    signed = password_step(client, officer)

    assert signed.status_code == 302
    assert signed["Location"] == f"{SET_UP}?next=%2Fstaff%2Fresidents%2F"
    for page in ("/staff/", "/staff/residents/", "/staff/reports/", "/staff/account/password/"):
        held = client.get(page)
        assert held.status_code == 302, page
        assert held["Location"].startswith(SET_UP), page
    refused_post = client.post("/staff/log/", {"description": "anything"})
    assert refused_post.status_code == 302 and refused_post["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200


def test_an_administrator_without_an_app_cannot_use_the_django_admin_until_set_up():
    landlord = factories.landlord()
    admin = people.staff(landlord, Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = Client()

    client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.username, "password": people.PASSWORD, "next": "/admin/"},
    )
    held = client.get("/admin/auth/user/")

    assert held.status_code == 302
    assert held["Location"] == f"{SET_UP}?next=%2Fadmin%2Fauth%2Fuser%2F"


def test_a_handler_signs_in_with_the_password_alone():
    handler = people.staff(factories.landlord(), Role.HANDLER)
    client = Client()

    signed = password_step(client, handler)

    assert signed["Location"] == "/staff/residents/"
    assert client.get("/staff/residents/").status_code == 200


# Setting up ----------------------------------------------------------------------------


def test_setting_up_shows_the_key_as_text_and_a_qr_code_and_a_right_code_confirms_it():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    client = Client()
    password_step(client, officer)

    page = client.get(f"{SET_UP}?next=/staff/residents/")
    html = page.content.decode()
    key = client.session["putright_authenticator_key"]
    shown_key = re.search(r'id="setup-key">([A-Z2-7 ]+)<', html).group(1)
    confirmed = client.post(
        SET_UP, {"code": code_now(TOTPDevice(key=key)), "next": "/staff/residents/"}
    )

    assert "Set up an authenticator app" in html
    assert "Your role needs a second check when you sign in" in html
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert shown_key.replace(" ", "") == base64.b32encode(bytes.fromhex(key)).decode()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == (
        "/staff/account/two-factor/recovery-codes/?next=%2Fstaff%2Fresidents%2F"
    )
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.key == key
    assert client.get("/staff/residents/").status_code == 200


def test_a_wrong_code_when_setting_up_says_so_and_sets_nothing_up():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    client = Client()
    password_step(client, officer)
    client.get(SET_UP)
    key = client.session["putright_authenticator_key"]
    wrong = f"{(int(code_now(TOTPDevice(key=key))) + 1) % 1_000_000:06d}"

    empty = client.post(SET_UP, {"code": ""}).content.decode()
    letters = client.post(SET_UP, {"code": "abc"}).content.decode()
    mistaken = client.post(SET_UP, {"code": wrong}).content.decode()

    assert '<a href="#id_code">Enter the 6-digit code from your authenticator app</a>' in empty
    assert "<title>Error: Set up an authenticator app" in empty
    assert "The code must be 6 digits, like 123456" in letters
    assert "The code is not right." in mistaken
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.session["putright_authenticator_key"] == key  # the same key, to try again
    assert client.get("/staff/").status_code == 302


def test_the_recovery_codes_are_shown_once_after_setting_up():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    client = Client()
    password_step(client, officer)
    client.get(SET_UP)
    key = client.session["putright_authenticator_key"]
    done = client.post(SET_UP, {"code": code_now(TOTPDevice(key=key)), "next": "/staff/"})

    first = client.get(done["Location"])
    again = client.get(done["Location"])

    codes = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    html = first.content.decode()
    assert len(codes) == services.RECOVERY_CODES
    assert all(f"<code>{c}</code>" in html for c in codes)
    assert "This is the only time you will see these codes." in html
    assert 'href="/staff/"' in html
    assert again.status_code == 302 and again["Location"] == SET_UP


def test_someone_with_an_app_who_has_not_given_its_code_cannot_replace_it():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    with_app(officer)
    client = Client()
    password_step(client, officer)

    assert client.get(SET_UP)["Location"].startswith(CODE)
    assert client.post(SET_UP, {"code": "123456"})["Location"] == CODE
    assert TOTPDevice.objects.get(user=officer).name == "Phone"


def test_a_handler_may_set_up_an_app_and_is_then_asked_for_its_code():
    handler = people.staff(factories.landlord(), Role.HANDLER)
    client = Client()
    password_step(client, handler)
    page = client.get(SET_UP).content.decode()
    key = client.session["putright_authenticator_key"]
    client.post(SET_UP, {"code": code_now(TOTPDevice(key=key))})
    client.post("/staff/sign-out/")

    again = password_step(Client(), handler)

    assert "You can add a second check when you sign in" in page
    assert again["Location"] == f"{CODE}?next=%2Fstaff%2Fresidents%2F"


# Signing in with a code --------------------------------------------------------------


def test_signing_in_with_an_app_asks_for_its_code_and_a_right_one_opens_the_page_asked_for():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()

    signed = password_step(client, officer)
    held = client.get("/staff/")
    page = client.get(signed["Location"])
    right = code_step(client, code_now(device))

    assert signed["Location"] == f"{CODE}?next=%2Fstaff%2Fresidents%2F"
    assert held["Location"] == f"{CODE}?next=%2Fstaff%2F"
    html = page.content.decode()
    assert '<h1 class="govuk-heading-l">Enter your security code</h1>' in html
    assert 'autocomplete="one-time-code"' in html
    assert "Sign out" in html and "Change password" not in html
    assert right.status_code == 302 and right["Location"] == "/staff/residents/"
    assert client.get("/staff/residents/").status_code == 200


def test_a_code_is_not_taken_for_another_site():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()
    password_step(client, officer)

    response = code_step(client, code_now(device), next_page="https://evil.example/")

    assert response["Location"] == "/staff/"


def test_a_wrong_code_says_so_on_the_error_summary_and_counts_as_a_failed_sign_in():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()
    password_step(client, officer)
    wrong = code_now(device, steps_ahead=5)

    response = code_step(client, wrong)
    empty = code_step(client, "")
    nonsense = code_step(client, "12 34")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Enter your security code" in html
    assert '<a href="#id_code">The code is not right.' in html
    assert "Enter the 6-digit code from your authenticator app" in empty.content.decode()
    assert "or a recovery code of 8 letters and numbers" in nonsense.content.decode()
    assert AccessAttempt.objects.get(username=officer.username).failures_since_start == 1
    assert client.get("/staff/").status_code == 302


def test_too_many_wrong_codes_lock_signing_in_and_sign_the_person_out(settings):
    settings.AXES_FAILURE_LIMIT = 3
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()
    password_step(client, officer)
    wrong = code_now(device, steps_ahead=5)

    code_step(client, wrong)
    code_step(client, wrong)
    third = code_step(client, wrong)
    again = password_step(Client(), officer)

    assert third.status_code == 429
    assert "Signing in is locked because a wrong security code was entered too many times." in (
        third.content.decode()
    )
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")
    assert again.status_code == 429


def test_each_wrong_code_makes_the_app_wait_and_signing_in_again_does_not_reset_that(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()
    password_step(client, officer)
    code_step(client, code_now(device, steps_ahead=5))

    fresh = Client()
    password_step(fresh, officer)
    right_too_soon = code_step(fresh, code_now(device))

    assert "Too many wrong codes have been entered." in right_too_soon.content.decode()
    assert fresh.get("/staff/").status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count == 1


def test_a_recovery_code_signs_in_once():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    with_app(officer)
    codes = services.recovery_codes_replace(user=officer)
    first, second = Client(), Client()

    password_step(first, officer)
    used = code_step(first, codes[0].upper())
    password_step(second, officer)
    reused = code_step(second, codes[0])

    assert used["Location"] == "/staff/residents/"
    assert first.get("/staff/residents/").status_code == 200
    assert "The code is not right." in reused.content.decode()
    assert StaticDevice.objects.get(user=officer).token_set.count() == services.RECOVERY_CODES - 1


def test_signing_in_again_after_signing_out_asks_for_the_code_again():
    officer = people.staff(factories.landlord(), Role.OFFICER)
    device = with_app(officer)
    client = Client()
    password_step(client, officer)
    code_step(client, code_now(device))
    client.post("/staff/sign-out/")

    again = password_step(client, officer)

    assert again["Location"].startswith(CODE)
    assert client.get("/staff/").status_code == 302


def test_api_keys_are_unaffected():
    landlord = factories.landlord()
    people.staff(landlord, Role.OFFICER)

    response = api.get(api.client(api.key(landlord)), "/complaints")

    assert response.status_code == 200


# The administrator's reset -----------------------------------------------------------


def test_an_administrator_resets_a_persons_app_and_codes_in_the_django_admin():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    with_app(officer)
    services.recovery_codes_replace(user=officer)
    admin = people.staff(landlord, Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)

    response = client.post(
        "/admin/auth/user/",
        {"action": "second_factor_reset", "_selected_action": [officer.pk]},
        follow=True,
    )
    signed = password_step(Client(), officer)

    assert f"Second factor reset for {officer.username}" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert signed["Location"].startswith(SET_UP)


def test_only_a_superuser_may_reset_and_the_command_line_may(capsys):
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    with_app(officer)
    helper = people.staff(landlord, Role.HANDLER)

    with pytest.raises(services.PermissionDenied):
        services.second_factor_reset(user=officer, by=helper)
    call_command("two_factor_reset", officer.username)
    call_command("two_factor_reset", officer.username)

    said = capsys.readouterr().out
    assert f"Removed {officer.username}'s authenticator app and recovery codes" in said
    assert f"{officer.username} had not set up an authenticator app; nothing changed." in said
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_the_reset_command_names_an_unknown_username():
    with pytest.raises(CommandError, match="There is no account with the username 'nobody'"):
        call_command("two_factor_reset", "nobody")
