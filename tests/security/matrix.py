"""The access matrix: who gets what from every staff page, every public page, every API
operation and every command (issues 14 and 15). ``test_access_matrix.py`` walks the URL
patterns, the API's OpenAPI schema and Django's command list, and fails for anything
without a row here, naming it and this file.

A row says what each person gets, by role, from the route asked with a record in each
relation to them. The answers follow least privilege (docs/security.md, "Access matrix"):

- the landlord's own staff (officer, senior handler, handler, administrator, and a viewer
  for what only reads) see every record of their landlord, allocated to them or not; the
  workspace is the team's, not each handler's;
- a contractor's handler sees and acts only on the complaints allocated to its contractor
  and their residents; anything else is refused with the 403 page, whether or not it
  exists, so a refusal leaks nothing;
- a viewer reads and never writes;
- another landlord's record is not found (404) for the landlord's own staff;
- signed out, every staff page sends to the sign-in page;
- an API key reads everything of its own landlord and nothing of another's (404); a
  read-only key gets 403 on every write, whatever it sends; no key, 401.

To add a row, add the URL's name (``"staff:case"``, ``"reports:annual"``) to ``URLS`` or
the API operation (method and path as the schema gives them) to ``OPERATIONS``, with the
rule for its answers and the records its URL names (``kwargs``, keys of ``RECORDS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Who asks -----------------------------------------------------------------------------

SIGNED_OUT = "signed out"
OFFICER = "officer"
SENIOR = "senior handler"
HANDLER = "handler"
CONTRACTOR = "contractor's handler"
VIEWER = "viewer"
ADMINISTRATOR = "administrator"
#: Every person the staff pages are asked by, signed out first.
STAFF = (SIGNED_OUT, OFFICER, SENIOR, HANDLER, CONTRACTOR, VIEWER, ADMINISTRATOR)

NO_KEY = "no key"
READ_KEY = "API read key"
WRITE_KEY = "API write key"
#: A group key (issue 15, item 5), of a group the landlord is in: it reads the group's
#: reports and nothing else, and never writes.
GROUP_KEY = "API group key"
#: Everyone the API is asked by.
KEYS = (NO_KEY, READ_KEY, WRITE_KEY, GROUP_KEY)

# The record's relation to whoever asks ------------------------------------------------

#: The landlord's complaint handled in house, allocated to the handler.
OWN = "own landlord, allocated"
#: The landlord's complaint allocated to the contractor whose handler asks.
CONTRACTORS = "contractor's allocation"
#: The landlord's complaint allocated to neither the person asking nor its contractor: to a
#: colleague in house (a complaint waiting for triage, to nobody).
UNALLOCATED = "not allocated"
#: Another landlord's complaint (with a reference the landlord asking does not have).
OTHER = "other landlord"
RELATIONS = (OWN, CONTRACTORS, UNALLOCATED, OTHER)
#: A page that names no record (the queue, a report): asked once, for one's own landlord.
NO_RECORD = "no record"

# Answers ------------------------------------------------------------------------------

OK = "200"
MOVED = "302 elsewhere"  # a redirect that is not to the sign-in page
SIGN_IN = "302 to sign in"
UNAUTHENTICATED = "401"
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
VERSION = "412"  # an API command let in, stopped by If-Match "0" before it changes anything
LET_IN = "let in"  # an API write let in: 2xx, or the rules' 409 or 422; never 401, 403, 404

Rule = Callable[[str, str], str]


# Roles, as sets ----------------------------------------------------------------------

ANYONE = frozenset(STAFF) - {SIGNED_OUT}
#: Roles that change records (web/access.py ACTING_ROLES): all but a viewer.
ACTING = ANYONE - {VIEWER}
#: The landlord's own staff who change records (landlords/permissions.py OWN_STAFF_ROLES).
OWN_STAFF = ACTING - {CONTRACTOR}
#: Every role but a contractor's handler (Ombudsman and learning pages, the workload).
LANDLORDS_PEOPLE = ANYONE - {CONTRACTOR}
#: Ombudsman casework is recorded by these (ombudsman/permissions.py LINK_ROLES).
LINK = frozenset({OFFICER, SENIOR, ADMINISTRATOR})
#: The reports are read by these (reports/access.py REPORT_ROLES) ...
REPORTS = frozenset({VIEWER, OFFICER, ADMINISTRATOR})
#: ... and kept by these (REPORT_EDITORS); also the letter templates and equality data.
EDITORS = frozenset({OFFICER, ADMINISTRATOR})
#: Only administrators read the access log.
AUDIT = frozenset({ADMINISTRATOR})
#: Those who may say when someone else is away (staff/services ABSENCE_ROLES).
ABSENCE = frozenset({OFFICER, ADMINISTRATOR})
#: The landlord's settings are kept by its administrators (landlords/permissions.py
#: SETTINGS_ROLES).
SETTINGS = frozenset({ADMINISTRATOR})


def page(roles: frozenset[str] = ANYONE, ok: str = OK) -> Rule:
    """A page of one's own landlord that names no record: ``roles`` get ``ok``, other roles
    the 403 page, and the signed out the sign-in page."""

    def answer(who: str, relation: str) -> str:
        if who == SIGNED_OUT:
            return SIGN_IN
        return ok if who in roles else FORBIDDEN

    return answer


def public(ok: str = OK) -> Rule:
    """A page for everyone, signed in or not (signing in)."""
    return lambda who, relation: ok


def signing_in(who: str, relation: str) -> str:
    """The sign-in page: shown to the signed out; anyone signed in goes on to the queue."""
    return OK if who == SIGNED_OUT else MOVED


def on_case(roles: frozenset[str] = ANYONE, ok: str = OK) -> Rule:
    """A page of one complaint (or of something on it: a file, a letter, a resident of it).
    A contractor's handler gets only its own allocations and is refused anything else,
    even another landlord's record; the landlord's staff do not find another landlord's."""

    def answer(who: str, relation: str) -> str:
        if who == SIGNED_OUT:
            return SIGN_IN
        if who not in roles:
            return FORBIDDEN
        if who == CONTRACTOR and relation != CONTRACTORS:
            return FORBIDDEN
        return NOT_FOUND if relation == OTHER else ok

    return answer


