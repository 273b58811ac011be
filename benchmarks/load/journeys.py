"""What the load test's people do (issue 16, item 3), as plain Python over an HTTP client.

The locustfile (``locustfile.py``) runs these with locust's ``FastHttpSession``;
``tests/benchmarks/test_load_journeys.py`` runs them once each against a live test server
with a ``requests`` session, so they cannot rot when a URL or a form changes. Nothing here
imports locust (whose gevent patches the whole process) or Django.

A client is anything with ``request(method, url, name=, data=, json=, headers=,
allow_redirects=)`` returning a response with ``status_code``, ``text`` and ``headers``:
locust's ``FastHttpSession``, or :class:`RequestsClient` below. Redirects are followed
here, one request at a time, so each hop is measured under its own name (and because
``FastHttpSession`` does not say where a redirect ended).
"""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

#: The JSON file the runner writes (``scripts/load_test.py``): who may sign in, and how.
PEOPLE_ENV = "LOAD_TEST_PEOPLE"


class JourneyError(Exception):
    """A step did not end where it should: the message says which and what came instead."""


class Response(Protocol):
    status_code: int
    text: str | None
    headers: Any


class Client(Protocol):
    def request(self, method: str, url: str, **kwargs: Any) -> Any: ...


# Reading forms ------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every named control, sent or not


class _FormParser(HTMLParser):
    """The forms of a page with what a browser would send untouched: hidden and text
    inputs, checked boxes and radios, each select's selected (or first) option, textareas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: tuple[str, list[str], str | None] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif not self.forms:
            return
        if a.get("name"):
            self.forms[-1].names.add(a["name"])
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.forms[-1].fields.append((a["name"], a.get("value", default)))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], None)
        elif tag == "option" and self._select is not None:
            name, options, _chosen = self._select
            options.append(a.get("value", ""))
            if "selected" in a:
                self._select = (name, options, a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            name, options, chosen = self._select
            value = chosen if chosen is not None else (options[0] if options else "")
            self.forms[-1].fields.append((name, value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


# A person's session --------------------------------------------------------------------------


@dataclass
class Page:
    path: str
    status: int
    text: str


class Browser:
    """One person: their client (with its cookies), the headers they always send, and the
    page they are on."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.headers = headers or {}
        self.page = Page("", 0, "")

    def request(
        self, method: str, path: str, name: str, *, body: str | None = None, expect: int = 200
    ) -> Page:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = self.client.request(
            method, path, name=name, data=body, headers=headers, allow_redirects=False
        )
        hops = 0
        while response.status_code in {301, 302, 303} and hops < 5:
            location = response.headers.get("Location") or response.headers.get("location")
            path = urlsplit(location).path + (
                f"?{urlsplit(location).query}" if urlsplit(location).query else ""
            )
            response = self.client.request(
                "GET", path, name=_named(path), headers=self.headers, allow_redirects=False
            )
            hops += 1
        self.page = Page(urlsplit(path).path, response.status_code, response.text or "")
        if response.status_code != expect:
            raise JourneyError(
                f"{method} {name}: ended at {self.page.path} with {response.status_code}, "
                f"not {expect}"
            )
        return self.page

    def get(self, path: str, name: str | None = None) -> Page:
        return self.request("GET", path, name or _named(path))

    def submit(
        self,
        answers: dict[str, str | list[str]],
        name: str,
        *,
        ends_at: str | None = None,
    ) -> Page:
        """Fill in the page's form that asks the most of ``answers`` (never the sign-out
        button's) with what the page already holds plus ``answers``, and send it; a page
        that answers with GOV.UK's error summary is a refusal."""
        candidates = [
            f for f in forms_of(self.page.text) if f.method == "post" and "sign-out" not in f.action
        ]
        if not candidates:
            raise JourneyError(f"{self.page.path}: no form to send")
        form = max(candidates, key=lambda f: len(f.names & answers.keys()))
        fields = [(k, v) for k, v in form.fields if k not in answers]
        for key, value in answers.items():
            fields.extend((key, v) for v in ([value] if isinstance(value, str) else value))
        action = form.action or self.page.path
        page = self.request("POST", action, name, body=urlencode(fields))
        if "govuk-error-summary" in page.text:
            found = re.search(r'govuk-error-summary__list">(.*?)</ul>', page.text, re.S)
            problems = re.sub(r"<[^>]+>|\s+", " ", found[1] if found else "").strip()
            raise JourneyError(f"POST {name}: refused at {page.path}: {problems}")
        if ends_at is not None and not re.fullmatch(ends_at, page.path):
            raise JourneyError(f"POST {name}: ended at {page.path}, not {ends_at}")
        return page


