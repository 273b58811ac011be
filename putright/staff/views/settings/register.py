"""The register import as a staff page (issue 15): the same import as ``putright
import-register`` (register-csv.md). Upload a CSV; it is checked first (a dry run: every
problem by line and column, or what would change); then imported, all or nothing.

Between the check and the import the file waits in the private file store, named by a
random token kept in the person's session, so the import is of exactly the file checked."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.urls import reverse

from putright.registers.services import (
    RegisterCheck,
    register_upload_check,
    register_upload_import,
)
from putright.staff.forms.settings import RegisterUploadForm
from putright.staff.views.common import done
from putright.staff.views.settings.common import settings_area, settings_view
from putright.web.access import StaffRequest
from putright.web.pages import staff_page

#: The session key of the checked file waiting to be imported.
SESSION_UPLOAD = "putright_register_upload"
UPLOAD_DIR = "register-uploads"
#: The problems listed before the rest are only counted (as the command does).
MAX_PROBLEMS_SHOWN = 200


def _forget(request: StaffRequest) -> None:
    waiting = request.session.pop(SESSION_UPLOAD, None)
    if waiting and default_storage.exists(waiting["path"]):
        default_storage.delete(waiting["path"])


def _render(
    request: StaffRequest, form: RegisterUploadForm, check: RegisterCheck | None, **extra: Any
) -> HttpResponse:
    errors = check.errors if check is not None else []
    return staff_page(
        request,
        "staff/settings/register.html",
        {
            "form": form,
            "check": check,
            "errors": errors[:MAX_PROBLEMS_SHOWN],
            "more_errors": max(0, len(errors) - MAX_PROBLEMS_SHOWN),
            **extra,
            **settings_area("register"),
        },
        nav="settings",
        has_errors=bool(errors) or None,
    )


@settings_view
def register_import(request: StaffRequest) -> HttpResponse:
    landlord = request.landlord
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "import":
        waiting = request.session.get(SESSION_UPLOAD)
        token = request.POST.get("token", "")
        if (
            not waiting
            or not secrets.compare_digest(waiting.get("token", ""), token)
            or waiting.get("landlord") != landlord.pk
            or not default_storage.exists(waiting["path"])
        ):
            form = RegisterUploadForm()
            return _render(request, form, None, expired=True)
        with default_storage.open(waiting["path"], "rb") as stream:
            data = stream.read()
        check = register_upload_import(
            landlord=landlord, data=data, filename=waiting["filename"], by=request.user
        )
        if check.summary is not None:
            _forget(request)
            return done(
                request, f"{waiting['filename']}: {check.summary}", reverse("staff:settings")
            )
        return _render(request, RegisterUploadForm(), check, filename=waiting["filename"])
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if action == "check" and form.is_valid():
        _forget(request)
        upload = form.cleaned_data["register"]
        data = upload.read()
        check = register_upload_check(
            landlord=landlord, data=data, filename=upload.name, by=request.user
        )
        token = ""
        if check.ok:
            token = secrets.token_urlsafe(24)
            path = default_storage.save(f"{UPLOAD_DIR}/{token}.csv", ContentFile(data))
            request.session[SESSION_UPLOAD] = {
                "token": token,
                "path": path,
                "filename": upload.name,
                "landlord": landlord.pk,
            }
        return _render(request, RegisterUploadForm(), check, filename=upload.name, token=token)
    return _render(request, form, None)