def on_landlords_record(roles: frozenset[str], ok: str = OK) -> Rule:
    """A page of a record kept by the landlord's own staff (an Ombudsman case, a learning
    record, a self-assessment): another landlord's is not found."""

    def answer(who: str, relation: str) -> str:
        if who == SIGNED_OUT:
            return SIGN_IN
        if who not in roles:
            return FORBIDDEN
        return NOT_FOUND if relation == OTHER else ok

    return answer


def read(who: str, relation: str) -> str:
    """An API read: any key of the landlord; another landlord's record is not found. A
    group key is refused (403 ``group_key``) whatever it names."""
    if who == NO_KEY:
        return UNAUTHENTICATED
    if who == GROUP_KEY:
        return FORBIDDEN
    return NOT_FOUND if relation == OTHER else OK


def group_read(who: str, relation: str) -> str:
    """A report a group key reads too: the group's figures (issue 15, item 5)."""
    return OK if who == GROUP_KEY else read(who, relation)


def write(ok: str = LET_IN) -> Rule:
    """An API write: a read key or a group key is refused whatever it sends; a write key
    does not find another landlord's record, and is let in for its own (``ok``)."""

    def answer(who: str, relation: str) -> str:
        if who == NO_KEY:
            return UNAUTHENTICATED
        if who in (READ_KEY, GROUP_KEY):
            return FORBIDDEN
        return NOT_FOUND if relation == OTHER else ok

    return answer


