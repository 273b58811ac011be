"""Recording a stage response (Code 6.9, 6.19): the decision on each point and overall,
the reasons, remedies with amounts and dates, and outstanding actions with owners and
dates. Remedies and actions are repeatable fieldsets: "Add a remedy", "Add an outstanding
action" and "Remove" are submit buttons, so the page works without JavaScript and keeps
everything typed.

Beside each remedy's amount the page shows the Housing Ombudsman's remedies guidance, the
band the amount falls in for the level of impact, and the landlord's own compensation
policy if it has one (Code 7.4, domain.md §6): drawn with the page, and redrawn by htmx as
the amount is typed.

The same page corrects a recorded response before its letter is sent, filled in with the
response as recorded (``correct_response``)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.forms import BaseFormSet
from django.http import HttpResponse, QueryDict
from django.urls import reverse

from putright.complaints import services
from putright.complaints.models import Complaint, Stage
from putright.landlords.selectors import sub_causes_offered
from putright.letters.kinds import LetterKind
from putright.rules.lifecycle import Command, RuleError
from putright.rules.remedies import resident_wording
from putright.staff import forms as staff_forms
from putright.staff.forms.respond import ActionForm, RemedyForm
from putright.staff.views.commands import _complaint, _initial, _not_now
from putright.staff.views.common import done, staff_render
from putright.web.access import ACTING_ROLES, StaffRequest, staff_view
from putright.web.govuk import add_problems, money_from_text

REMEDY_FIELDS = (
    "kind",
    "resident_wording",
    "description",
    "amount",
    "compensation_reason",
    "due_on_day",
    "due_on_month",
    "due_on_year",
    "owner",
)
ACTION_FIELDS = ("description", "owner", "due_on_day", "due_on_month", "due_on_year")

_RowForm = TypeVar("_RowForm", RemedyForm, ActionForm)


def _total(data: QueryDict, prefix: str) -> int:
    try:
        return max(0, min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 20))
    except ValueError:
        return 0


def _with_row_added(data: QueryDict, prefix: str) -> QueryDict:
    data = data.copy()
    data[f"{prefix}-TOTAL_FORMS"] = str(_total(data, prefix) + 1)
    return data


def _with_row_removed(
    data: QueryDict, prefix: str, index: int, names: tuple[str, ...]
) -> QueryDict:
    """The data with row ``index`` taken out and the rows after it moved up one."""
    data = data.copy()
    total = _total(data, prefix)
    for i in range(index, total - 1):
        for name in names:
            data[f"{prefix}-{i}-{name}"] = data.get(f"{prefix}-{i + 1}-{name}", "")
    for name in names:
        data.pop(f"{prefix}-{total - 1}-{name}", None)
    data[f"{prefix}-TOTAL_FORMS"] = str(max(0, total - 1))
    return data


def _with_wording_suggested(data: QueryDict) -> QueryDict:
    """Each remedy whose kind is chosen and whose words for the resident are empty gets the
    plain sentence for its kind, to change as needed, when the page is shown again."""
    data = data.copy()
    for i in range(_total(data, "remedies")):
        kind = data.get(f"remedies-{i}-kind", "")
        if kind and not data.get(f"remedies-{i}-resident_wording", "").strip():
            amount = money_from_text(data.get(f"remedies-{i}-amount", ""))
            reason = data.get(f"remedies-{i}-compensation_reason", "")
            data[f"remedies-{i}-resident_wording"] = resident_wording(kind, amount, reason)
    return data


def _stage(complaint: Complaint) -> Stage:
    """The stage the response is for. The pages ask the lifecycle first (``_not_now``),
    which allows a response or its correction only on an open stage."""
    stage = complaint.current_stage
    assert stage is not None, "the lifecycle allows a response only on a stage"
    return stage


def _recorded(
    complaint: Complaint,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The response as recorded, to correct: the form's, the remedies' and the actions'
    initial values."""
    stage = _stage(complaint)
    initial: dict[str, Any] = _initial(
        complaint,
        outcome=stage.outcome,
        reasons=stage.reasons,
        root_cause=complaint.root_cause,
        root_cause_detail=complaint.root_cause_detail,
        sub_cause=complaint.sub_cause.code if complaint.sub_cause else "",
    )
    for i, point in enumerate(stage.points.all(), start=1):
        initial[f"point_{i}"] = point.outcome
        initial[f"finding_{i}"] = point.finding
    remedies = [
        {
            "kind": r.kind,
            "resident_wording": r.resident_wording,
            "description": r.description,
            "amount": r.amount_offered,
            "compensation_reason": r.compensation_reason,
            "due_on": r.due_on,
            "owner": r.owner,
        }
        for r in stage.remedies.all()
    ]
    actions = [
        {"description": a.description, "owner": a.owner, "due_on": a.due_on}
        for a in stage.actions.all()
    ]
    return initial, remedies, actions


