"""Signing in and out, passwords, session expiry, and who may see and do what: every
staff view checks role and landlord on the server, and a refusal is a plain-English 403
page, never a 404 that leaks or a 500 (issue 3, item 1)."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse

from putright.landlords.models import Role, StaffMembership
from putright.web.access import SESSION_LAST_SEEN
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def test_signed_out_staff_pages_ask_to_sign_in_and_come_back():
    response = Client().get("/staff/cases/CU-000001/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=%2Fstaff%2Fcases%2FCU-000001%2F"


def test_sign_in_with_the_right_password_goes_to_the_page_asked_for():
    # A handler: officers and administrators give a security code next (test_two_factor.py).
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    client = Client()

    page = client.get("/staff/sign-in/?next=/staff/residents/")
    response = client.post(
        "/staff/sign-in/",
        {"username": handler.username, "password": people.PASSWORD, "next": "/staff/residents/"},
    )

    assert "Sign in to the staff workspace" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/staff/residents/"


def test_a_wrong_password_says_so_and_keeps_the_username():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)

    response = Client().post("/staff/sign-in/", {"username": officer.username, "password": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert f'value="{officer.username}"' in html


def test_empty_sign_in_names_each_missing_field_with_a_link():
    html = Client().post("/staff/sign-in/", {}).content.decode()

    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_sign_out_is_a_post_and_ends_the_session():
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord))

    assert client.get("/staff/sign-out/").status_code == 405
    response = client.post("/staff/sign-out/", follow=True)

    assert "You have signed out." in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_a_session_idle_too_long_ends_and_the_sign_in_page_says_why(settings):
    settings.STAFF_IDLE_MINUTES = 30
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord))
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/staff/")
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert "expired=1" in response["Location"]
    assert "You were signed out because your session ended" in page.content.decode()
    assert "after 30 minutes" in page.content.decode()
    assert client.get("/staff/").status_code == 302


def test_a_session_in_use_does_not_expire(settings):
    settings.STAFF_IDLE_MINUTES = 30
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord))
    client.get("/staff/")
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()

    assert client.get("/staff/").status_code == 200


def test_change_password_checks_the_current_one_and_keeps_the_person_signed_in():
    landlord = factories.landlord()
    viewer = people.staff(landlord, Role.VIEWER)
    client = people.signed_in(viewer)

    wrong = client.post(
        "/staff/account/password/",
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    right = client.post(
        "/staff/account/password/",
        {
            "old_password": people.PASSWORD,
            "new_password1": "river-kettle-orchard-42",
            "new_password2": "river-kettle-orchard-42",
        },
        follow=True,
    )

    assert "Your current password is not right" in wrong.content.decode()
    assert "Your password has been changed." in right.content.decode()
    viewer.refresh_from_db()
    assert viewer.check_password("river-kettle-orchard-42")
    assert client.get("/staff/").status_code == 200


def test_someone_who_works_for_no_landlord_gets_a_plain_403():
    user = get_user_model().objects.create_user("stranger", password=people.PASSWORD)
    client = Client()
    client.force_login(user)

    response = client.get("/staff/")

    assert response.status_code == 403
    assert "Your account does not work for any landlord yet." in response.content.decode()


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.HANDLER, Role.SENIOR_HANDLER, Role.VIEWER, Role.ADMINISTRATOR]
)
def test_every_role_sees_the_queue_and_the_case(role):
    landlord = factories.landlord()
    c = people.logged(landlord)
    client = people.signed_in(people.staff(landlord, role))

    assert client.get("/staff/").status_code == 200
    assert client.get(f"/staff/cases/{c.reference}/").status_code == 200


def test_a_case_of_another_landlord_is_not_found():
    mine, theirs = factories.landlord(), factories.landlord()
    theirs_case = people.logged(theirs)
    mine_case = people.logged(mine)
    client = people.signed_in(people.staff(mine))

    assert theirs_case.reference == mine_case.reference  # each landlord numbers its own
    response = client.get(f"/staff/cases/{theirs_case.reference}/")
    assert response.status_code == 200
    assert response.context["complaint"].pk == mine_case.pk
    assert client.get("/staff/cases/CU-999999/").status_code == 404


def test_a_viewer_sees_no_command_and_every_post_is_refused():
    landlord = factories.landlord()
    c = people.logged(landlord)
    client = people.signed_in(people.staff(landlord, Role.VIEWER))

    case = client.get(f"/staff/cases/{c.reference}/").content.decode()
    form = client.get(f"/staff/cases/{c.reference}/triage/")
    post = client.post(f"/staff/cases/{c.reference}/add_note/", {"text": "Hello"})
    resident = client.post("/staff/residents/new/", {"name": "Someone"})

    assert "You can read this case but your role cannot change it." in case
    assert "/triage/" not in case
    assert form.status_code == 403
    assert post.status_code == 403
    assert "Your role can read complaints but not change them." in post.content.decode() or (
        "Your role does not allow you to use this page." in post.content.decode()
    )
    assert resident.status_code == 403
    assert c.events.count() == 1


def test_a_contractor_sees_only_its_own_allocations():
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel Property Services")
    greenway = people.contractor(landlord, "Greenway Grounds")
    ours = people.logged(landlord, contractor=kestrel, description="Kestrel's case")
    theirs = people.logged(landlord, contractor=greenway, description="Greenway's case")
    landlords_own = people.logged(landlord, description="The landlord's own case")
    client = people.signed_in(people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel))

    queue = client.get("/staff/?scope=all").content.decode()
    refused = client.get(f"/staff/cases/{theirs.reference}/")
    refused_post = client.post(f"/staff/cases/{theirs.reference}/add_note/", {"text": "x"})
    unknown = client.get("/staff/cases/CU-999999/")

    assert ours.reference in queue
    assert theirs.reference not in queue
    assert landlords_own.reference not in queue
    assert client.get(f"/staff/cases/{ours.reference}/").status_code == 200
    for response in (refused, refused_post, unknown):
        assert response.status_code == 403
        assert "This complaint is not allocated to your organisation." in response.content.decode()
    assert theirs.events.count() == 1


def test_only_officers_and_administrators_see_equality_data_and_letter_templates():
    landlord = factories.landlord()
    person = people.resident(landlord)
    for role, allowed in (
        (Role.OFFICER, True),
        (Role.ADMINISTRATOR, True),
        (Role.HANDLER, False),
        (Role.SENIOR_HANDLER, False),
        (Role.VIEWER, False),
    ):
        client = people.signed_in(people.staff(landlord, role))
        for url in (f"/staff/residents/{person.pk}/equality/", "/staff/letter-templates/"):
            assert client.get(url).status_code == (200 if allowed else 403), (role, url)


def test_only_administrators_see_the_access_log():
    landlord = factories.landlord()
    assert (
        people.signed_in(people.staff(landlord, Role.ADMINISTRATOR))
        .get("/staff/access-log/")
        .status_code
        == 200
    )
    assert (
        people.signed_in(people.staff(landlord, Role.OFFICER)).get("/staff/access-log/").status_code
        == 403
    )


def test_someone_working_for_two_landlords_chooses_which():
    first = factories.landlord("A Homes")
    second = factories.landlord("B Homes")
    user = people.staff(first, Role.OFFICER)
    StaffMembership.objects.create(user=user, landlord=second, role=Role.VIEWER)
    second_case = people.logged(second, description="Only at B Homes")
    client = people.signed_in(user)

    before = client.get("/staff/").content.decode()
    client.post("/staff/account/landlord/", {"landlord": second.pk})
    after = client.get("/staff/?state=any").content.decode()

    assert "A Homes" in before
    assert "B Homes" in after
    assert second_case.reference in after
    assert "viewer" in after.lower()


def test_a_session_that_ended_on_the_server_sends_to_sign_in_saying_so():
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-no-longer-exists"

    response = client.get("/staff/")

    assert response["Location"] == "/staff/sign-in/?next=%2Fstaff%2F&expired=1"


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def test_the_menu_offers_each_role_only_what_it_may_use():
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel")
    menus = {}
    for role in (
        Role.OFFICER,
        Role.HANDLER,
        Role.VIEWER,
        Role.ADMINISTRATOR,
        Role.CONTRACTOR_HANDLER,
    ):
        user = people.staff(
            landlord, role, contractor=kestrel if role == Role.CONTRACTOR_HANDLER else None
        )
        html = people.signed_in(user).get("/staff/").content.decode()
        menu = html[
            html.index('aria-label="Staff menu"') : html.index(
                "</nav>", html.index('aria-label="Staff menu"')
            )
        ]
        menus[role] = menu

    assert "Log a contact" in menus[Role.OFFICER] and "Log a contact" not in menus[Role.VIEWER]
    assert (
        "Letter templates" in menus[Role.OFFICER] and "Letter templates" not in menus[Role.HANDLER]
    )
    assert "Access log" in menus[Role.ADMINISTRATOR] and "Access log" not in menus[Role.OFFICER]
    if _url_or_none("reports:index"):
        assert "Reports" in menus[Role.VIEWER] and "Reports" not in menus[Role.HANDLER]
    if _url_or_none("ombudsman:index"):
        assert (
            "Ombudsman" in menus[Role.HANDLER] and "Ombudsman" not in menus[Role.CONTRACTOR_HANDLER]
        )