# The staff pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    """How a staff URL is asked and what each person gets.

    ``kwargs`` fills the URL's parameters: a key of ``RECORDS`` (the record in the relation
    asked about) or, after ``=``, the value itself. A URL naming a record is asked with one
    in each relation; one naming none, once. ``method`` is GET for a page that is a form
    (the form is what is refused or shown); POST only where there is no page."""

    answer: Rule
    kwargs: Mapping[str, str] = field(default_factory=dict)
    method: str = "GET"
    query: str = ""

    @property
    def names_a_record(self) -> bool:
        return any(not v.startswith("=") for v in self.kwargs.values())


#: The records a URL's parameters name, each built in every relation by the test.
RECORDS = (
    "received",  # logged, waiting for triage
    "triaged",  # accepted at stage 1 and allocated, not yet acknowledged
    "acknowledged",  # stage 1 acknowledged, with an acknowledgement letter issued
    "decided",  # stage 1 decided, its response letter to send
    "responded",  # stage 1 response sent, with a remedy and an action
    "escalated",  # stage 2 asked for
    "service_request",  # a service request
    "member_enquiry",  # a member enquiry
    "event",  # an entry on the acknowledged complaint's timeline
    "attachment",  # a file on it
    "letter",  # its issued acknowledgement letter
    "adjustment_request",  # support the resident asked for online, on it
    "action",  # the responded complaint's outstanding action
    "remedy",  # its remedy
    "resident",  # the complaints' resident
    "adjustment",  # the resident's reasonable adjustment
    "representative",  # someone acting for the resident
    "colleague",  # a member of staff (a user id)
    "ombudsman_case",  # an Ombudsman case about the responded complaint
    "ombudsman_contact",  # a contact on it
    "ombudsman_reply",  # a reply to it, with a file
    "determination",  # its determination
    "order",  # an order, with an evidence file
    "failure_order",  # a Complaint Handling Failure Order
    "notice",  # a notice of exceptional circumstances (Code 8.5)
    "learning_record",  # learning from the complaint
    "case_review",  # a critical case review of the responded complaint, the panel met
    "self_assessment",  # a self-assessment
    "spotlight",  # a spotlight report with two recommendations
    "service_area",  # one of the landlord's service areas
    "division",  # one of its divisions
    "contractor",  # one of its contractors
    "closure_day",  # one of its closure days
)

_CASE = {"reference": "acknowledged"}
_CASE_READ = on_case()
_CASE_ACT = on_case(ACTING)
_CASE_OWN_STAFF = on_case(OWN_STAFF)
_LINK = on_landlords_record(LINK)
_LANDLORDS_READ = on_landlords_record(LANDLORDS_PEOPLE)
_YEAR = {"year": "=2026"}

URLS: dict[str, Url] = {
    # Signing in and the account.
    "staff:sign_in": Url(signing_in),
    "staff:sign_out": Url(public(NOT_ALLOWED)),  # a POST only; a GET is refused for all
    "staff:password_change": Url(page()),
    # The second factor (docs/security.md, "Second factor"): set up by anyone signed in.
    "staff:two_factor": Url(page()),
    # Recovery codes are shown once, just after they are made: otherwise back to the account.
    "staff:recovery_codes": Url(page(ok=MOVED)),
    # The code step follows the password: someone who has given their code goes on.
    "staff:sign_in_code": Url(page(ok=MOVED)),
    # Single sign-on is off unless configured: its pages are not found.
    "staff:sso_start": Url(public(NOT_FOUND)),
    "staff:sso_callback": Url(public(NOT_FOUND)),
    "staff:choose_landlord": Url(page()),
    # The work queue and the team.
    "staff:queue": Url(page()),
    "staff:queue_export": Url(page(), {"fmt": "=csv"}),
    # A group's work queue (issue 15, item 4): for the group's people only, by its slug; the
    # matrix's landlord is in no group, so a group it names is not found. Who reads a real
    # group's queue and opens its cases: tests/staff/test_group_queue.py.
    "staff:group_queue": Url(page(ANYONE, ok=NOT_FOUND), {"slug": "=no-such-group"}),
    "staff:group_case": Url(
        page(ANYONE, ok=NOT_FOUND),
        {"slug": "=no-such-group", "landlord_slug": "=no-such-landlord", "reference": "=RH-1"},
        method="POST",
    ),
    "staff:reassign": Url(page(ACTING, MOVED), method="POST"),  # nothing chosen: back
    "staff:reassigned": Url(page(ACTING, MOVED)),  # nothing reassigned: back to the queue
    "staff:workload": Url(page(LANDLORDS_PEOPLE)),
    # The open service requests and member enquiries, of the records each person may see.
    "staff:records": Url(page()),
    # Awaab's Law: the open hazard clocks of the records one may see (a contractor's own).
    "staff:hazard_clocks": Url(page()),
    "staff:away": Url(on_landlords_record(ABSENCE), {"user_id": "colleague"}),
    "staff:log": Url(page(ACTING)),
    # An invitation's link (issue 15): for anyone who has it; a link naming nobody is not
    # found.
    "staff:invite_accept": Url(public(NOT_FOUND), {"uidb64": "=MTIzNDU2Nzg", "token": "=x-y"}),
    # The landlord's settings and the register import: its administrators only.
    "staff:settings": Url(page(SETTINGS)),
    "staff:settings_changes": Url(page(SETTINGS)),
    "staff:settings_staff": Url(page(SETTINGS)),
    "staff:settings_staff_invite": Url(page(SETTINGS)),
    "staff:settings_staff_member": Url(on_landlords_record(SETTINGS), {"user_id": "colleague"}),
    "staff:settings_service_areas": Url(page(SETTINGS)),
    "staff:settings_service_area_new": Url(page(SETTINGS)),
    "staff:settings_service_area": Url(on_landlords_record(SETTINGS), {"area_id": "service_area"}),
    "staff:settings_division_new": Url(page(SETTINGS)),
    "staff:settings_division": Url(on_landlords_record(SETTINGS), {"division_id": "division"}),
    "staff:settings_contractors": Url(page(SETTINGS)),
    "staff:settings_contractor_new": Url(page(SETTINGS)),
    "staff:settings_contractor": Url(
        on_landlords_record(SETTINGS), {"contractor_id": "contractor"}
    ),
    "staff:settings_closure_days": Url(page(SETTINGS)),
    "staff:settings_closure_day": Url(on_landlords_record(SETTINGS), {"day_id": "closure_day"}),
    "staff:settings_homes": Url(page(SETTINGS)),
    "staff:settings_policy": Url(page(SETTINGS)),
    "staff:settings_remedies": Url(page(SETTINGS)),
    "staff:settings_contact": Url(page(SETTINGS)),
    "staff:settings_languages": Url(page(SETTINGS)),
    "staff:settings_ombudsman": Url(page(SETTINGS)),
    "staff:settings_mrc": Url(page(SETTINGS)),
    "staff:settings_letterhead": Url(page(SETTINGS)),
    "staff:register_import": Url(page(SETTINGS)),
    # A complaint and its commands.
    "staff:case": Url(_CASE_READ, _CASE),
    "staff:triage": Url(_CASE_ACT, {"reference": "received"}),
    "staff:define": Url(_CASE_ACT, {"reference": "triaged"}),
    "staff:allocate": Url(_CASE_ACT, _CASE),
    "staff:acknowledge": Url(_CASE_ACT, {"reference": "triaged"}),
    "staff:extend": Url(_CASE_ACT, _CASE),
    "staff:respond": Url(_CASE_ACT, _CASE),
    "staff:correct_response": Url(_CASE_ACT, {"reference": "decided"}),
    "staff:approve_response": Url(on_case(frozenset({OFFICER, SENIOR})), {"reference": "decided"}),
    "staff:request_escalation": Url(_CASE_ACT, {"reference": "responded"}),
    "staff:refuse_escalation": Url(_CASE_ACT, {"reference": "escalated"}),
    "staff:withdraw": Url(_CASE_OWN_STAFF, _CASE),
    "staff:resolve": Url(_CASE_ACT, {"reference": "service_request"}),
    "staff:record_owner": Url(_CASE_ACT, {"reference": "service_request"}),
    "staff:record_member": Url(_CASE_ACT, {"reference": "member_enquiry"}),
    "staff:add_note": Url(_CASE_ACT, _CASE),
    "staff:update_interval": Url(_CASE_ACT, _CASE),
    "staff:attach": Url(_CASE_ACT, _CASE),
    "staff:record_contact": Url(_CASE_ACT, _CASE),
    "staff:repairs_told": Url(_CASE_ACT, _CASE),
    # The acknowledged complaint's resident needs large print.
    "staff:format_met": Url(_CASE_ACT, _CASE),
    "staff:hazard_awareness": Url(_CASE_ACT, _CASE),
    # The responded complaint has a damp and mould hazard recorded.
    "staff:hazard_milestone": Url(
        _CASE_ACT, {"reference": "responded", "milestone": "=investigated"}
    ),
    "staff:reclassify": Url(_CASE_ACT, _CASE),
    "staff:raise_complaint": Url(_CASE_ACT, {"reference": "service_request"}),
    "staff:correct": Url(_CASE_ACT, {**_CASE, "event_id": "event"}),
    "staff:adjustment_request_agree": Url(
        on_case(OWN_STAFF), {**_CASE, "request_id": "adjustment_request"}
    ),
    "staff:attachment": Url(_CASE_READ, {**_CASE, "attachment_id": "attachment"}),
    "staff:letter": Url(_CASE_ACT, {**_CASE, "kind": "=update"}),
    "staff:letter_download": Url(_CASE_READ, {**_CASE, "letter_id": "letter", "fmt": "=pdf"}),
    # A POST from the case page's button; asked with GET it goes back to the case.
    "staff:letter_email_again": Url(on_case(ACTING, MOVED), {**_CASE, "letter_id": "letter"}),
    # Letter templates.
    "staff:letter_templates": Url(page(EDITORS)),
    "staff:letter_template": Url(page(EDITORS), {"kind": "=acknowledgement_stage1"}),
    # The queues of actions, remedies and reviews; the access log.
    "staff:actions": Url(page()),
    "staff:action_done": Url(_CASE_ACT, {"action_id": "action"}),
    "staff:remedy_progress": Url(_CASE_ACT, {"remedy_id": "remedy"}),
    "staff:remedy_done": Url(_CASE_ACT, {"remedy_id": "remedy"}),
    "staff:reviews": Url(page(LANDLORDS_PEOPLE)),
    "staff:access_log": Url(page(AUDIT)),
    # Residents.
    "staff:residents": Url(page()),
    "staff:resident_new": Url(page(OWN_STAFF)),
    "staff:resident": Url(_CASE_READ, {"resident_id": "resident"}),
    "staff:resident_edit": Url(_CASE_OWN_STAFF, {"resident_id": "resident"}),
    "staff:equality": Url(on_case(EDITORS), {"resident_id": "resident"}),
    # The zip of everything held about a resident: POST produces it (GET goes back).
    "staff:subject_access": Url(on_case(EDITORS), {"resident_id": "resident"}, method="POST"),
    "staff:record_add": Url(_CASE_OWN_STAFF, {"resident_id": "resident", "what": "=adjustment"}),
    "staff:review": Url(
        _CASE_OWN_STAFF,
        {"resident_id": "resident", "what": "=adjustment", "record_id": "adjustment"},
    ),
    "staff:consent": Url(
        _CASE_OWN_STAFF, {"resident_id": "resident", "representative_id": "representative"}
    ),
    # The Housing Ombudsman.
    "ombudsman:index": Url(page(LANDLORDS_PEOPLE)),
    "ombudsman:case_new": Url(page(LINK)),
    "ombudsman:case": Url(_LANDLORDS_READ, {"pk": "ombudsman_case"}),
    "ombudsman:case_close": Url(on_landlords_record(LINK, MOVED), {"pk": "ombudsman_case"}),
    "ombudsman:contact_new": Url(_LINK, {"pk": "ombudsman_case"}),
    "ombudsman:determination_new": Url(_LINK, {"pk": "ombudsman_case"}),
    "ombudsman:contact": Url(_LANDLORDS_READ, {"pk": "ombudsman_contact"}),
    "ombudsman:reply_file": Url(_LANDLORDS_READ, {"pk": "ombudsman_reply"}),
    "ombudsman:order_new": Url(_LINK, {"pk": "determination"}),
    "ombudsman:orders": Url(page(LANDLORDS_PEOPLE)),
    "ombudsman:order": Url(_LANDLORDS_READ, {"pk": "order"}),
    "ombudsman:order_evidence": Url(_LANDLORDS_READ, {"pk": "order"}),
    "ombudsman:failure_orders": Url(page(LANDLORDS_PEOPLE)),
    "ombudsman:failure_order_new": Url(page(LINK)),
    "ombudsman:failure_order_actions": Url(_LINK, {"pk": "failure_order"}),
    "ombudsman:bundle": Url(on_case(LANDLORDS_PEOPLE), {"reference": "responded"}),
    "ombudsman:remedies": Url(page(LANDLORDS_PEOPLE)),
    "ombudsman:remedy": Url(on_case(LANDLORDS_PEOPLE), {"pk": "remedy"}),
    "ombudsman:remedy_guidance": Url(page()),
    "ombudsman:notices": Url(page(LANDLORDS_PEOPLE)),
    "ombudsman:notice_withdraw": Url(_LINK, {"pk": "notice"}),
    "ombudsman:notice_send_again": Url(on_landlords_record(LINK, MOVED), {"pk": "notice"}),
    # Learning.
    "learning:register": Url(page(LANDLORDS_PEOPLE)),
    "learning:new": Url(page(OWN_STAFF - {CONTRACTOR})),
    "learning:record": Url(_LANDLORDS_READ, {"pk": "learning_record"}),
    "learning:reviews": Url(page(LANDLORDS_PEOPLE)),
    "learning:review_new": Url(page(OWN_STAFF - {CONTRACTOR})),
    "learning:review": Url(_LANDLORDS_READ, {"pk": "case_review"}),
    "learning:review_meeting": Url(on_landlords_record(OWN_STAFF), {"pk": "case_review"}),
    "learning:review_action_new": Url(on_landlords_record(OWN_STAFF), {"pk": "case_review"}),
    "learning:themes": Url(page(LANDLORDS_PEOPLE)),
    "learning:hazards": Url(page()),
    "learning:suggestions": Url(page(), query="description=boiler"),
    # Compliments name the landlord's staff and who gave them: not a contractor's to see.
    "compliments:list": Url(page(LANDLORDS_PEOPLE)),
    "compliments:new": Url(page(OWN_STAFF)),
    # Reports and the self-assessment.
    "reports:index": Url(page(REPORTS)),
    "reports:annual": Url(page(REPORTS), _YEAR),
    "reports:narrative": Url(page(EDITORS), _YEAR),
    "reports:breakdowns": Url(page(EDITORS), _YEAR),
    "reports:equality": Url(page(EDITORS), _YEAR),
    "reports:annual_download": Url(page(REPORTS), {**_YEAR, "fmt": "=json"}),
    "reports:annual_publish": Url(page(EDITORS), _YEAR),
    "reports:tsm": Url(page(REPORTS), _YEAR),
    "reports:tsm_download": Url(page(REPORTS), {**_YEAR, "fmt": "=json"}),
    "reports:perception": Url(page(EDITORS), {**_YEAR, "code": "=TP09"}),
    "reports:quarterly": Url(page(REPORTS), {"quarter": "=2026-Q2"}),
    "reports:quarterly_download": Url(page(REPORTS), {"quarter": "=2026-Q2", "fmt": "=json"}),
    "reports:compliance": Url(page(REPORTS), _YEAR),
    # A group's report (issue 15, item 4): none of these people is the group's nor reads
    # every landlord of it (tests/reports/test_group_page.py asks those who are); a group
    # that does not exist is not found by anyone signed in.
    "reports:group": Url(page(ANYONE, ok=NOT_FOUND), {"slug": "=no-such-group", **_YEAR}),
    "reports:breaches": Url(page(REPORTS), {**_YEAR, "provision": "=6.2"}),
    "reports:explore": Url(page(REPORTS), query="measure=received&by=service_area"),
    "reports:explore_download": Url(
        page(REPORTS), {"fmt": "=csv"}, query="measure=received&by=service_area"
    ),
    "reports:selfassessment:list": Url(page(REPORTS)),
    "reports:selfassessment:detail": Url(on_landlords_record(REPORTS), {"pk": "self_assessment"}),
    "reports:selfassessment:section": Url(
        on_landlords_record(EDITORS), {"pk": "self_assessment", "section": "=1"}
    ),
    "reports:selfassessment:approve": Url(on_landlords_record(EDITORS), {"pk": "self_assessment"}),
    "reports:selfassessment:publish": Url(on_landlords_record(EDITORS), {"pk": "self_assessment"}),
    "reports:selfassessment:spotlights": Url(page(REPORTS)),
    "reports:selfassessment:spotlight": Url(on_landlords_record(REPORTS), {"pk": "spotlight"}),
    "reports:selfassessment:spotlight_assess": Url(
        on_landlords_record(EDITORS), {"pk": "spotlight", "number": "=1"}
    ),
    "reports:selfassessment:download": Url(
        on_landlords_record(REPORTS), {"pk": "self_assessment", "fmt": "=html"}
    ),
}


# The public pages ----------------------------------------------------------------------
#
# The start page, /complain/ and /track/ need no sign-in; what they must hold is that each
# landlord's pages show only that landlord's complaints (issue 15). Each is asked, in an
# installation of two landlords, signed out: under the landlord's own /l/<slug>/ by a new
# visitor and by one whose session follows the other landlord's complaint (the two answers
# must be the same: nothing of the other landlord's carries over), and at the root, where
# no landlord is chosen. A private link (``token``) is always to the other landlord's
# complaint: under the landlord's address it is not found; at the root it goes on to its
# own landlord's address.


@dataclass(frozen=True)
class PublicUrl:
    """What a public URL answers under a landlord's /l/<slug>/ (``at_slug``) and at the root
    of an installation of several landlords (``at_root``). ``kwargs`` as for ``Url``, with
    ``token`` a private link to the other landlord's complaint and ``letter`` one of its
    letters."""

    at_slug: str
    at_root: str = MOVED  # to the list of landlords, to choose one
    kwargs: Mapping[str, str] = field(default_factory=dict)
    method: str = "GET"


_FIRST_PAGE = PublicUrl(MOVED)  # a later page of the form, nothing answered: to the first
_NOT_FOLLOWING = PublicUrl(MOVED)  # following no complaint of this landlord: find one first

PUBLIC_URLS: dict[str, PublicUrl] = {
    # The start page at the root is the list of landlords to choose from.
    "web:start": PublicUrl(OK, OK),
    "complain:who": PublicUrl(OK),
    "complain:representative": _FIRST_PAGE,
    "complain:name": _FIRST_PAGE,
    "complain:contact_method": _FIRST_PAGE,
    "complain:contact_details": _FIRST_PAGE,
    "complain:address": _FIRST_PAGE,
    "complain:what_happened": _FIRST_PAGE,
    "complain:put_right": _FIRST_PAGE,
    "complain:support": _FIRST_PAGE,
    "complain:files": _FIRST_PAGE,
    "complain:check": _FIRST_PAGE,
    "complain:sent": _FIRST_PAGE,
    "track:find": PublicUrl(OK),
    "track:code": PublicUrl(MOVED),  # no code asked for on this landlord's pages
    "track:new_code": PublicUrl(MOVED, method="POST"),
    "track:link": PublicUrl(NOT_FOUND, MOVED, {"token": "token"}),
    "track:stop": PublicUrl(MOVED, method="POST"),
    "track:complaint": _NOT_FOLLOWING,
    "track:stage2": _NOT_FOLLOWING,
    "track:support": _NOT_FOLLOWING,
    "track:feedback": _NOT_FOLLOWING,
    "track:letter": PublicUrl(MOVED, kwargs={"letter_id": "letter"}),
    "thanks:form": PublicUrl(OK),
    "thanks:sent": PublicUrl(MOVED),  # nothing sent from this visit: to the form
    # Published by the landlord for everyone (Code 8.2): its list, and its files by year,
    # kind and version, so another landlord's file cannot even be named under this address.
    "publications:list": PublicUrl(OK),
    "publications:file": PublicUrl(
        NOT_FOUND,
        kwargs={"year": "=2025", "kind": "=annual-report", "version": "=1", "fmt": "=pdf"},
    ),
}


# The API -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """How an API operation is asked and what each key gets. ``records`` maps the path's
    parameters to keys of ``RECORDS`` (``PATH_RECORDS`` gives the usual ones); ``body`` is
    the smallest body the schema accepts, so that what answers is the key's access, not the
    schema. A command on a complaint is sent with ``If-Match: "0"``: let in, it stops at
    412 and changes nothing."""

    answer: Rule
    body: Mapping[str, Any] | None = None
    records: Mapping[str, str] = field(default_factory=dict)
    query: str = ""
    multipart: bool = False

    @property
    def method(self) -> str:
        return "GET" if self.body is None and not self.multipart else "POST"


#: Which record each path parameter names, unless the operation says otherwise.
PATH_RECORDS = {
    "reference": "acknowledged",
    "event_id": "event",
    "attachment_id": "attachment",
    "action_id": "action",
    "remedy_id": "remedy",
    "resident_id": "resident",
    "adjustment_id": "adjustment",
    "request_id": "adjustment_request",
    "representative_id": "representative",
    "case_id": "ombudsman_case",
    "contact_id": "ombudsman_contact",
    "determination_id": "determination",
    "order_id": "order",
}

_DAY = "2026-12-07"
_COMMAND = write(VERSION)
_NEW_RECORD = {"received_on": _DAY, "channel": "phone", "description": "No hot water."}
_RESPONDED = {"reference": "responded"}

OPERATIONS: dict[tuple[str, str], Operation] = {
    ("GET", "/api/v1/"): Operation(lambda who, relation: OK),
    # Complaints.
    ("POST", "/api/v1/complaints"): Operation(write(), _NEW_RECORD),
    ("GET", "/api/v1/complaints"): Operation(read),
    ("GET", "/api/v1/complaints/{reference}"): Operation(read),
    ("POST", "/api/v1/complaints/{reference}/triage"): Operation(
        _COMMAND, {"decision": "complaint"}, {"reference": "received"}
    ),
    ("POST", "/api/v1/complaints/{reference}/not-accept"): Operation(
        _COMMAND, {"reason": "duplicate", "explanation": "Logged twice."}, {"reference": "received"}
    ),
    ("POST", "/api/v1/complaints/{reference}/define"): Operation(
        _COMMAND, {"points": ["The boiler"], "outcomes_sought": "A working boiler"}
    ),
    ("POST", "/api/v1/complaints/{reference}/allocate"): Operation(_COMMAND, {}),
    ("POST", "/api/v1/complaints/{reference}/acknowledge"): Operation(_COMMAND, {}),
    ("POST", "/api/v1/complaints/{reference}/extend"): Operation(
        _COMMAND, {"working_days": 5, "reason": "Waiting for a survey."}
    ),
    ("POST", "/api/v1/complaints/{reference}/update-interval"): Operation(
        _COMMAND, {"working_days": 10}
    ),
    ("POST", "/api/v1/complaints/{reference}/respond"): Operation(
        _COMMAND, {"outcome": "upheld", "reasons": "It took too long."}
    ),
    ("POST", "/api/v1/complaints/{reference}/letters"): Operation(
        _COMMAND, {"kind": "update", "delivery": "post"}
    ),
    ("POST", "/api/v1/complaints/{reference}/escalate"): Operation(
        _COMMAND, {"requested_on": _DAY}, _RESPONDED
    ),
    ("POST", "/api/v1/complaints/{reference}/refuse-escalation"): Operation(
        _COMMAND,
        {"reason": "duplicate", "explanation": "Asked twice."},
        {"reference": "escalated"},
    ),
    ("POST", "/api/v1/complaints/{reference}/withdraw"): Operation(
        _COMMAND, {"requested_by": "resident"}
    ),
    ("POST", "/api/v1/complaints/{reference}/resolve"): Operation(
        _COMMAND, {"summary": "Fixed."}, {"reference": "service_request"}
    ),
    ("POST", "/api/v1/complaints/{reference}/actions/{action_id}/complete"): Operation(
        _COMMAND, {}, _RESPONDED
    ),
    ("POST", "/api/v1/complaints/{reference}/remedies/{remedy_id}/progress"): Operation(
        _COMMAND, {}, _RESPONDED
    ),
    ("GET", "/api/v1/complaints/{reference}/events"): Operation(read),
    ("POST", "/api/v1/complaints/{reference}/notes"): Operation(_COMMAND, {"text": "Called."}),
    ("POST", "/api/v1/complaints/{reference}/events/{event_id}/corrections"): Operation(
        _COMMAND, {"correction": "The date was wrong."}
    ),
    ("POST", "/api/v1/complaints/{reference}/contacts"): Operation(
        _COMMAND,
        {
            "method": "phone",
            "direction": "to_resident",
            "with_whom": "The resident",
            "summary": "Called.",
        },
    ),
    ("POST", "/api/v1/complaints/{reference}/repairs-told"): Operation(
        _COMMAND, {"how": "phone", "told": "Repairs desk"}
    ),
    ("POST", "/api/v1/complaints/{reference}/classification"): Operation(_COMMAND, {}),
    # Awaab's Law clocks (issue 17, item 8): the responded complaint has a hazard recorded.
    ("GET", "/api/v1/complaints/{reference}/hazard"): Operation(read, records=_RESPONDED),
    ("POST", "/api/v1/complaints/{reference}/hazard"): Operation(
        _COMMAND,
        {
            "hazard_class": "emergency",
            "description": "Sparking socket",
            "aware_at": "2026-12-07T09:00:00+00:00",
            "repairs_told_at": "2026-12-07T09:05:00+00:00",
        },
    ),
    ("POST", "/api/v1/complaints/{reference}/hazard/milestones"): Operation(
        _COMMAND, {"milestone": "investigated"}, _RESPONDED
    ),
    ("POST", "/api/v1/complaints/{reference}/attachments"): Operation(_COMMAND, multipart=True),
    ("GET", "/api/v1/complaints/{reference}/attachments"): Operation(read),
    ("GET", "/api/v1/complaints/{reference}/attachments/{attachment_id}"): Operation(read),
    ("GET", "/api/v1/complaints/{reference}/attachments/{attachment_id}/content"): Operation(read),
    # Service requests and member enquiries.
    ("POST", "/api/v1/service-requests"): Operation(write(), _NEW_RECORD),
    ("GET", "/api/v1/service-requests"): Operation(read),
    ("GET", "/api/v1/service-requests/{reference}"): Operation(
        read, records={"reference": "service_request"}
    ),
    ("POST", "/api/v1/service-requests/{reference}/resolve"): Operation(
        _COMMAND, {"summary": "Fixed."}, {"reference": "service_request"}
    ),
    ("POST", "/api/v1/service-requests/{reference}/respond"): Operation(
        _COMMAND, {"response": "Fixed."}, {"reference": "service_request"}
    ),
    ("POST", "/api/v1/member-enquiries"): Operation(write(), _NEW_RECORD),
    ("GET", "/api/v1/member-enquiries"): Operation(read),
    ("GET", "/api/v1/member-enquiries/{reference}"): Operation(
        read, records={"reference": "member_enquiry"}
    ),
    ("POST", "/api/v1/member-enquiries/{reference}/resolve"): Operation(
        _COMMAND, {"summary": "Answered."}, {"reference": "member_enquiry"}
    ),
    ("POST", "/api/v1/member-enquiries/{reference}/respond"): Operation(
        _COMMAND, {"response": "Answered."}, {"reference": "member_enquiry"}
    ),
    # Residents.
    ("GET", "/api/v1/residents"): Operation(read),
    ("POST", "/api/v1/residents"): Operation(write(), {"name": "Sam Green"}),
    ("GET", "/api/v1/residents/{resident_id}"): Operation(read),
    ("POST", "/api/v1/residents/{resident_id}/adjustments"): Operation(
        write(),
        {"kind": "large_print", "agreed_on": _DAY, "review_due_on": "2027-06-07"},
    ),
    ("POST", "/api/v1/residents/{resident_id}/adjustments/{adjustment_id}/reviews"): Operation(
        write(), {"reviewed_on": _DAY, "next_review_due_on": "2027-06-07"}
    ),
    ("GET", "/api/v1/residents/{resident_id}/adjustment-requests"): Operation(read),
    (
        "POST",
        "/api/v1/residents/{resident_id}/adjustment-requests/{request_id}/agree",
    ): Operation(write(), {"review_due_on": "2027-06-07"}),
    ("POST", "/api/v1/residents/{resident_id}/representatives"): Operation(
        write(), {"name": "Jo Green", "kind": "family"}
    ),
    (
        "POST",
        "/api/v1/residents/{resident_id}/representatives/{representative_id}/consent",
    ): Operation(write(), {"given_on": _DAY, "evidence": "Signed form."}),
    (
        "POST",
        "/api/v1/residents/{resident_id}/representatives/{representative_id}/consent-withdrawn",
    ): Operation(write(), {}),
    # Ombudsman cases.
    ("GET", "/api/v1/ombudsman/cases"): Operation(read),
    ("GET", "/api/v1/ombudsman/exceptional-circumstances"): Operation(read),
    ("GET", "/api/v1/spotlight-reports"): Operation(read),
    ("GET", "/api/v1/case-reviews"): Operation(read),
    ("POST", "/api/v1/ombudsman/cases"): Operation(
        write(), {"reference": "202699999", "opened_on": _DAY, "resident_name": "Sam Green"}
    ),
    ("GET", "/api/v1/ombudsman/cases/{case_id}"): Operation(read),
    ("POST", "/api/v1/ombudsman/cases/{case_id}/close"): Operation(write(), {}),
    ("POST", "/api/v1/ombudsman/cases/{case_id}/contacts"): Operation(
        write(), {"kind": "enquiry", "received_on": _DAY, "deadline": "2026-12-21"}
    ),
    ("POST", "/api/v1/ombudsman/cases/{case_id}/contacts/{contact_id}/replies"): Operation(
        write(), {"summary": "Our reply."}
    ),
    ("POST", "/api/v1/ombudsman/cases/{case_id}/determinations"): Operation(
        write(),
        {
            "determined_on": _DAY,
            "findings": [{"element": "Repair", "finding": "no_maladministration"}],
        },
    ),
    (
        "POST",
        "/api/v1/ombudsman/cases/{case_id}/determinations/{determination_id}/orders",
    ): Operation(
        write(),
        {"kind": "apology", "description": "Apologise.", "due_on": "2027-01-07", "owner": "Head"},
    ),
    ("POST", "/api/v1/ombudsman/cases/{case_id}/orders/{order_id}/progress"): Operation(
        write(), {"status": "in_progress"}
    ),
    # Reports and the people work is allocated to.
    ("GET", "/api/v1/reports/annual"): Operation(group_read, query="year=2026"),
    ("GET", "/api/v1/reports/tsm"): Operation(group_read, query="year=2026"),
    ("GET", "/api/v1/reports/{year}/breakdown"): Operation(
        read, records={"year": "=2025"}, query="measure=received&by=service_area"
    ),
    ("GET", "/api/v1/divisions"): Operation(read),
    ("GET", "/api/v1/sub-causes"): Operation(read),
    ("GET", "/api/v1/handlers"): Operation(read),
    # Compliments.
    ("POST", "/api/v1/compliments"): Operation(
        write(), {"words": "Thank you, Dee.", "channel": "phone"}
    ),
    ("GET", "/api/v1/compliments"): Operation(read),
}


# The machines' URLs --------------------------------------------------------------------

#: The settings each of the machines' URLs is asked under.
SERVICE_SETTINGS: dict[str, dict[str, Any]] = {
    "as installed": {},
    "metrics on, with a token": {"METRICS_ENABLED": True, "METRICS_TOKEN": "a-metrics-token"},
}
#: The URLs a load balancer and monitoring ask (docs/operations.md), by URL name: the same
#: answer for everyone under each of ``SERVICE_SETTINGS``, signed in or not, so a staff
#: sign-in opens nothing more (the metrics token is never given here).
SERVICE_URLS: dict[str, dict[str, str]] = {
    "healthz": {"as installed": OK, "metrics on, with a token": OK},
    "metrics": {"as installed": NOT_FOUND, "metrics on, with a token": UNAUTHENTICATED},
}


# The commands ------------------------------------------------------------------------

READS = "reads personal data"
WRITES = "writes personal data"
NONE = "no personal data"


@dataclass(frozen=True)
class Command:
    """A ``putright`` command, run by whoever has the server's shell: what it does with
    personal data, and, if it acts for one landlord, the arguments that name a landlord
    (``{landlord}`` stands for the name) to show it refuses one that does not exist."""

    personal_data: str
    unknown_landlord: tuple[str, ...] | None = None


COMMANDS: dict[str, Command] = {
    "api_key": Command(NONE, ("add", "--landlord", "{landlord}", "--name", "CRM")),
    "deliver_webhooks": Command(NONE),  # payloads carry references and states, no names
    "reflag": Command(READS),  # reads descriptions for the safety words, writes their priority
    "send_letter_emails": Command(READS),  # emails a resident their letter, as issued
    "emit_due_webhooks": Command(NONE),
    "retention": Command(WRITES, ("--landlord", "{landlord}")),
    "two_factor_reset": Command(NONE),  # removes a person's authenticator: no resident data
    "subject_access": Command(
        READS, ("--resident", "1", "--landlord", "{landlord}", "--out", "{out}")
    ),
    "demo": Command(WRITES),  # makes the landlord it names: there is no unknown one
    # Makes its own gen-NNNN landlords, people and records (invented): no unknown one.
    "generate": Command(WRITES),
    "landlord": Command(NONE),  # adds landlords and counts their homes
    # Groups of landlords and who reads their figures: names of landlords and staff only.
    "group": Command(NONE, ("add", "A group", "--landlord", "{landlord}")),
    # A landlord's first administrator: a name and email address, emailed a link.
    "invite_administrator": Command(
        WRITES,
        (
            "--landlord",
            "{landlord}",
            "--email",
            "first@example.org",
            "--first-name",
            "Ada",
            "--last-name",
            "Okoro",
            "--site",
            "https://putright.example",
        ),
    ),
    "train_suggestions": Command(READS, ("--landlord", "{landlord}")),
    "bundle": Command(READS, ("CU-000001", "--landlord", "{landlord}", "--out", "{out}")),
    "ombudsman_remind": Command(READS, ("--landlord", "{landlord}")),
    "export_register": Command(READS, ("--landlord", "{landlord}", "--out", "{out}")),
    "import_register": Command(WRITES, ("{csv}", "--landlord", "{landlord}")),
    "report": Command(
        NONE, ("annual", "--landlord", "{landlord}", "--year", "2025", "--out", "{out}")
    ),
    "load_code_wording": Command(NONE),
    # The published reports count complaints; they name nobody.
    "publish": Command(NONE, ("--landlord", "{landlord}", "--year", "2025")),
    "remind": Command(READS, ("--landlord", "{landlord}")),
    "serve": Command(NONE),
    # Every landlord's records, whole: for whoever runs the server (docs/operations.md).
    # --keep-days removes old backup directories beside the new one, never a record.
    "backup": Command(READS),
    "restore": Command(WRITES),
}
