"""Pages every deployment needs: the start page, the health check and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from putright.landlords.models import Landlord
from putright.rules.timescales import ACKNOWLEDGEMENT_WORKING_DAYS, RESPONSE_WORKING_DAYS
from putright.web.context import SERVICE_NAME
from putright.web.health import FAILING, OK, health
from putright.web.languages import in_chosen_language
from putright.web.public import PAGES, landlord_path, public_site


def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer and monitoring (README, "Health and metrics"): 200 when the
    database answers and the worker keeps up with its queue (``web.health``), else 503
    saying what failed. Plain ``ok`` as it always was (interfaces.md); JSON with each
    check when asked for (``Accept: application/json`` or ``?format=json``). No sign-in,
    and nothing about any person."""
    checks = health()
    failing = [c.problem for c in checks.values() if c.status == FAILING]
    status = 503 if failing else 200
    wants_json = request.GET.get("format") == "json" or (
        request.get_preferred_type(["text/plain", "application/json"]) == "application/json"
    )
    if wants_json:
        body = {
            "status": FAILING if failing else OK,
            "checks": {
                name: {
                    "status": c.status,
                    **({"problem": c.problem} if c.problem else {}),
                    **c.figures,
                }
                for name, c in checks.items()
            },
        }
        return JsonResponse(body, status=status)
    text = "\n".join(failing) if failing else OK
    return HttpResponse(text, status=status, content_type="text/plain")


def web_address(address: str) -> str:
    """A link target for a web address stored with or without its scheme
    ("housing-ombudsman.org.uk" becomes "https://housing-ombudsman.org.uk")."""
    if not address or "://" in address:
        return address
    return f"https://{address}"


def start(request: HttpRequest) -> HttpResponseBase:
    """The start page: what a complaint is, the two stages and their timescales (Code 6.2,
    6.3, 6.15), the other ways to complain and the Housing Ombudsman's contact details, in
    the language the resident chose of those the landlord offers (``web.languages``).
    With several landlords and none chosen by the address, list them to choose from;
    without a landlord there is nobody to complain to: say how to set one up instead."""
    site = public_site(request)
    landlord = site.landlord
    if landlord is None:
        if site.choosing:
            return choose_landlord(request)
        return render(request, "web/no_landlord.html", {"landlord": None})
    return in_chosen_language(
        request,
        landlord,
        lambda: render(
            request,
            "web/start.html",
            {
                "landlord": landlord,
                "acknowledgement_days": ACKNOWLEDGEMENT_WORKING_DAYS,
                "stage1_response_days": RESPONSE_WORKING_DAYS[1],
                "stage2_response_days": RESPONSE_WORKING_DAYS[2],
                "ombudsman_website_url": web_address(landlord.ombudsman_website),
            },
        ),
    )


def choose_landlord(request: HttpRequest) -> HttpResponse:
    """Every landlord of the installation, each linking to its own public pages: to the
    page the resident asked for at the root (``?for=track``), else its start page."""
    page = request.GET.get("for", "")
    page = page if page in PAGES else ""
    choices = [
        {"landlord": landlord, "url": landlord_path(landlord, page)}
        for landlord in Landlord.objects.order_by("name")
    ]
    return render(
        request,
        "web/choose_landlord.html",
        {"landlord": None, "choices": choices, "page": page},
    )


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the database or context processors: whatever broke
    the request may have been the database, and this page must still show."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"service_name": SERVICE_NAME, "landlord": None})
    )
