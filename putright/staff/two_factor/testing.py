"""For tests and benchmarks only: a Django test ``Client`` signed in past the security code.

``Client.force_login`` signs a person in as the password would; a complaints officer or an
administrator (``policy.second_factor_required``), or anyone with an authenticator, is then
held at the code page by every staff page (docs/security.md, "Second factor"). This gives
the code as they would have, so what is measured or tested is the page itself. It takes a
test client's session, so nothing in the running service calls it.
"""

from __future__ import annotations

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.staff.two_factor.policy import has_second_factor, second_factor_required

__all__ = ["security_code_given"]


def security_code_given(client: Any, user: Any) -> None:
    """Mark ``client``'s session (already signed in as ``user`` by ``force_login``) as
    having given the security code, with the person's confirmed authenticator, or a new one
    named "Test sign-in", where their role or their own choice asks for the code."""
    if not (second_factor_required(user) or has_second_factor(user)):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test sign-in", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
