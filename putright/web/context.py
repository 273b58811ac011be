"""What every page's template is given: the branding, from one place (style.md), that is
the service name and the landlord whose name and contact details the pages show; and on
staff-area pages, what the one staff navigation needs."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from putright.landlords.models import Landlord
from putright.web.access import layout_context
from putright.web.public import public_site

SERVICE_NAME = "Putright"


def default_landlord() -> Landlord | None:
    """The only landlord of a single-landlord installation; None when there are none or
    several (then a request's own landlord comes from ``putright.web.public.public_site``)."""
    first_two = list(Landlord.objects.order_by("id")[:2])
    return first_two[0] if len(first_two) == 1 else None


def branding(request: HttpRequest) -> dict[str, object]:
    """``service_name`` and ``landlord`` for base.html: the landlord this request's public
    pages speak for (by its address, its host name, or the only one). It is looked up only
    when a template uses it, so pages that never show it (the admin) make no query for it;
    a view that passes its own ``landlord`` wins."""
    return {
        "service_name": SERVICE_NAME,
        "landlord": SimpleLazyObject(lambda: public_site(request).landlord),
    }


def staff_workspace(request: HttpRequest) -> dict[str, object]:
    """What the staff layout's navigation needs on a page a ``staff_view`` answered: who is
    signed in, as what, for which landlord, and which parts of the workspace their role
    reaches (``putright.web.access.layout_context``). Nothing on other pages."""
    membership = getattr(request, "membership", None)
    if membership is None:
        # A group's page (``group_view``) for a group's own officer or viewer, who may
        # work for no landlord: the navigation offers the group's pages only.
        group = getattr(request, "group", None)
        return {"group_slug": group.slug} if group is not None else {}
    return layout_context(membership)
