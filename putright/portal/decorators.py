"""What every portal page needs: the landlord it speaks for, and no caching of what it shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from putright.web.languages import in_chosen_language
from putright.web.public import public_site


def portal_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Pass the landlord the public pages speak for (``putright.web.public``) as
    ``landlord``. With several landlords and none chosen by the address, send the resident
    to the list of landlords to choose from; with none, show how to set one up. Responses
    are never cached: they hold what a person typed or their complaint. The page is in the
    language the resident chose, where the landlord offers it (``web.languages``)."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        site = public_site(request)
        if site.landlord is None:
            if site.choosing:
                return redirect(site.chooser_url())
            return render(request, "web/no_landlord.html", {"landlord": None})
        landlord = site.landlord
        return in_chosen_language(
            request, landlord, lambda: view(request, landlord, *args, **kwargs)
        )

    return wrapped
