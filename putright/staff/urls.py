"""The staff workspace under /staff/ (interfaces.md): the work queue, the case pages and
their commands, letters, residents, the queues of actions, remedies and reviews."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.staff.sso import SingleSignOnCallback, SingleSignOnStart
from putright.staff.views import (
    account,
    adjustments,
    case,
    casework,
    commands,
    group,
    hazards,
    intake,
    letters,
    queue,
    residents,
    respond,
    team,
    two_factor,
    work,
)
from putright.staff.views.settings import home as settings_home
from putright.staff.views.settings import landlord as settings_landlord
from putright.staff.views.settings import lists as settings_lists
from putright.staff.views.settings import people as settings_people
from putright.staff.views.settings import register as settings_register

app_name = "staff"

_case = "cases/<str:reference>/"
_settings = "settings/"

urlpatterns: list[URLPattern] = [
    path("", queue.queue, name="queue"),
    path("queue.<str:fmt>", queue.queue_export, name="queue_export"),
    # A group's work queue across its landlords (issue 15, item 4).
    path("groups/<slug:slug>/queue/", group.group_queue, name="group_queue"),
    path(
        "groups/<slug:slug>/cases/<slug:landlord_slug>/<str:reference>/",
        group.group_case,
        name="group_case",
    ),
    path("reassign/", team.reassign, name="reassign"),
    path("reassign/done/", team.reassigned, name="reassigned"),
    path("workload/", team.workload_page, name="workload"),
    path("records/", work.records, name="records"),
    path("hazard-clocks/", hazards.hazard_clocks, name="hazard_clocks"),
    path("people/<int:user_id>/away/", team.away, name="away"),
    path("sign-in/", account.sign_in, name="sign_in"),
    path("sign-in/code/", two_factor.sign_in_code, name="sign_in_code"),
    path("sign-out/", account.sign_out, name="sign_out"),
    path("sso/start/", SingleSignOnStart.as_view(), name="sso_start"),
    path("sso/callback/", SingleSignOnCallback.as_view(), name="sso_callback"),
    path("account/two-factor/", two_factor.two_factor, name="two_factor"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor.recovery_codes,
        name="recovery_codes",
    ),
    path("account/password/", account.password_change, name="password_change"),
    path("account/landlord/", account.choose_landlord, name="choose_landlord"),
    path("invite/<str:uidb64>/<str:token>/", settings_people.invite_accept, name="invite_accept"),
    # The landlord's settings, for its administrators (issue 15).
    path(_settings, settings_home.settings_home, name="settings"),
    path(_settings + "changes/", settings_home.settings_changes, name="settings_changes"),
    path(_settings + "staff/", settings_people.staff_list, name="settings_staff"),
    path(
        _settings + "staff/invite/",
        settings_people.staff_invite_page,
        name="settings_staff_invite",
    ),
    path(
        _settings + "staff/<int:user_id>/",
        settings_people.staff_member,
        name="settings_staff_member",
    ),
    path(
        _settings + "service-areas/",
        settings_lists.service_areas,
        name="settings_service_areas",
    ),
    path(
        _settings + "service-areas/new/",
        settings_lists.service_area,
        name="settings_service_area_new",
    ),
    path(
        _settings + "service-areas/<int:area_id>/",
        settings_lists.service_area,
        name="settings_service_area",
    ),
    path(_settings + "divisions/new/", settings_lists.division, name="settings_division_new"),
    path(
        _settings + "divisions/<int:division_id>/",
        settings_lists.division,
        name="settings_division",
    ),
    path(_settings + "contractors/", settings_lists.contractors, name="settings_contractors"),
    path(
        _settings + "contractors/new/",
        settings_lists.contractor,
        name="settings_contractor_new",
    ),
    path(
        _settings + "contractors/<int:contractor_id>/",
        settings_lists.contractor,
        name="settings_contractor",
    ),
    path(_settings + "closure-days/", settings_lists.closure_days, name="settings_closure_days"),
    path(
        _settings + "closure-days/<int:day_id>/",
        settings_lists.closure_day,
        name="settings_closure_day",
    ),
    path(_settings + "homes/", settings_landlord.homes, name="settings_homes"),
    path(_settings + "policy/", settings_landlord.policy, name="settings_policy"),
    path(_settings + "policy/bands/", settings_landlord.remedies, name="settings_remedies"),
    path(_settings + "contact/", settings_landlord.contact, name="settings_contact"),
    path(_settings + "languages/", settings_landlord.languages, name="settings_languages"),
    path(_settings + "ombudsman/", settings_landlord.ombudsman, name="settings_ombudsman"),
    path(_settings + "mrc/", settings_landlord.mrc, name="settings_mrc"),
    path(_settings + "letterhead/", settings_landlord.letterhead, name="settings_letterhead"),
    path(_settings + "import/", settings_register.register_import, name="register_import"),
    path("log/", intake.log, name="log"),
    path(_case, case.case, name="case"),
    path(_case + "triage/", commands.triage, name="triage"),
    path(_case + "define/", commands.define, name="define"),
    path(_case + "allocate/", commands.allocate, name="allocate"),
    path(_case + "acknowledge/", commands.acknowledge, name="acknowledge"),
    path(_case + "extend/", commands.extend, name="extend"),
    path(_case + "respond/", respond.respond, name="respond"),
    path(_case + "correct_response/", respond.correct_response, name="correct_response"),
    path(_case + "approve_response/", commands.approve_response, name="approve_response"),
    path(_case + "request_escalation/", commands.request_escalation, name="request_escalation"),
    path(_case + "refuse_escalation/", commands.refuse_escalation, name="refuse_escalation"),
    path(_case + "withdraw/", commands.withdraw, name="withdraw"),
    path(_case + "resolve/", commands.resolve, name="resolve"),
    path(_case + "owner/", commands.owner, name="record_owner"),
    path(_case + "member/", commands.member, name="record_member"),
    path(_case + "add_note/", commands.add_note, name="add_note"),
    path(_case + "update-interval/", commands.update_interval, name="update_interval"),
    path(_case + "attach/", commands.attach, name="attach"),
    path(_case + "contact/", casework.record_contact, name="record_contact"),
    path(_case + "repairs-told/", casework.repairs_told, name="repairs_told"),
    path(_case + "format-met/", casework.format_met, name="format_met"),
    path(_case + "hazard/", hazards.hazard_awareness, name="hazard_awareness"),
    path(_case + "hazard/<str:milestone>/", hazards.hazard_milestone, name="hazard_milestone"),
    path(_case + "service-area/", casework.reclassify, name="reclassify"),
    path(_case + "raise-complaint/", intake.raise_complaint, name="raise_complaint"),
    path(_case + "events/<int:event_id>/correct/", commands.correct, name="correct"),
    path(
        _case + "adjustment-requests/<int:request_id>/",
        adjustments.agree,
        name="adjustment_request_agree",
    ),
    path(_case + "files/<int:attachment_id>/", case.attachment_download, name="attachment"),
    path(_case + "letters/<str:kind>/", letters.letter, name="letter"),
    path(
        _case + "issued-letters/<int:letter_id>/send-again/",
        letters.letter_email_again,
        name="letter_email_again",
    ),
    path(
        _case + "issued-letters/<int:letter_id>.<str:fmt>",
        case.letter_download,
        name="letter_download",
    ),
    path("letter-templates/", letters.letter_templates, name="letter_templates"),
    path("letter-templates/<str:kind>/", letters.letter_template, name="letter_template"),
    path("actions/", work.actions, name="actions"),
    path("actions/<int:action_id>/done/", work.action_done, name="action_done"),
    path("remedies/<int:remedy_id>/", work.remedy_progress, name="remedy_progress"),
    path("remedies/<int:remedy_id>/done/", work.remedy_done, name="remedy_done"),
    path("reviews/", work.reviews, name="reviews"),
    path("access-log/", work.access_log, name="access_log"),
    path("residents/", residents.residents, name="residents"),
    path("residents/new/", residents.resident_new, name="resident_new"),
    path("residents/<int:resident_id>/", residents.resident, name="resident"),
    path("residents/<int:resident_id>/edit/", residents.resident_edit, name="resident_edit"),
    path("residents/<int:resident_id>/equality/", residents.equality, name="equality"),
    path(
        "residents/<int:resident_id>/subject-access/",
        residents.subject_access,
        name="subject_access",
    ),
    path("residents/<int:resident_id>/add/<str:what>/", residents.record_add, name="record_add"),
    path(
        "residents/<int:resident_id>/reviews/<str:what>/<int:record_id>/",
        residents.review,
        name="review",
    ),
    path(
        "residents/<int:resident_id>/representatives/<int:representative_id>/consent/",
        residents.consent,
        name="consent",
    ),
]