_REFERENCE = re.compile(r"/cases/[^/]+/")
_SITE = re.compile(r"\A/l/[^/]+(?=/)")


def _named(path: str) -> str:
    """The name a request is counted under: the URL with its reference, its query and a
    landlord's /l/<slug> left out (so a run at one of several landlords compares with a
    run at the only one)."""
    path = _REFERENCE.sub("/cases/{reference}/", _SITE.sub("", urlsplit(path).path))
    return re.sub(r"/\d+/", "/{id}/", path)


# Who takes part ----------------------------------------------------------------------------


@dataclass
class People:
    """What the runner made: staff with authenticator keys, residents with a complaint each,
    an API key, the folder the mail sink writes each resident's latest email to, and where
    the landlord's public pages are: "" at the root (the only landlord), else "/l/<slug>"."""

    staff: list[dict[str, str]]
    residents: list[dict[str, str]]
    api_key: str
    outbox: str
    password: str
    site: str = ""

    @classmethod
    def load(cls, path: str | Path) -> People:
        return cls(**json.loads(Path(path).read_text()))


class Pool:
    """Hands each simulated person a different identity, in turn."""

    def __init__(self, items: list[dict[str, str]]) -> None:
        self.items = items
        self.next = 0

    def take(self) -> dict[str, str]:
        item = self.items[self.next % len(self.items)]
        self.next += 1
        return item


def code_now(key_hex: str) -> str:
    """The authenticator's code now, by django-otp's own TOTP (30 s steps, 6 digits)."""
    from django_otp.oath import totp  # pure Python: needs no Django settings

    return f"{totp(bytes.fromhex(key_hex)):06d}"


# Staff ------------------------------------------------------------------------------------

_CASE_LINK = re.compile(r'href="/staff/cases/([A-Z0-9-]+)/"')
_LETTER_LINK = re.compile(r'href="(/staff/cases/[A-Z0-9-]+/letters/[a-z_0-9]+/)"')
_NO_HOME = re.compile(r">Home</dt>\s*<dd[^>]*>Not recorded")
POSTAL_ADDRESS = "1 Load Street\nBenchton\nBT1 1AA"
SEARCH_WORDS = ["boiler", "damp", "mould", "window", "contractor", "delay", "BT1", "Okafor"]


