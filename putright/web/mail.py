"""The address an email to a resident or a councillor comes from: the service's own
(DEFAULT_FROM_EMAIL), named as the landlord it is sent for, so that whoever gets emails of
two landlords of one installation can tell whose each is."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings

from putright.landlords.models import Landlord


def from_address(landlord: Landlord) -> str:
    """DEFAULT_FROM_EMAIL's address, named as the landlord: "Riverside Homes"
    <complaints@putright.example>."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((landlord.name, address or settings.DEFAULT_FROM_EMAIL))
