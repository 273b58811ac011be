"""Subject access from the staff resident page (docs/security.md, "Subject access"): a
complaints officer or an administrator downloads the zip, recorded with who did; nobody
else sees the button or may use the address."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from putright.landlords.models import Role
from putright.residents.models import SubjectAccessDisclosure
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

BUTTON = "Download everything we hold about Amina Okafor"


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def amina(landlord):
    resident = people.resident(landlord)
    factories.complaint(landlord, resident=resident, description="The boiler, again.")
    return resident


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMINISTRATOR])
def test_an_officer_downloads_the_zip_and_it_is_recorded(landlord, amina, role):
    member = people.staff(landlord, role, first="Olu", last="Officer")
    client = people.signed_in(member)
    page = client.get(f"/staff/residents/{amina.pk}/")
    assert BUTTON in page.content.decode()

    response = client.post(f"/staff/residents/{amina.pk}/subject-access/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-resident-{amina.pk}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("subject-access.json"))
    assert data["resident"]["name"] == "Amina Okafor"
    assert [c["description"] for c in data["complaints"]] == ["The boiler, again."]
    record = SubjectAccessDisclosure.objects.get()
    assert (record.resident, record.produced_by, record.via) == (amina, member, "staff")

    again = client.get(f"/staff/residents/{amina.pk}/").content.decode()
    assert "Downloaded before" in again and "Olu Officer" in again


@pytest.mark.parametrize("role", [Role.HANDLER, Role.SENIOR_HANDLER, Role.VIEWER])
def test_other_roles_see_no_button_and_are_refused(landlord, amina, role):
    client = people.signed_in(people.staff(landlord, role))
    assert BUTTON not in client.get(f"/staff/residents/{amina.pk}/").content.decode()
    response = client.post(f"/staff/residents/{amina.pk}/subject-access/")
    assert response.status_code == 403
    assert not SubjectAccessDisclosure.objects.exists()


def test_a_resident_of_another_landlord_is_not_found(landlord, amina):
    elsewhere = factories.landlord()
    client = people.signed_in(people.staff(elsewhere, Role.OFFICER))
    response = client.post(f"/staff/residents/{amina.pk}/subject-access/")
    assert response.status_code == 404
    assert not SubjectAccessDisclosure.objects.exists()


def test_the_address_opened_goes_back_to_the_resident_page(landlord, amina):
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    response = client.get(f"/staff/residents/{amina.pk}/subject-access/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/residents/{amina.pk}/"
    assert not SubjectAccessDisclosure.objects.exists()
