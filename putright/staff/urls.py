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
    intake,
    letters,
    queue,
    residents,
    respond,
    team,
    two_factor,
    work,
)

app_name = "staff"

_case = "cases/<str:reference>/"

urlpatterns: list[URLPattern] = [
    path("", queue.queue, name="queue"),
    path("queue.<str:fmt>", queue.queue_export, name="queue_export"),
    path("reassign/", team.reassign, name="reassign"),
    path("reassign/done/", team.reassigned, name="reassigned"),
    path("workload/", team.workload_page, name="workload"),
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
    path(_case + "add_note/", commands.add_note, name="add_note"),
    path(_case + "attach/", commands.attach, name="attach"),
    path(_case + "contact/", casework.record_contact, name="record_contact"),
    path(_case + "repairs-told/", casework.repairs_told, name="repairs_told"),
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
