"""The answers of a resident and of a representative to the complaint form, and sending
them page by page through the Django test client."""

from __future__ import annotations

from typing import Any

from django.test import Client

RESIDENT: dict[str, dict[str, Any]] = {
    "who": {"person": "resident"},
    "name": {"resident_name": "Sam Okafor"},
    "contact_method": {"contact_method": "email"},
    "contact_details": {"email": "sam@example.com", "phone": ""},
    "address": {
        "address_line_1": "12 Mill Lane",
        "address_line_2": "",
        "town": "Manchester",
        "postcode": "m1 1aa",
    },
    "what_happened": {"what_happened": "Water has come through my kitchen ceiling since May."},
    "put_right": {"put_right": "Fix the leak and repaint the ceiling."},
    "support": {"support": ["none"]},
}

REPRESENTATIVE: dict[str, dict[str, Any]] = {
    "who": {"person": "representative"},
    "representative": {"representative_name": "Ada Okafor", "representative_kind": "family"},
    "name": {"resident_name": "Sam Okafor"},
    "contact_method": {"contact_method": "phone"},
    "contact_details": {"email": "ada@example.com", "phone": "07700 900982"},
    "address": RESIDENT["address"],
    "what_happened": RESIDENT["what_happened"],
    "put_right": RESIDENT["put_right"],
    "support": {"support": ["large_print", "interpreter"], "interpreter_language": "Yoruba"},
}

PATHS = {
    "who": "/complain/",
    "representative": "/complain/about-you/",
    "name": "/complain/name/",
    "contact_method": "/complain/contact/",
    "contact_details": "/complain/contact-details/",
    "address": "/complain/address/",
    "what_happened": "/complain/what-happened/",
    "put_right": "/complain/put-right/",
    "support": "/complain/support/",
    "files": "/complain/files/",
    "check": "/complain/check-answers/",
    "sent": "/complain/sent/",
}


def answer(client: Client, step: str, data: dict[str, Any]) -> Any:
    return client.post(PATHS[step], data)


def answer_all(client: Client, answers: dict[str, dict[str, Any]] | None = None) -> None:
    """Answer every question page and pass the files page, stopping at check answers."""
    answers = answers or RESIDENT
    for step, data in answers.items():
        response = answer(client, step, data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    response = client.post(PATHS["files"], {"action": "continue"})
    assert response.status_code == 302 and response["Location"] == PATHS["check"]