class Staff:
    """A member of the complaints team: signs in (password, then authenticator code), works
    the queue, opens cases, records contacts, issues letters."""

    def __init__(self, client: Client, who: dict[str, str], password: str) -> None:
        self.browser = Browser(client)
        self.who = who
        self.password = password
        self.rng = random.Random(who["username"])
        self.cases: list[str] = []  # the last queue page's
        self.own: list[str] = []  # the cases this person works on: a page of their own
        number = who["username"].rsplit("-", 1)[-1]
        self.page_of_own = int(number) + 1 if number.isdigit() else 1

    def sign_in(self) -> None:
        b = self.browser
        b.get("/staff/sign-in/")
        b.submit({"username": self.who["username"], "password": self.password}, "sign in")
        if b.page.path.startswith("/staff/sign-in/code/"):
            b.submit({"code": code_now(self.who["totp_key"])}, "sign in: code", ends_at="/staff/")
        elif b.page.path != "/staff/":
            raise JourneyError(f"signing in ended at {b.page.path}")

    def _remember(self, page: Page) -> None:
        found = _CASE_LINK.findall(page.text)
        if found:
            self.cases = list(dict.fromkeys(found))[:50]

    def queue(self) -> None:
        """The queue as it opens, sorted another way, or filtered."""
        params = self.rng.choice(
            [
                "",
                "?sort=received",
                "?overdue=on",
                "?stage=2",
                "?letter=on",
                "?vulnerable=on",
                "?state=any&page=2",
            ]
        )
        self._remember(self.browser.get(f"/staff/{params}", "/staff/ (queue)"))

    def search(self) -> None:
        word = self.rng.choice(SEARCH_WORDS)
        self.browser.get(f"/staff/?q={word}&state=any", "/staff/?q= (search)")

    def _case(self) -> str:
        """A case to look at: one from the last queue page, or one of their own."""
        return self.rng.choice(self.cases or self._own())

    def _own(self) -> list[str]:
        """Each person changes only cases of their own (a page of the stage 1 queue, any
        state, each), as a team shares its work: two people changing one case at once is
        refused, rightly (the case's version), and is not what this test measures. Stage 1
        leaves out what the integration has just logged (no resident yet, so no letter)."""
        if not self.own:
            page = self.browser.get(
                f"/staff/?state=any&stage=1&page={self.page_of_own}", "/staff/ (queue)"
            )
            self.own = list(dict.fromkeys(_CASE_LINK.findall(page.text)))
        if not self.own:
            raise JourneyError(f"page {self.page_of_own} of the queue shows no cases")
        return self.own

    def open_case(self) -> None:
        self.browser.get(f"/staff/cases/{self._case()}/")

    def record_contact(self) -> None:
        reference = self.rng.choice(self._own())
        self.browser.get(f"/staff/cases/{reference}/contact/")
        self.browser.submit(
            {
                "method": "phone",
                "direction": "from_resident",
                "with_whom": "The resident",
                "summary": "Rang to ask when the repair will be done; explained the next step.",
            },
            "/staff/cases/{reference}/contact/ (save)",
            ends_at=f"/staff/cases/{reference}/",
        )

    def issue_letter(self) -> None:
        """One of their own cases, the first letter its page offers (an update to the
        resident, Code 5.9, is always one), checked and issued."""
        b = self.browser
        own = self._own()
        for reference in self.rng.sample(own, min(len(own), 5)):
            case = b.get(f"/staff/cases/{reference}/").text
            letters = _LETTER_LINK.findall(case)
            if letters:
                # The update (Code 5.9) when offered: any record can have one, where the
                # seeded records may lack what another kind needs (a not-accepted letter's
                # reasons), which the page rightly refuses.
                page = b.get(next((x for x in letters if x.endswith("/update/")), letters[0]))
                forms = forms_of(page.text)
                # Code 5.10: how each accessible format the resident needs is met.
                answers: dict[str, str | list[str]] = {
                    name: "Printed in large print and posted."
                    for form in forms
                    for name in form.names
                    if name.startswith("format_")
                }
                # A record with no home on it (``putright generate``'s residents have none):
                # a letter to post needs the address typed, as the page would ask.
                posted = any(("delivery", "post") in form.fields for form in forms)
                if posted and _NO_HOME.search(case):
                    answers["send_to"] = POSTAL_ADDRESS
                b.submit(
                    {"action": "issue", **answers},
                    "/staff/cases/{reference}/letters/{kind}/ (issue)",
                    ends_at=f"/staff/cases/{reference}/.*",
                )
                return
        raise JourneyError("none of their cases offered a letter to write")


# Residents --------------------------------------------------------------------------------


def wait_for_code(outbox: str, email: str, timeout: float = 20.0) -> str:
    """The code in the latest email to ``email`` the mail sink kept; the file is removed."""
    path = Path(outbox) / email
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise JourneyError(f"no email reached {email} within {timeout:.0f} s")
        time.sleep(0.1)
    text = path.read_text()
    path.unlink()
    found = re.search(r"\b(\d{6})\b", text)
    if not found:
        raise JourneyError(f"the email to {email} holds no 6-digit code")
    return found[1]


