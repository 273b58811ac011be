"""The "Say thank you" page of a landlord's public pages: one short form, sent as a
compliment to the landlord (``compliments.services.compliment_record``, channel ``web``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from putright.compliments.services import compliment_record
from putright.landlords.models import Landlord, ServiceArea
from putright.portal import ratelimit
from putright.portal.decorators import portal_page
from putright.portal.thanks.forms import ThanksForm
from putright.rules.codes import Channel
from putright.rules.lifecycle import RuleError
from putright.web.govuk import add_problems

#: The session key that lets the confirmation show, for the landlord thanked.
SENT_KEY = "thanks_sent"


@portal_page
@require_http_methods(["GET", "POST"])
def say_thank_you(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """The form. Sent from one address too often in an hour, it is refused with what was
    typed still there (``ratelimit``, scope "compliment")."""
    form = ThanksForm(request.POST or None, landlord=landlord)
    if request.method == "POST" and form.is_valid():
        if ratelimit.hit("compliment", ratelimit.client_key(request)):
            form.add_error(
                None,
                _(
                    "You have sent too many thank-yous in a short time. Try again in an hour. "
                    "What you wrote is still here."
                ),
            )
        else:
            d = form.cleaned_data
            area = (
                ServiceArea.objects.filter(pk=int(d["service_area"]), landlord=landlord).first()
                if d["service_area"]
                else None
            )
            try:
                compliment_record(
                    landlord=landlord,
                    words=d["words"],
                    staff_named=d["staff_named"],
                    service_area=area,
                    giver_name=d["giver_name"],
                    giver_email=d["giver_email"],
                    channel=Channel.WEB,
                    by=None,
                )
            except RuleError as error:
                add_problems(form, error.problems)
            else:
                request.session[SENT_KEY] = landlord.pk
                return redirect("thanks:sent")
    return render(
        request,
        "portal/thanks/form.html",
        {"form": form, "landlord": landlord, "has_errors": bool(form.errors)},
    )


@portal_page
def sent(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """The confirmation, once; anyone else is sent to the form."""
    if request.session.pop(SENT_KEY, None) != landlord.pk:
        return redirect("thanks:form")
    return render(request, "portal/thanks/sent.html", {"landlord": landlord})
