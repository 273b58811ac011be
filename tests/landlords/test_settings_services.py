"""The settings services (issue 15): only the landlord's administrators change its
settings, never another landlord's; every change is on the audit log with who, when and
what; the rules of each list hold."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from PIL import Image

from putright.landlords import services
from putright.landlords.invitations import invitation_parts, invitation_tokens
from putright.landlords.models import (
    ClosureDay,
    Contractor,
    Division,
    HomesCount,
    Role,
    ServiceArea,
    SettingsChange,
    StaffMembership,
)
from putright.landlords.permissions import can_see, membership
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def link_for(user: User) -> str:
    uid, token = invitation_parts(user)
    return f"https://putright.example/staff/invite/{uid}/{token}/"


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes")


@pytest.fixture
def admin(landlord):
    return factories.user(
        landlord=landlord, role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin"
    )


# Who may change settings ------------------------------------------------------------------


def _every_change(landlord, by):
    """One call of each settings service, for the permission checks."""
    return [
        lambda: services.division_add(landlord=landlord, name="Housing", by=by),
        lambda: services.service_area_add(landlord=landlord, name="Repairs", division=None, by=by),
        lambda: services.contractor_add(landlord=landlord, name="Fixit", email="", by=by),
        lambda: services.closure_day_add(
            landlord=landlord, date=dt.date(2026, 12, 29), description="", by=by
        ),
        lambda: services.homes_count_set(
            landlord=landlord, year=2026, counts={"lcra": 1, "lcho": 0}, by=by
        ),
        lambda: services.landlord_policy_set(landlord=landlord, escalation_window_days=35, by=by),
        lambda: services.landlord_contact_set(
            landlord=landlord,
            name="Riverside Homes",
            address="1 High St",
            phone="0",
            email="",
            website="",
            by=by,
        ),
        lambda: services.landlord_logo_set(landlord=landlord, data=_png(), by=by),
        lambda: services.staff_invite(
            landlord=landlord,
            email="new@example.org",
            first_name="N",
            last_name="P",
            role=Role.HANDLER,
            link_for=link_for,
            by=by,
        ),
    ]


@pytest.mark.parametrize("role", [Role.HANDLER, Role.OFFICER, Role.VIEWER, Role.SENIOR_HANDLER])
def test_only_an_administrator_changes_settings(landlord, role):
    someone = factories.user(landlord=landlord, role=role)
    for change in _every_change(landlord, someone):
        with pytest.raises(PermissionDenied, match="Only the landlord's administrators"):
            change()
    assert not SettingsChange.objects.exists()
    assert not ServiceArea.objects.exists()


def test_another_landlords_administrator_cannot_change_settings(landlord):
    other = factories.landlord("Other Homes")
    their_admin = factories.user(landlord=other, role=Role.ADMINISTRATOR)
    for change in _every_change(landlord, their_admin):
        with pytest.raises(PermissionDenied, match="You do not work for this landlord"):
            change()
    assert not SettingsChange.objects.exists()


def test_every_change_is_on_the_audit_log_with_who_and_what(landlord, admin):
    for change in _every_change(landlord, admin):
        change()
    log = list(SettingsChange.objects.filter(landlord=landlord).order_by("at", "id"))
    assert [c.section for c in log] == [
        "service_areas",
        "service_areas",
        "contractors",
        "closure_days",
        "homes",
        "policy",
        "contact",
        "letterhead",
        "staff",
    ]
    assert {c.by for c in log} == {admin}
    assert {c.by_name for c in log} == {"Ada Admin"}
    policy = next(c for c in log if c.section == "policy")
    assert policy.changes == {"escalation_window_days": {"old": 28, "new": 35}}
    assert "escalation window" in policy.summary.lower()


def test_a_change_that_changes_nothing_leaves_no_entry(landlord, admin):
    services.landlord_policy_set(landlord=landlord, escalation_window_days=28, by=admin)
    assert not SettingsChange.objects.exists()


# Staff and invitations ----------------------------------------------------------------------


def test_an_invitation_makes_an_account_without_a_password_and_emails_a_one_time_link(
    landlord, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = services.staff_invite(
            landlord=landlord,
            email="Sam.Jones@Example.org",
            first_name="Sam",
            last_name="Jones",
            role=Role.SENIOR_HANDLER,
            team="North",
            link_for=link_for,
            by=admin,
        )
    user = m.user
    assert user.username == "sam.jones@example.org"
    assert not user.has_usable_password()
    assert (m.role, m.team, m.active) == (Role.SENIOR_HANDLER, "North", True)
    (email,) = mail.outbox
    assert email.to == ["sam.jones@example.org"]
    assert "https://putright.example/staff/invite/" in email.body
    assert "7 days" in email.body
    token = email.body.split("/staff/invite/")[1].split("/")[1]
    services.staff_invite_accept(user=user, token=token, password="correct horse battery")
    user.refresh_from_db()
    assert user.check_password("correct horse battery")
    with pytest.raises(RuleError, match="expired or has already been used"):
        services.staff_invite_accept(user=user, token=token, password="another long password")


def test_an_invitation_link_expires_after_seven_days(landlord, admin, time_machine):
    m = services.staff_invite(
        landlord=landlord,
        email="late@example.org",
        first_name="L",
        last_name="Ate",
        role=Role.HANDLER,
        link_for=link_for,
        by=admin,
    )
    _, token = invitation_parts(m.user)
    sent = timezone.now()
    time_machine.move_to(sent + dt.timedelta(days=6, hours=23))
    assert invitation_tokens.check_token(m.user, token)
    time_machine.move_to(sent + dt.timedelta(days=7, hours=1))
    assert not invitation_tokens.check_token(m.user, token)
    with pytest.raises(RuleError, match="expired"):
        services.staff_invite_accept(user=m.user, token=token, password="a long enough password")


def test_a_new_link_replaces_the_old_one(landlord, admin):
    m = services.staff_invite(
        landlord=landlord,
        email="re@example.org",
        first_name="R",
        last_name="E",
        role=Role.HANDLER,
        link_for=link_for,
        by=admin,
    )
    _, old = invitation_parts(m.user)
    services.staff_invite_resend(membership=m, link_for=link_for, by=admin)
    m.user.refresh_from_db()
    assert not invitation_tokens.check_token(m.user, old)


def test_a_password_too_weak_is_refused_on_its_field(landlord, admin):
    m = services.staff_invite(
        landlord=landlord,
        email="weak@example.org",
        first_name="W",
        last_name="K",
        role=Role.HANDLER,
        link_for=link_for,
        by=admin,
    )
    _, token = invitation_parts(m.user)
    with pytest.raises(RuleError) as refused:
        services.staff_invite_accept(user=m.user, token=token, password="short")
    assert "password" in refused.value.problems


def test_a_person_works_for_two_landlords_with_a_role_in_each(landlord, admin):
    other = factories.landlord("First Wave Housing")
    other_admin = factories.user(landlord=other, role=Role.ADMINISTRATOR)
    person = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, email="pat@example.org")
    m = services.staff_invite(
        landlord=other,
        email="PAT@example.org",
        first_name="Pat",
        last_name="Lee",
        role=Role.VIEWER,
        link_for=link_for,
        by=other_admin,
    )
    assert m.user == person
    assert person.has_usable_password()  # keeps their password: no new link
    assert membership(person, landlord).role == Role.SENIOR_HANDLER
    assert membership(person, other).role == Role.VIEWER


def test_inviting_someone_who_already_works_here_is_refused(landlord, admin):
    factories.user(landlord=landlord, role=Role.HANDLER, email="h@example.org")
    with pytest.raises(RuleError, match="already works for Riverside Homes"):
        services.staff_invite(
            landlord=landlord,
            email="h@example.org",
            first_name="H",
            last_name="X",
            role=Role.HANDLER,
            link_for=link_for,
            by=admin,
        )


def test_a_contractor_handler_names_one_of_the_landlords_contractors(landlord, admin):
    theirs = factories.contractor(factories.landlord("Other"))
    for contractor in (None, theirs):
        with pytest.raises(RuleError):
            services.staff_invite(
                landlord=landlord,
                email="c@example.org",
                first_name="C",
                last_name="H",
                role=Role.CONTRACTOR_HANDLER,
                contractor=contractor,
                link_for=link_for,
                by=admin,
            )


def test_deactivated_at_one_landlord_works_on_at_the_other(landlord, admin):
    other = factories.landlord("First Wave Housing")
    person = factories.user(landlord=landlord, role=Role.HANDLER)
    StaffMembership.objects.create(user=person, landlord=other, role=Role.OFFICER)
    m = StaffMembership.objects.get(user=person, landlord=landlord)
    services.staff_deactivate(membership=m, by=admin)
    person.refresh_from_db()
    assert membership(person, landlord) is None
    assert not can_see(person, landlord, None)
    assert membership(person, other) is not None
    assert person.is_active  # still works for the other landlord
    services.staff_reactivate(membership=m, by=admin)
    assert membership(person, landlord).role == Role.HANDLER


def test_deactivated_at_their_only_landlord_they_cannot_sign_in(landlord, admin):
    person = factories.user(landlord=landlord, role=Role.HANDLER)
    services.staff_deactivate(membership=StaffMembership.objects.get(user=person), by=admin)
    person.refresh_from_db()
    assert not person.is_active


def test_the_landlord_always_keeps_an_administrator(landlord, admin):
    mine = StaffMembership.objects.get(user=admin)
    with pytest.raises(RuleError, match="cannot deactivate yourself"):
        services.staff_deactivate(membership=mine, by=admin)
    with pytest.raises(RuleError, match="only administrator"):
        services.staff_membership_change(
            membership=mine, role=Role.OFFICER, team="", contractor=None, by=admin
        )
    with pytest.raises(RuleError, match="only administrator"):
        services.staff_deactivate(membership=mine, by=None)


def test_a_role_change_is_logged_with_old_and_new(landlord, admin):
    person = factories.user(landlord=landlord, role=Role.HANDLER, first_name="Sam", last_name="J")
    m = StaffMembership.objects.get(user=person)
    services.staff_membership_change(
        membership=m, role=Role.SENIOR_HANDLER, team="North", contractor=None, by=admin
    )
    entry = SettingsChange.objects.get()
    assert entry.changes["role"] == {"old": "handler", "new": "senior_handler"}
    assert entry.changes["team"] == {"old": "", "new": "North"}
    assert "Sam J" in entry.summary


# Lists ---------------------------------------------------------------------------------


def test_service_areas_and_divisions(landlord, admin):
    housing = services.division_add(landlord=landlord, name=" Housing  Management ", by=admin)
    assert housing.name == "Housing Management"
    area = services.service_area_add(landlord=landlord, name="Repairs", division=housing, by=admin)
    with pytest.raises(RuleError, match="already has a service area called repairs"):
        services.service_area_add(landlord=landlord, name="repairs", division=None, by=admin)
    theirs = Division.objects.create(landlord=factories.landlord("Other"), name="X")
    with pytest.raises(RuleError, match="this landlord's divisions"):
        services.service_area_change(area=area, name="Repairs", division=theirs, by=admin)
    services.service_area_change(area=area, name="Responsive repairs", division=None, by=admin)
    area.refresh_from_db()
    assert (area.name, area.division) == ("Responsive repairs", None)


def test_contractors_and_closure_days(landlord, admin):
    c = services.contractor_add(
        landlord=landlord, name="Fixit Ltd", email="a@fixit.example", by=admin
    )
    with pytest.raises(RuleError, match="correct format"):
        services.contractor_change(contractor=c, name="Fixit Ltd", email="not an email", by=admin)
    assert Contractor.objects.get().email == "a@fixit.example"
    day = services.closure_day_add(
        landlord=landlord, date=dt.date(2026, 12, 29), description="Christmas", by=admin
    )
    assert not landlord.calendar().is_working_day(dt.date(2026, 12, 29))
    with pytest.raises(RuleError, match="already a closure day"):
        services.closure_day_add(
            landlord=landlord, date=dt.date(2026, 12, 29), description="", by=admin
        )
    with pytest.raises(RuleError, match="weekend"):
        services.closure_day_add(
            landlord=landlord, date=dt.date(2026, 12, 26), description="", by=admin
        )
    services.closure_day_remove(day=day, by=admin)
    assert not ClosureDay.objects.exists()
    assert SettingsChange.objects.filter(summary__startswith="Removed the closure day").exists()


def test_homes_count_for_a_year(landlord, admin):
    services.homes_count_set(
        landlord=landlord, year=2025, counts={"lcra": 8200, "lcho": 310}, by=admin
    )
    assert landlord.homes_at_end_of(2025).total == 8510
    with pytest.raises(RuleError):
        services.homes_count_set(landlord=landlord, year=2025, counts={"lcra": -1}, by=admin)
    with pytest.raises(RuleError, match="not counted by bedsits"):
        services.homes_count_set(landlord=landlord, year=2025, counts={"bedsits": 1}, by=admin)
    # Property types are optional; given, they add up to the homes owned.
    with pytest.raises(RuleError, match="must add up to the homes owned"):
        services.homes_count_set(landlord=landlord, year=2025, counts={"flats": 1}, by=admin)
    services.homes_count_set(
        landlord=landlord, year=2025, counts={"flats": 6000, "houses": 2510}, by=admin
    )
    saved = HomesCount.objects.get()
    assert (saved.lcra, saved.flats, saved.houses, saved.other) == (8200, 6000, 2510, None)


def test_a_logo_must_be_a_small_png_or_jpeg(landlord, admin):
    services.landlord_logo_set(landlord=landlord, data=_png(), by=admin)
    landlord.refresh_from_db()
    assert landlord.logo_type == "image/png"
    assert landlord.logo_data_uri.startswith("data:image/png;base64,")
    bad = {
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>": "PNG or JPEG",
        b"GIF89a not really": "PNG or JPEG",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 10: "PNG or JPEG",
        b"x" * (services.LOGO_MAX_BYTES + 1): "smaller than 200 KB",
        _png((2400, 10)): "at most 2000 pixels",
    }
    for data, message in bad.items():
        with pytest.raises(RuleError, match=message):
            services.landlord_logo_set(landlord=landlord, data=data, by=admin)
    services.landlord_logo_set(landlord=landlord, data=None, by=admin)
    landlord.refresh_from_db()
    assert landlord.logo_type == "" and landlord.logo_data_uri == ""


def test_the_escalation_window_is_bounded(landlord, admin):
    for days in (0, 366):
        with pytest.raises(RuleError, match="from 1 to 365 days"):
            services.landlord_policy_set(landlord=landlord, escalation_window_days=days, by=admin)


def test_contact_details_refuse_another_landlords_name_and_a_bad_website(landlord, admin):
    factories.landlord("First Wave Housing")
    with pytest.raises(RuleError, match="already called"):
        services.landlord_contact_set(
            landlord=landlord,
            name="first wave housing",
            address="",
            phone="",
            email="",
            website="",
            by=admin,
        )
    with pytest.raises(RuleError, match="full address"):
        services.landlord_contact_set(
            landlord=landlord,
            name="Riverside Homes",
            address="",
            phone="",
            email="",
            website="javascript:alert(1)",
            by=admin,
        )


class TestEveryPolicyBandsSetIsCheckedByTheRules(HypothesisTestCase):
    """The landlord's compensation bands are saved only when ``rules.remedies.band_problems``
    finds nothing wrong, and then exactly as entered."""

    @hypothesis_settings(max_examples=40, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=-10, max_value=2000),
                st.one_of(st.none(), st.integers(min_value=-10, max_value=3000)),
            ),
            max_size=5,
        )
    )
    def test_saved_only_when_the_rules_allow(self, pairs):
        from putright.ombudsman.models import GuidanceBand
        from putright.ombudsman.services import policy_bands_set
        from putright.rules.remedies import Band, Edition, band_problems

        landlord = factories.landlord()
        admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
        bands = [
            Band(f"Impact {i}", Decimal(lo), None if hi is None else Decimal(hi))
            for i, (lo, hi) in enumerate(pairs, start=1)
        ]
        problems = band_problems(bands)
        if problems:
            with pytest.raises(RuleError):
                policy_bands_set(landlord=landlord, bands=bands, by=admin)
            assert not GuidanceBand.objects.filter(landlord=landlord).exists()
        else:
            policy_bands_set(landlord=landlord, bands=bands, by=admin)
            saved = GuidanceBand.objects.filter(
                landlord=landlord, edition=Edition.LANDLORD_POLICY
            ).order_by("position")
            assert [(b.lower, b.upper) for b in saved] == [(b.lower, b.upper) for b in bands]
            assert SettingsChange.objects.filter(landlord=landlord).count() == (1 if bands else 0)
