"""Single sign-on with OpenID Connect (issue 14), against a fake identity provider shaped
like Microsoft Entra ID: its token, user information and key endpoints are answered at the
level of ``requests`` (what mozilla-django-oidc calls), with an ID token signed RS256 by a
key the provider publishes. The provider's account is matched by email to an existing
staff account; an unknown or switched-off one is refused; nothing is ever made."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from putright.landlords.models import Role
from putright.staff.sso import BACKEND
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

PROVIDER = "https://login.microsoftonline.example/tenant-id"
CLIENT_ID = "putright-client-id"
BUTTON = "Sign in with your organisation's account"


class FakeResponse:
    def __init__(self, url: str, body: dict[str, Any], status: int = 200) -> None:
        self.url, self.body, self.status_code = url, body, status
        self.headers = {"content-type": "application/json"}
        self.text = str(body)

    def json(self) -> dict[str, Any]:
        return self.body

    def raise_for_status(self) -> None:
        if self.status_code != 200:
            import requests

            raise requests.HTTPError(f"{self.status_code} from {self.url}", response=self)


class FakeProvider:
    """The identity provider's back channel: it answers the token request with an ID token
    carrying the nonce of the sign-in it was started with, and says who signed in."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict[str, Any] = {}
        self.nonce = ""
        self.token_requests: list[dict[str, Any]] = []

    def post(self, url: str, data: dict[str, Any], **kwargs: Any) -> FakeResponse:
        assert url == f"{PROVIDER}/oauth2/v2.0/token"
        self.token_requests.append(data)
        id_token = jwt.encode(
            {"iss": PROVIDER, "aud": CLIENT_ID, "sub": "entra-subject", "nonce": self.nonce},
            self.key,
            algorithm="RS256",
            headers={"kid": "key-1"},
        )
        return FakeResponse(url, {"id_token": id_token, "access_token": "access-token"})

    def get(self, url: str, **kwargs: Any) -> FakeResponse:
        if url == f"{PROVIDER}/discovery/v2.0/keys":
            jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return FakeResponse(url, {"keys": [{**jwk, "kid": "key-1", "alg": "RS256"}]})
        assert url == "https://graph.microsoft.example/oidc/userinfo"
        assert kwargs["headers"] == {"Authorization": "Bearer access-token"}
        return FakeResponse(url, self.claims)


@pytest.fixture
def provider(settings, monkeypatch) -> FakeProvider:
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PROVIDER}/oauth2/v2.0/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{PROVIDER}/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.microsoft.example/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{PROVIDER}/discovery/v2.0/keys"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    fake = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", fake.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", fake.get)
    return fake


def sign_in_with_provider(client: Client, provider: FakeProvider, email: str, next_page=""):
    """Press the button, go to the provider (which signs the person in as ``email``) and
    come back with its code."""
    start = client.get("/staff/sso/start/" + (f"?next={next_page}" if next_page else ""))
    assert start.status_code == 302
    sent = urlsplit(start["Location"])
    assert f"{sent.scheme}://{sent.netloc}{sent.path}" == f"{PROVIDER}/oauth2/v2.0/authorize"
    query = {k: v[0] for k, v in parse_qs(sent.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == "http://testserver/staff/sso/callback/"
    provider.nonce = query["nonce"]
    provider.claims = {"sub": "entra-subject", "email": email, "name": "Someone"}
    return client.get(
        "/staff/sso/callback/", {"code": "code-from-provider", "state": query["state"]}
    )


def test_the_sign_in_page_offers_the_organisations_account_only_when_configured(settings):
    off = Client().get("/staff/sign-in/").content.decode()
    assert BUTTON not in off
    assert Client().get("/staff/sso/start/").status_code == 404


def test_the_sign_in_page_offers_the_organisations_account(provider):
    html = Client().get("/staff/sign-in/?next=/staff/residents/").content.decode()

    assert BUTTON in html
    assert 'href="/staff/sso/start/?next=/staff/residents/"' in html
    assert "Use the username and password your administrator gave you." in html


def test_a_matching_email_signs_in_that_staff_member_without_a_security_code(provider):
    officer = people.staff(factories.landlord(), Role.OFFICER, email="olivia.grant@council.example")
    client = Client()

    back = sign_in_with_provider(
        client, provider, "Olivia.Grant@Council.example", "/staff/residents/"
    )

    assert back.status_code == 302
    assert back["Location"] == "/staff/residents/"
    assert int(client.session["_auth_user_id"]) == officer.pk
    # An officer, with no authenticator app: the identity provider asked for its own factor.
    assert client.get("/staff/residents/").status_code == 200
    assert provider.token_requests[0]["code"] == "code-from-provider"
    assert provider.token_requests[0]["code_verifier"]


def test_an_unknown_email_is_refused_and_no_account_is_made(provider):
    people.staff(factories.landlord(), Role.OFFICER, email="olivia.grant@council.example")
    accounts = get_user_model().objects.count()
    client = Client()

    back = sign_in_with_provider(client, provider, "stranger@council.example")

    html = back.content.decode()
    assert back.status_code == 403
    assert (
        '<h1 class="govuk-heading-l">You cannot sign in with your organisation\'s account</h1>'
        in html
    )
    assert "There is no staff account with the email address" in html
    assert "(stranger@council.example)" in html
    assert get_user_model().objects.count() == accounts
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(ip_address="127.0.0.1").failures_since_start == 1
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_a_switched_off_account_is_refused(provider):
    people.staff(factories.landlord(), Role.OFFICER, email="left@council.example", is_active=False)
    client = Client()

    back = sign_in_with_provider(client, provider, "left@council.example")

    assert back.status_code == 403
    assert "has been switched off" in back.content.decode()
    assert "_auth_user_id" not in client.session


def test_two_accounts_with_the_email_are_refused_rather_than_one_guessed(provider):
    landlord = factories.landlord()
    people.staff(landlord, Role.OFFICER, email="shared@council.example")
    people.staff(landlord, Role.HANDLER, email="SHARED@council.example")
    client = Client()

    back = sign_in_with_provider(client, provider, "shared@council.example")

    assert back.status_code == 403
    assert "More than one staff account has the email address" in back.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_provider_saying_no_is_refused(provider):
    client = Client()
    client.get("/staff/sso/start/")

    back = client.get("/staff/sso/callback/", {"error": "access_denied", "state": "x"})

    assert back.status_code == 403
    assert "did not finish" in back.content.decode()


def test_a_password_sign_in_never_reaches_the_provider(provider):
    officer = people.staff(factories.landlord(), Role.HANDLER, email="h@council.example")

    response = Client().post(
        "/staff/sign-in/?code=stolen&state=whatever",
        {"username": officer.username, "password": "wrong"},
    )

    assert response.status_code == 200
    assert provider.token_requests == []