def _forms(
    data: QueryDict | None, complaint: Complaint, *, correcting: bool = False
) -> tuple[staff_forms.RespondForm, BaseFormSet[RemedyForm], BaseFormSet[ActionForm]]:
    stage = _stage(complaint)
    points = [p.summary for p in stage.points.all()]
    if correcting and data is None:
        initial, remedy_rows, action_rows = _recorded(complaint)
    else:
        initial, remedy_rows, action_rows = _initial(complaint), [], []
    own = complaint.sub_cause.code if complaint.sub_cause_id and complaint.sub_cause else ""
    form = staff_forms.RespondForm(
        data,
        initial=initial,
        points=points,
        dated=not correcting,
        sub_causes=sub_causes_offered(complaint.landlord_id, keep=own),
    )
    remedies = staff_forms.RemedyFormSet(data, prefix="remedies", initial=remedy_rows)
    actions = staff_forms.ActionFormSet(data, prefix="actions", initial=action_rows)
    return form, remedies, actions


def _with_guidance(remedies: BaseFormSet[RemedyForm]) -> None:
    """Each remedy form names its guidance fragment, and its amount asks for the fragment
    again (htmx) as it is typed."""
    url = reverse("ombudsman:remedy_guidance")
    for f in remedies.forms:
        f.guidance_id = f"{f.prefix}-guidance"
        f.fields["amount"].widget.attrs.update(
            {
                "hx-get": f"{url}?field={f.prefix}-amount&id={f.guidance_id}&compact=1",
                "hx-trigger": "input changed delay:500ms, change",
                "hx-target": f"#{f.guidance_id}-region",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )


def _filled(formset: BaseFormSet[_RowForm]) -> list[_RowForm]:
    return [f for f in formset.forms if f.has_changed()]


def _inputs(
    remedies: BaseFormSet[RemedyForm], actions: BaseFormSet[ActionForm]
) -> tuple[list[services.RemedyInput], list[services.ActionInput]]:
    remedy_inputs = [
        services.RemedyInput(
            kind=f.cleaned_data["kind"],
            description=f.cleaned_data.get("description") or "",
            due_on=f.cleaned_data.get("due_on"),
            amount=f.cleaned_data.get("amount"),
            compensation_reason=f.cleaned_data.get("compensation_reason") or "",
            resident_wording=f.cleaned_data.get("resident_wording") or "",
            owner=f.cleaned_data.get("owner") or "",
        )
        for f in _filled(remedies)
    ]
    action_inputs = [
        services.ActionInput(
            description=f.cleaned_data["description"],
            owner=f.cleaned_data["owner"],
            due_on=f.cleaned_data.get("due_on"),
        )
        for f in _filled(actions)
    ]
    return remedy_inputs, action_inputs


def _problems_on_forms(
    refusal: RuleError,
    form: staff_forms.RespondForm,
    remedies: BaseFormSet[RemedyForm],
    actions: BaseFormSet[ActionForm],
) -> None:
    """Service problems to fields: "points.2" to point 2, "remedies.1.due" to the first
    filled remedy's date, and so on; anything else to the form as a whole."""
    filled: dict[str, list[RemedyForm] | list[ActionForm]] = {
        "remedies": _filled(remedies),
        "actions": _filled(actions),
    }
    rest: dict[str, str] = {}
    for key, message in refusal.problems.items():
        parts = key.split(".")
        if parts[0] == "points" and len(parts) == 2 and f"point_{parts[1]}" in form.fields:
            form.add_error(f"point_{parts[1]}", message)
        elif parts[0] in filled and len(parts) == 3 and parts[1].isdigit():
            rows = filled[parts[0]]
            index = int(parts[1]) - 1
            field = {"due": "due_on"}.get(parts[2], parts[2])
            if 0 <= index < len(rows) and field in rows[index].fields:
                rows[index].add_error(field, message)
            else:
                rest[key] = message
        else:
            rest[key] = message
    add_problems(form, rest)


@staff_view(ACTING_ROLES)
def respond(request: StaffRequest, reference: str) -> HttpResponse:
    """Record the stage response's decision. The response letter is written next; sending
    it sends the response (stage 1 then closes with the way to stage 2; stage 2 is final)."""
    return _response_page(request, reference, correcting=False)


@staff_view(ACTING_ROLES)
def correct_response(request: StaffRequest, reference: str) -> HttpResponse:
    """Correct the recorded response before its letter is sent: the same form, filled in
    with the response as recorded; saving adds a "Response corrected" entry."""
    return _response_page(request, reference, correcting=True)


def _save(
    request: StaffRequest,
    complaint: Complaint,
    form: staff_forms.RespondForm,
    remedies: BaseFormSet[RemedyForm],
    actions: BaseFormSet[ActionForm],
    correcting: bool,
) -> Stage:
    remedy_inputs, action_inputs = _inputs(remedies, actions)
    arguments = {
        "complaint": complaint,
        "outcome": form.cleaned_data["outcome"],
        "reasons": form.cleaned_data["reasons"],
        "point_outcomes": [form.cleaned_data[n] for n in form.point_names],
        "point_findings": [form.cleaned_data.get(n) or "" for n in form.finding_names],
        "remedies": remedy_inputs,
        "actions": action_inputs,
        "root_cause": form.cleaned_data.get("root_cause") or "",
        "root_cause_detail": form.cleaned_data.get("root_cause_detail") or "",
        "sub_cause": form.cleaned_data.get("sub_cause") or "",
        "by": request.user,
    }
    if correcting:
        return services.complaint_response_correct(**arguments)
    return services.complaint_respond(**arguments, on=form.cleaned_data["on"])


def _response_page(request: StaffRequest, reference: str, *, correcting: bool) -> HttpResponse:
    complaint = _complaint(request, reference)
    if isinstance(complaint, HttpResponse):
        return complaint
    command = Command.CORRECT_RESPONSE if correcting else Command.RESPOND
    if refusal := _not_now(request, complaint, command):
        return refusal
    stage = _stage(complaint)
    if request.method == "POST":
        data: QueryDict = request.POST
        changing = False
        if "add" in data:
            changing = True
            data = _with_row_added(data, "remedies" if data["add"] == "remedy" else "actions")
        elif "remove" in data:
            changing = True
            prefix, _, index = data.get("remove", "").partition("-")
            if prefix in ("remedies", "actions") and index.isdigit():
                names = REMEDY_FIELDS if prefix == "remedies" else ACTION_FIELDS
                data = _with_row_removed(data, prefix, int(index), names)
        if changing:
            data = _with_wording_suggested(data)
        form, remedies, actions = _forms(data, complaint, correcting=correcting)
        if changing:
            shown: list[staff_forms.StaffForm | RemedyForm | ActionForm] = [
                form,
                *remedies.forms,
                *actions.forms,
            ]
            for f in shown:
                f.hide_errors = True
        else:
            valid = all([form.is_valid(), remedies.is_valid(), actions.is_valid()])
            if valid and not staff_forms.complaint_version_problem(form, complaint):
                try:
                    _save(request, complaint, form, remedies, actions, correcting)
                except RuleError as refused:
                    _problems_on_forms(refused, form, remedies, actions)
                else:
                    letter = (
                        LetterKind.STAGE1_RESPONSE
                        if stage.number == 1
                        else LetterKind.STAGE2_RESPONSE
                    )
                    what = "corrected" if correcting else "recorded"
                    return done(
                        request,
                        f"The stage {stage.number} decision is {what}. The response is sent "
                        "when its letter is: write the response letter now.",
                        reverse("staff:letter", args=[complaint.reference, letter.value]),
                    )
            elif not valid:
                # Shown again with its errors: a remedy left without words gets them.
                form, remedies, actions = _forms(
                    _with_wording_suggested(data), complaint, correcting=correcting
                )
                all([form.is_valid(), remedies.is_valid(), actions.is_valid()])
    else:
        form, remedies, actions = _forms(None, complaint, correcting=correcting)
    _with_guidance(remedies)
    return staff_render(
        request,
        "staff/commands/respond.html",
        {
            "complaint": complaint,
            "stage": stage,
            "form": form,
            "remedies": remedies,
            "actions": actions,
            "remedy_errors": list(remedies.forms),
            "action_errors": list(actions.forms),
            "correcting": correcting,
        },
        nav="queue",
    )
