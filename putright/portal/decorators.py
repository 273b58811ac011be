"""What every portal page needs: the landlord it speaks for, and no caching of what it shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from putright.web.context import default_landlord


def portal_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Pass the landlord the public pages speak for as ``landlord``, or show how to set one
    up when there is none. Responses are never cached: they hold what a person typed or
    their complaint."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        landlord = default_landlord()
        if landlord is None:
            return render(request, "web/no_landlord.html", {"landlord": None})
        return view(request, landlord, *args, **kwargs)

    return wrapped
