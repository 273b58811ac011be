"""What the settings pages share: who may use them, the links between them, and the
audit log's and checklist's links to each."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from putright.landlords.permissions import SETTINGS_REFUSAL, SETTINGS_ROLES
from putright.web.access import staff_view
from putright.web.pages import area_pages

#: Every settings page: for the landlord's administrators.
settings_view = staff_view(SETTINGS_ROLES, refusal=SETTINGS_REFUSAL)

#: The settings pages, as the links under the staff navigation.
PAGES = (
    ("home", "staff:settings", "Set up"),
    ("staff", "staff:settings_staff", "Staff"),
    ("service_areas", "staff:settings_service_areas", "Service areas"),
    ("contractors", "staff:settings_contractors", "Contractors"),
    ("closure_days", "staff:settings_closure_days", "Closure days"),
    ("homes", "staff:settings_homes", "Homes"),
    ("policy", "staff:settings_policy", "Complaints policy"),
    ("contact", "staff:settings_contact", "Contact details"),
    ("languages", "staff:settings_languages", "Portal languages"),
    ("ombudsman", "staff:settings_ombudsman", "Ombudsman"),
    ("mrc", "staff:settings_mrc", "Member Responsible for Complaints"),
    ("letterhead", "staff:settings_letterhead", "Letterhead"),
    ("register", "staff:register_import", "Import a register"),
    ("changes", "staff:settings_changes", "Changes"),
)

#: Where each step of the set-up checklist is done.
STEP_PAGES = {
    "contact": "staff:settings_contact",
    "service_areas": "staff:settings_service_areas",
    "staff": "staff:settings_staff",
    "homes": "staff:settings_homes",
    "register": "staff:register_import",
}


def settings_area(current: str) -> dict[str, Any]:
    return area_pages(
        "Settings", [(name, reverse(url), text) for name, url, text in PAGES], current
    )