class Resident:
    """A resident following their complaint: asks for a code by email, types it, reads the
    complaint and its letters, asks for support; now and then logs a new complaint.
    Each comes from an address of its own (``X-Forwarded-For``, trusted from the loopback
    through ``TRUSTED_PROXIES``), as residents do, so the portal's per-address limits
    count each apart. ``site`` is where the landlord's public pages are ("" at the root,
    or "/l/<slug>" on an installation of several landlords); requests are counted under
    the same names either way."""

    def __init__(
        self,
        client: Client,
        who: dict[str, str],
        read_code: Callable[[str], str],
        site: str = "",
    ) -> None:
        self.browser = Browser(client, {"X-Forwarded-For": who["address"]})
        self.who = who
        self.read_code = read_code  # the code in the latest email to an address
        self.rng = random.Random(who["email"])
        self.site = site.rstrip("/")

    def _get(self, path: str) -> Page:
        return self.browser.get(self.site + path)

    def sign_in(self) -> None:
        b = self.browser
        self._get("/track/")
        b.submit(
            {"reference": self.who["reference"], "email": self.who["email"]},
            "/track/ (ask for a code)",
            ends_at=re.escape(self.site) + "/track/code/",
        )
        code = self.read_code(self.who["email"])
        b.submit(
            {"code": code},
            "/track/code/ (enter)",
            ends_at=re.escape(self.site) + "/track/complaint/",
        )

    def complaint(self) -> None:
        page = self._get("/track/complaint/")
        letters = re.findall(
            rf'href="{re.escape(self.site)}(/track/complaint/letters/\d+/)"', page.text
        )
        if letters and self.rng.random() < 0.5:
            self._get(self.rng.choice(letters))

    def complain(self) -> None:
        """The nine questions of /complain/ and the check page, as deploy-check asks them."""
        b = self.browser
        steps: list[tuple[str, dict[str, str | list[str]]]] = [
            ("/complain/", {"person": "resident"}),
            ("/complain/name/", {"resident_name": self.who["name"]}),
            ("/complain/contact/", {"contact_method": "email"}),
            ("/complain/contact-details/", {"email": self.who["email"], "phone": ""}),
            (
                "/complain/address/",
                {"address_line_1": "1 Load Street", "town": "Benchton", "postcode": "BT1 1AA"},
            ),
            ("/complain/what-happened/", {"what_happened": "The boiler has failed again."}),
            ("/complain/put-right/", {"put_right": "Repair the boiler this week."}),
            ("/complain/support/", {"support": ["none"]}),
            ("/complain/files/", {"action": "continue"}),
            ("/complain/check-answers/", {}),
        ]
        for path, answers in steps:
            self._get(path)
            b.submit(answers, f"{path} (answer)")
        if b.page.path != self.site + "/complain/sent/":
            raise JourneyError(f"sending a complaint ended at {b.page.path}")


# The integration ---------------------------------------------------------------------------

COMPLAINT = {
    "received_on": "2026-12-01",
    "channel": "phone",
    "description": "My boiler has not worked for three weeks.",
}
CONTACT = {
    "method": "phone",
    "direction": "from_resident",
    "with_whom": "The resident",
    "summary": "Rang to say the engineer did not come.",
}


class Integration:
    """A housing management system writing through the API on one kept-open connection:
    logs a complaint, then records a contact on it."""

    def __init__(self, client: Client, api_key: str) -> None:
        self.client = client
        self.auth = {"Authorization": f"Bearer {api_key}"}

    def _post(self, path: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {**self.auth, "Idempotency-Key": str(uuid.uuid4())}
        response = self.client.request("POST", path, name=name, json=body, headers=headers)
        if response.status_code != 201:
            raise JourneyError(f"POST {name}: {response.status_code}: {response.text[:300]}")
        result: dict[str, Any] = json.loads(response.text)
        return result

    def log_complaint(self) -> str:
        return str(self._post("/api/v1/complaints", "/api/v1/complaints", COMPLAINT)["reference"])

    def log_with_contact(self) -> None:
        reference = self.log_complaint()
        self._post(
            f"/api/v1/complaints/{reference}/contacts",
            "/api/v1/complaints/{reference}/contacts",
            CONTACT,
        )


# For the tests ------------------------------------------------------------------------------


class RequestsClient:
    """A ``requests`` session in the shape of locust's client (``name=`` is ignored)."""

    def __init__(self, base_url: str) -> None:
        import requests

        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()

    def request(self, method: str, url: str, name: str | None = None, **kwargs: Any) -> Any:
        return self.session.request(method, self.base_url + url, timeout=30, **kwargs)
