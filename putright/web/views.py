"""Pages every deployment needs: the start page, the health check and the error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from putright.rules.timescales import ACKNOWLEDGEMENT_WORKING_DAYS, RESPONSE_WORKING_DAYS
from putright.web.context import SERVICE_NAME, default_landlord


def healthz(request: HttpRequest) -> HttpResponse:
    """200 and ``ok`` when the app and the database answer (for a load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def web_address(address: str) -> str:
    """A link target for a web address stored with or without its scheme
    ("housing-ombudsman.org.uk" becomes "https://housing-ombudsman.org.uk")."""
    if not address or "://" in address:
        return address
    return f"https://{address}"


def start(request: HttpRequest) -> HttpResponse:
    """The start page: what a complaint is, the two stages and their timescales (Code 6.2,
    6.3, 6.15), the other ways to complain and the Housing Ombudsman's contact details.
    Without a landlord there is nobody to complain to: say how to set one up instead."""
    landlord = default_landlord()
    if landlord is None:
        return render(request, "web/no_landlord.html", {"landlord": None})
    return render(
        request,
        "web/start.html",
        {
            "landlord": landlord,
            "acknowledgement_days": ACKNOWLEDGEMENT_WORKING_DAYS,
            "stage1_response_days": RESPONSE_WORKING_DAYS[1],
            "stage2_response_days": RESPONSE_WORKING_DAYS[2],
            "ombudsman_website_url": web_address(landlord.ombudsman_website),
        },
    )


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the database or context processors: whatever broke
    the request may have been the database, and this page must still show."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"service_name": SERVICE_NAME, "landlord": None})
    )
