"""The landlord's publications page (Code 8.2): every year's published annual report and
self-assessment, with the governing body's approval, each file's SHA-256 and the versions
a correction superseded; and each frozen file, served from storage as it was published."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from putright.landlords.models import Landlord
from putright.portal.decorators import portal_page
from putright.reports.publications import FORMAT_NAMES, published_file, published_years
from putright.web.csp import allow_styles_of


@portal_page
def publication_list(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    return render(
        request,
        "portal/publications/list.html",
        {
            "landlord": landlord,
            "years": published_years(landlord),
            "format_names": FORMAT_NAMES,
        },
    )


@portal_page
def publication_file(
    request: HttpRequest, landlord: Landlord, year: int, kind: str, version: int, fmt: str
) -> HttpResponseBase:
    """The file as frozen when published; another landlord's is not found."""
    found = published_file(landlord, year, kind, version, fmt)
    if found is None:
        raise Http404("This landlord has published no such file.")
    name = f"{landlord.slug}-{kind}-{year}-{(year + 1) % 100:02d}-v{version}.{fmt}"
    response: HttpResponseBase
    if fmt == "html":
        # Shown in the browser as published; its own <style> let through by its hash.
        with found.file.open("rb") as stored:
            content = stored.read()
        response = allow_styles_of(
            HttpResponse(content, content_type=found.content_type), content.decode("utf-8")
        )
        response["Content-Disposition"] = f'inline; filename="{name}"'
    else:
        response = FileResponse(
            found.file.open("rb"),
            content_type=found.content_type,
            as_attachment=fmt != "pdf",
            filename=name,
        )
    response["X-Content-SHA256"] = found.sha256
    return response
