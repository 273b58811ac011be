"""Staff views take a ``StaffRequest`` (putright/web/access.py): the type says what
``staff_view`` attaches, so no view reaches ``request.membership`` or ``request.landlord``
past the type checker with a ``# type: ignore`` (issue 11, item 6)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

import putright
from putright.landlords.models import Role
from putright.web.access import StaffRequest, staff_view
from tests import factories

PACKAGE = Path(putright.__file__).parent


def test_no_module_ignores_the_type_of_a_staff_request():
    ignored = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"request\.(membership|landlord)\b", line) and "type: ignore" in line
    ]
    assert ignored == []


def test_staff_request_names_what_staff_view_attaches():
    assert set(inspect.get_annotations(StaffRequest)) == {"user", "membership", "landlord"}


@pytest.mark.django_db
def test_staff_view_hands_the_view_the_membership_and_its_landlord():
    landlord = factories.landlord()
    user = factories.user(landlord=landlord, role=Role.HANDLER)
    seen: dict[str, object] = {}

    @staff_view()
    def view(request: StaffRequest) -> HttpResponse:
        seen.update(membership=request.membership, landlord=request.landlord)
        return HttpResponse("ok")

    request = RequestFactory().get("/staff/")
    request.user = user
    request.session = {}
    response = view(request)

    assert response.status_code == 200
    assert seen["landlord"] == landlord
    assert seen["membership"] == user.memberships.get(landlord=landlord)
