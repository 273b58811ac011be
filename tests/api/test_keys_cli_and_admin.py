"""Issuing keys: `putright api-key add` prints the key once; the admin issues, shows once
and revokes keys, and lists webhook deliveries with every attempt."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from putright.api import webhooks
from putright.api.keys import api_key_for, api_key_issue
from putright.api.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from putright.landlords.models import StaffMembership
from tests import factories

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_key", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_api_key_add_prints_the_key_alone_on_stdout():
    landlord = factories.landlord("Cannock Chase District Council")
    out, err = _run(
        "add", "--landlord", "cannock chase district council", "--name", "CRM", "--write"
    )
    secret = out.strip()
    assert api_key_for(secret).landlord == landlord
    assert api_key_for(secret).can_write
    assert "shown once" in err
    assert secret not in err


def test_api_key_add_is_read_only_unless_told():
    factories.landlord("Brent")
    out, _ = _run("add", "--landlord", "Brent", "--name", "Dashboard")
    assert not api_key_for(out.strip()).can_write


def test_api_key_list_and_revoke():
    factories.landlord("Brent")
    out, _ = _run("add", "--landlord", "Brent", "--name", "CRM")
    prefix = ApiKey.objects.get().prefix
    listing, _ = _run("list")
    assert prefix in listing and "active" in listing and out.strip() not in listing
    _run("revoke", prefix)
    assert api_key_for(out.strip()) is None
    assert "revoked" in _run("list", "--landlord", "Brent")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--landlord", "Nobody", "--name", "CRM"], "no landlord"),
        (["add", "--landlord", "Brent", "--name", "  "], "name"),
        (["revoke", "pr_nothing"], "no API key"),
    ],
)
def test_api_key_bad_input_says_why(args, message):
    factories.landlord("Brent")
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_the_command_line_exits_1_with_one_line_on_bad_arguments():
    result = subprocess.run(
        [sys.executable, "-m", "putright.cli", "api-key", "add", "--name", "CRM"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--landlord" in result.stderr


def _admin() -> Client:
    user = factories.user(is_staff=True, is_superuser=True)
    c = Client()
    c.force_login(user)
    return c


def test_the_admin_issues_a_key_and_shows_it_once():
    landlord = factories.landlord()
    c = _admin()
    response = c.post(
        "/admin/api/apikey/add/",
        {"landlord": landlord.pk, "name": "CRM", "can_write": "on"},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    secret = next(m.split(": ", 1)[1] for m in shown if "not be shown again" in m)
    assert api_key_for(secret) == key
    page = c.get(f"/admin/api/apikey/{key.pk}/change/")
    assert secret not in page.content.decode()


def test_the_admin_revokes_keys():
    landlord = factories.landlord()
    c = _admin()
    c.post("/admin/api/apikey/add/", {"landlord": landlord.pk, "name": "CRM"})
    key = ApiKey.objects.get()
    c.post(
        "/admin/api/apikey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_the_admin_registers_an_endpoint_and_shows_deliveries(monkeypatch):
    landlord = factories.landlord()
    c = _admin()
    response = c.post(
        "/admin/api/webhookendpoint/add/",
        {
            "landlord": landlord.pk,
            "url": "https://crm.example.org/hooks",
            "description": "CRM",
            "events": ["complaint.logged", "complaint.closed"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    hook = WebhookEndpoint.objects.get()
    assert hook.secret.startswith("whsec_")
    assert hook.events == ["complaint.logged", "complaint.closed"]

    monkeypatch.setattr(webhooks, "send", lambda *a: webhooks.Answer(500, "boom"))
    factories.complaint(landlord)  # logging it emits complaint.logged
    delivery = WebhookDelivery.objects.get()
    webhooks.attempt_delivery(delivery.pk)
    assert WebhookAttempt.objects.count() == 1
    page = c.get(f"/admin/api/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert "boom" in page.content.decode()
    assert c.get("/admin/api/webhookdelivery/").status_code == 200
    assert c.get("/admin/api/webhookevent/").status_code == 200

    c.post(
        "/admin/api/webhookdelivery/",
        {"action": "send_again", "_selected_action": [delivery.pk]},
    )
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def test_a_keys_own_user_is_a_service_user_never_offered_work():
    """Issue 12: the user a key acts as is marked, so allocation lists and the workload
    leave it out."""
    landlord = factories.landlord()
    issued = api_key_issue(landlord=landlord, name="CRM", can_write=True)
    membership = StaffMembership.objects.get(user=issued.api_key.user)
    assert membership.service_user
    person = factories.user(landlord=landlord)
    assert not StaffMembership.objects.get(user=person).service_user
