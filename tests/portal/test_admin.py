"""Staff see the portal's requests (with the residents' records) and feedback in the admin;
nobody rewrites them there."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from putright.portal.models import Feedback, PortalAccess
from putright.residents.models import AdjustmentRequest
from tests.portal.support import access_for, received_today


def test_the_portal_records_are_listed_for_an_administrator(today, landlord, client):
    complaint = received_today(landlord)
    access_for(complaint)
    AdjustmentRequest.objects.create(
        landlord=landlord,
        complaint=complaint,
        kind="large_print",
        requested_on=complaint.received_on,
        requested_by="resident",
    )
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw-long-enough")
    client.force_login(admin)

    for model in (AdjustmentRequest, Feedback, PortalAccess):
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        assert response.status_code == 200, url
    requests = "/admin/residents/adjustmentrequest/"
    assert complaint.reference in client.get(requests).content.decode()
    assert client.get(f"{requests}add/").status_code == 403
    access = PortalAccess.objects.get()
    page = client.get(f"/admin/portal/portalaccess/{access.pk}/change/").content.decode()
    assert access.token_digest not in page
