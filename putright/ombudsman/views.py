"""Staff pages for Ombudsman casework, the case file bundle and putting things right, under
/staff/ombudsman/. Views validate the form, call a service, and show the result; the rules
live in the services and selectors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile as DjangoUpload
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint, Remedy
from putright.landlords.models import ExceptionalCircumstances, today
from putright.ombudsman import selectors, services
from putright.ombudsman.bundle import bundle_filename, bundle_produce, human_size
from putright.ombudsman.forms import (
    FINDING_ROWS,
    CaseForm,
    ContactForm,
    DeterminationForm,
    FailureActionsForm,
    FailureOrderForm,
    FindingRowForm,
    NoticeForm,
    NoticeWithdrawForm,
    OrderForm,
    OrderProgressForm,
    RemedyProgressForm,
    ReplyForm,
)
from putright.ombudsman.models import (
    BundleDownload,
    Contact,
    Determination,
    FailureOrder,
    OmbudsmanCase,
    Order,
    Reply,
)
from putright.ombudsman.permissions import LINK_ROLES, READ_ROLES
from putright.ombudsman.services import FindingInput, UploadedFile
from putright.rules.lifecycle import RuleError
from putright.web.access import StaffRequest, can_act, staff_view, visible_complaints
from putright.web.govuk import add_problems, money_from_text
from putright.web.pages import area_pages, staff_page

#: An id a form may give the remedies guidance fragment: letters, digits and hyphens.
GUIDANCE_ID = re.compile(r"[a-z][a-z0-9-]{0,60}")


#: The Ombudsman's pages, linked under the staff navigation: (name, url name, text).
PAGES = (
    ("ombudsman", "ombudsman:index", "Cases and deadlines"),
    ("orders", "ombudsman:orders", "Open orders"),
    ("failure_orders", "ombudsman:failure_orders", "Failure orders"),
    ("remedies", "ombudsman:remedies", "Putting things right"),
    ("notices", "ombudsman:notices", "Exceptional circumstances"),
)


def _page(
    request: StaffRequest, template: str, context: dict[str, Any], section: str = "ombudsman"
) -> HttpResponse:
    """An Ombudsman page in the staff layout, ``section`` the one of ``PAGES`` it is under."""
    pages = [(name, reverse(url), text) for name, url, text in PAGES]
    return staff_page(
        request,
        template,
        {
            "can_record": request.membership.role in LINK_ROLES,
            "today": today(),
            **area_pages("Ombudsman pages", pages, section),
            **context,
        },
        nav="ombudsman",
    )


def _upload(file: DjangoUpload | None) -> UploadedFile | None:
    if file is None:
        return None
    return UploadedFile(
        filename=file.name or "file",
        content=file.read(),
        content_type=file.content_type or "application/octet-stream",
    )


def _attempt(form: forms.BaseForm, action: Any, fields: dict[str, str] | None = None) -> Any:
    """Call a service; on a RuleError put its problems on the form and return None."""
    try:
        return action()
    except RuleError as error:
        add_problems(form, error.problems, fields)
        return None


def _case(request: StaffRequest, pk: int) -> OmbudsmanCase:
    return get_object_or_404(
        OmbudsmanCase.objects.select_related("complaint"),
        pk=pk,
        landlord=request.landlord,
    )


# Casework ----------------------------------------------------------------------------------


@staff_view(READ_ROLES)
def index(request: StaffRequest) -> HttpResponse:
    """Ombudsman casework: the deadlines (overdue and due soon) and every case."""
    landlord = request.landlord
    on = today()
    return _page(
        request,
        "ombudsman/index.html",
        {
            "deadlines": selectors.ombudsman_deadlines_due(landlord, 10, on),
            "contacts": selectors.open_contacts(landlord),
            "cases": selectors.cases_for(landlord),
        },
    )


@staff_view(LINK_ROLES)
def case_new(request: StaffRequest) -> HttpResponse:
    landlord = request.landlord
    initial: dict[str, object] = {"opened_on": today()}
    if reference := request.GET.get("complaint", ""):
        initial["complaint_reference"] = reference
    form = CaseForm(request.POST or None, landlord=landlord, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        case = _attempt(
            form,
            lambda: services.ombudsman_case_open(
                landlord=landlord,
                reference=d["reference"],
                opened_on=d["opened_on"],
                complaint=d["complaint_reference"],
                resident_name=d["resident_name"],
                summary=d["summary"],
                by=request.user,
            ),
            {"complaint": "complaint_reference"},
        )
        if case is not None:
            messages.success(request, f"Case {case.reference} recorded.")
            return redirect("ombudsman:case", pk=case.pk)
    return _page(request, "ombudsman/case_new.html", {"form": form})


@staff_view(READ_ROLES)
def case(request: StaffRequest, pk: int) -> HttpResponse:
    the_case = _case(request, pk)
    determinations = the_case.determinations.prefetch_related("findings")
    orders = {
        o.pk: o for o in selectors.orders_for(request.landlord).filter(determination__case=the_case)
    }
    return _page(
        request,
        "ombudsman/case.html",
        {
            "case": the_case,
            "contacts": the_case.contacts.prefetch_related("replies"),
            "determinations": [(d, [orders[o.pk] for o in d.orders.all()]) for d in determinations],
            "failure_orders": the_case.failure_orders.all(),
            "learning": the_case.learning_records.all(),
            "mrc_copies": selectors.mrc_copies_of_case(the_case),
        },
    )


@staff_view(LINK_ROLES)
def case_close(request: StaffRequest, pk: int) -> HttpResponse:
    the_case = _case(request, pk)
    if request.method == "POST":
        try:
            services.ombudsman_case_close(case=the_case, on=today(), by=request.user)
            messages.success(request, f"Case {the_case.reference} closed.")
        except RuleError as error:
            messages.error(request, " ".join(error.problems.values()))
    return redirect("ombudsman:case", pk=the_case.pk)


@staff_view(LINK_ROLES)
def contact_new(request: StaffRequest, pk: int) -> HttpResponse:
    the_case = _case(request, pk)
    form = ContactForm(request.POST or None, initial={"received_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        contact = _attempt(
            form,
            lambda: services.contact_record(
                case=the_case,
                kind=d["kind"],
                received_on=d["received_on"],
                deadline=d["deadline"],
                details=d["details"],
                by=request.user,
            ),
        )
        if contact is not None:
            messages.success(request, f"{contact.get_kind_display()} recorded.")
            return redirect("ombudsman:contact", pk=contact.pk)
    return _page(request, "ombudsman/contact_new.html", {"case": the_case, "form": form})


@staff_view(READ_ROLES)
def contact(request: StaffRequest, pk: int) -> HttpResponse:
    the_contact = get_object_or_404(
        Contact.objects.select_related("case", "case__complaint"),
        pk=pk,
        case__landlord=request.landlord,
    )
    can_record = request.membership.role in LINK_ROLES
    form = ReplyForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "sent_on": today(),
            "answers_in_full": True,
            "with_bundle": the_contact.case.complaint_id is not None
            and the_contact.kind == "evidence_request",
        },
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(
                "Only complaints officers, senior handlers and administrators reply."
            )
        if form.is_valid():
            d = form.cleaned_data
            reply = _attempt(
                form,
                lambda: services.contact_reply(
                    contact=the_contact,
                    sent_on=d["sent_on"],
                    summary=d["summary"],
                    answers_in_full=d["answers_in_full"],
                    with_bundle=d["with_bundle"],
                    upload=_upload(d["file"]),
                    by=request.user,
                ),
            )
            if reply is not None:
                messages.success(
                    request,
                    "Reply recorded"
                    + (": the case file bundle is kept with it." if reply.bundle_sha256 else "."),
                )
                return redirect("ombudsman:contact", pk=the_contact.pk)
    return _page(
        request,
        "ombudsman/contact.html",
        {"contact": the_contact, "replies": the_contact.replies.all(), "form": form},
    )


@staff_view(READ_ROLES)
def reply_file(request: StaffRequest, pk: int) -> FileResponse:
    reply = get_object_or_404(
        Reply.objects.select_related("contact__case__complaint"),
        pk=pk,
        contact__case__landlord=request.landlord,
    )
    if not reply.file:
        raise Http404("This reply has no file.")
    complaint = reply.contact.case.complaint
    if complaint is not None:
        _visible(request, complaint)
    return FileResponse(reply.file.open("rb"), as_attachment=True, filename=reply.filename)


# Determinations and orders -----------------------------------------------------------------


@staff_view(LINK_ROLES)
def determination_new(request: StaffRequest, pk: int) -> HttpResponse:
    the_case = _case(request, pk)
    form = DeterminationForm(request.POST or None, initial={"determined_on": today()})
    rows = [
        FindingRowForm(request.POST or None, prefix=f"findings-{i}")
        for i in range(1, FINDING_ROWS + 1)
    ]
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        findings = [
            FindingInput(
                r.cleaned_data["element"], r.cleaned_data["finding"], r.cleaned_data["category"]
            )
            for r in rows
        ]
        try:
            determination = services.determination_record(
                case=the_case,
                determined_on=form.cleaned_data["determined_on"],
                findings=findings,
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except RuleError as error:
            _finding_errors(form, rows, error.problems)
        else:
            messages.success(request, "Determination recorded. Now add its orders.")
            return redirect("ombudsman:order_new", pk=determination.pk)
    return _page(
        request, "ombudsman/determination_new.html", {"case": the_case, "form": form, "rows": rows}
    )


def _finding_errors(form: forms.Form, rows: list[FindingRowForm], problems: dict[str, str]) -> None:
    """Put "findings-2-element" problems on that row's field, the rest on the form."""
    for key, message in problems.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "findings" and parts[1].isdigit():
            rows[int(parts[1]) - 1].add_error(parts[2], message)
        elif key == "findings":
            rows[0].add_error("element", message)
        else:
            add_problems(form, {key: message})


@staff_view(LINK_ROLES)
def order_new(request: StaffRequest, pk: int) -> HttpResponse:
    determination = get_object_or_404(
        Determination.objects.select_related("case"),
        pk=pk,
        case__landlord=request.landlord,
    )
    form = OrderForm(request.POST or None, determination=determination)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        order = _attempt(
            form,
            lambda: services.order_add(
                determination=determination,
                kind=d["kind"],
                description=d["description"],
                due_on=d["due_on"],
                owner=d["owner"],
                amount=d["amount"],
                is_recommendation=d["is_recommendation"],
                finding=d["finding"],
                by=request.user,
            ),
        )
        if order is not None:
            messages.success(request, f"{order} added.")
            if "add_another" in request.POST:
                return redirect("ombudsman:order_new", pk=determination.pk)
            return redirect("ombudsman:case", pk=determination.case_id)
    return _page(
        request,
        "ombudsman/order_new.html",
        {"determination": determination, "case": determination.case, "form": form},
    )


@staff_view(READ_ROLES)
def open_orders(request: StaffRequest) -> HttpResponse:
    """Every open order and recommendation; those following severe maladministration are
    marked and listed first (Code 9.7c)."""
    orders = list(selectors.open_orders(request.landlord))
    return _page(
        request,
        "ombudsman/orders.html",
        {"orders": orders, "severe_count": sum(1 for o in orders if o.follows_severe)},
        section="orders",
    )


@staff_view(READ_ROLES)
def order(request: StaffRequest, pk: int) -> HttpResponse:
    the_order = get_object_or_404(
        selectors.orders_for(request.landlord),
        pk=pk,
    )
    can_record = request.membership.role in LINK_ROLES
    form = OrderProgressForm(
        request.POST or None,
        request.FILES or None,
        recommendation=the_order.is_recommendation,
        initial={"status": the_order.status, "evidence": the_order.evidence},
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(
                "Only complaints officers, senior handlers and administrators record this."
            )
        if form.is_valid():
            d = form.cleaned_data
            done = _attempt(
                form,
                lambda: services.order_record_progress(
                    order=the_order,
                    status=d["status"],
                    evidence=d["evidence"],
                    upload=_upload(d["evidence_file"]),
                    completed_on=d["completed_on"],
                    by=request.user,
                ),
            )
            if done is not None:
                messages.success(request, f"{done}: {done.get_status_display().lower()}.")
                return redirect("ombudsman:orders")
    return _page(request, "ombudsman/order.html", {"order": the_order, "form": form}, "orders")


@staff_view(READ_ROLES)
def order_evidence(request: StaffRequest, pk: int) -> FileResponse:
    the_order = get_object_or_404(
        Order,
        pk=pk,
        determination__case__landlord=request.landlord,
    )
    if not the_order.evidence_file:
        raise Http404("This order has no evidence file.")
    return FileResponse(
        the_order.evidence_file.open("rb"), as_attachment=True, filename=the_order.evidence_filename
    )


# Complaint Handling Failure Orders --------------------------------------------------------


@staff_view(READ_ROLES)
def failure_orders(request: StaffRequest) -> HttpResponse:
    return _page(
        request,
        "ombudsman/failure_orders.html",
        {
            "failure_orders": selectors.failure_orders_for(request.landlord),
            "mrc_copies": selectors.mrc_copies_of_failure_orders(request.landlord),
        },
        section="failure_orders",
    )


@staff_view(LINK_ROLES)
def failure_order_new(request: StaffRequest) -> HttpResponse:
    landlord = request.landlord
    form = FailureOrderForm(request.POST or None, initial={"issued_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        the_case = None
        if d["case_reference"].strip():
            the_case = OmbudsmanCase.objects.filter(
                landlord=landlord, reference=d["case_reference"].strip()
            ).first()
            if the_case is None:
                form.add_error("case_reference", "There is no Ombudsman case with that reference")
        if not form.errors:
            failure = _attempt(
                form,
                lambda: services.failure_order_record(
                    landlord=landlord,
                    issued_on=d["issued_on"],
                    kind=d["kind"],
                    what_failed=d["what_failed"],
                    actions_taken=d["actions_taken"],
                    case=the_case,
                    by=request.user,
                ),
            )
            if failure is not None:
                messages.success(request, "Complaint Handling Failure Order recorded.")
                return redirect("ombudsman:failure_orders")
    return _page(request, "ombudsman/failure_order_new.html", {"form": form}, "failure_orders")


@staff_view(LINK_ROLES)
def failure_order_actions(request: StaffRequest, pk: int) -> HttpResponse:
    failure = get_object_or_404(
        FailureOrder,
        pk=pk,
        landlord=request.landlord,
    )
    form = FailureActionsForm(
        request.POST or None,
        initial={"actions_taken": failure.actions_taken, "done_on": failure.actions_done_on},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.failure_order_record_actions(
                failure_order=failure,
                actions_taken=d["actions_taken"],
                done_on=d["done_on"],
                by=request.user,
            ),
            {"done_on": "done_on"},
        )
        if done is not None:
            messages.success(request, "Actions recorded.")
            return redirect("ombudsman:failure_orders")
    return _page(
        request,
        "ombudsman/failure_order_actions.html",
        {"failure": failure, "form": form},
        "failure_orders",
    )


# Exceptional circumstances (Code 8.5) -------------------------------------------------------


@staff_view(READ_ROLES)
def notices(request: StaffRequest) -> HttpResponse:
    """Code 8.5: every notice of exceptional circumstances, who was told, and the form to
    record one (which emails the Ombudsman and writes to the resident of every open
    complaint)."""
    landlord = request.landlord
    form = NoticeForm(request.POST or None, initial={"started_on": today()})
    if request.method == "POST":
        if request.membership.role not in LINK_ROLES:
            raise PermissionDenied("Your role does not allow this.")
        if form.is_valid():
            d = form.cleaned_data
            notice = _attempt(
                form,
                lambda: services.exceptional_circumstances_record(
                    landlord=landlord,
                    what_happened=d["what_happened"],
                    started_on=d["started_on"],
                    back_to_compliance=d["back_to_compliance"],
                    by=request.user,
                ),
            )
            if notice is not None:
                written = sum(1 for row in notice.letters if row["letter"])
                messages.success(
                    request,
                    f"The notice has been recorded and will be emailed to the Ombudsman at "
                    f"{notice.ombudsman_emailed_to}. {written} of {len(notice.letters)} "
                    "residents with open complaints have been written to.",
                )
                return redirect("ombudsman:notices")
    return _page(
        request,
        "ombudsman/notices.html",
        {
            "form": form,
            "notices": ExceptionalCircumstances.objects.filter(landlord=landlord),
        },
        "notices",
    )


@staff_view(LINK_ROLES)
def notice_withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    """Code 8.5: the landlord can meet the Code again; the notice leaves the public pages."""
    notice = get_object_or_404(ExceptionalCircumstances, pk=pk, landlord=request.landlord)
    form = NoticeWithdrawForm(request.POST or None, initial={"withdrawn_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.exceptional_circumstances_withdraw(
                notice=notice, withdrawn_on=d["withdrawn_on"], note=d["note"], by=request.user
            ),
        )
        if done is not None:
            messages.success(request, "The notice has been withdrawn from the public pages.")
            return redirect("ombudsman:notices")
    return _page(
        request, "ombudsman/notice_withdraw.html", {"notice": notice, "form": form}, "notices"
    )


@staff_view(LINK_ROLES)
def notice_send_again(request: StaffRequest, pk: int) -> HttpResponse:
    """Code 8.5: queue the email to the Ombudsman again after it failed (a POST, from the
    button beside the failure on the notices page)."""
    notice = get_object_or_404(ExceptionalCircumstances, pk=pk, landlord=request.landlord)
    if request.method == "POST":
        try:
            queued = services.exceptional_circumstances_email_again(notice=notice, by=request.user)
            messages.success(
                request,
                f"The notice from {queued.started_on:%-d %B %Y} will be emailed to the "
                f"Ombudsman at {queued.ombudsman_emailed_to} again.",
            )
        except RuleError as error:
            messages.error(request, " ".join(error.problems.values()))
    return redirect("ombudsman:notices")


# The case file bundle ----------------------------------------------------------------------


def _visible(request: StaffRequest, complaint: Complaint) -> Complaint:
    if not visible_complaints(request.membership).filter(pk=complaint.pk).exists():
        raise PermissionDenied("You cannot see this complaint.")
    return complaint


@staff_view(
    READ_ROLES,
    refusal="The case file bundle is for the landlord's own complaints team, who deal "
    "with the Housing Ombudsman.",
)
def bundle(request: StaffRequest, reference: str) -> HttpResponse:
    """The case file bundle of a complaint (Code 5.12), for the landlord's own staff who
    may see the case (not a contractor's handler; ``bundle_produce`` checks it too): GET
    shows what it holds, POST produces it as a download, logged."""
    complaint = get_object_or_404(
        visible_complaints(request.membership),
        reference=reference,
    )
    if request.method == "POST":
        built = bundle_produce(complaint=complaint, by=request.user)
        response = HttpResponse(built.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{bundle_filename(complaint)}"'
        return response
    return _page(
        request,
        "ombudsman/bundle_page.html",
        {
            "complaint": complaint,
            "events": complaint.events.count(),
            "attachments": complaint.attachments.count(),
            "letters": complaint.letters.count(),
            "downloads": BundleDownload.objects.filter(complaint=complaint).select_related("by")[
                :10
            ],
            "human_size": human_size,
        },
    )


# Putting things right ----------------------------------------------------------------------


@staff_view(READ_ROLES)
def remedies(request: StaffRequest) -> HttpResponse:
    """Remedies followed to completion (Code section 7): overdue, due, and done lately."""
    on = today()
    found = selectors.remedies_by_progress(
        request.landlord,
        on,
        done_since=on - dt.timedelta(days=90),
    )
    return _page(request, "ombudsman/remedies.html", {"remedies": found}, "remedies")


@staff_view(READ_ROLES)
def remedy(request: StaffRequest, pk: int) -> HttpResponse:
    """One remedy, with the remedies guidance beside its amount, and its progress."""
    the_remedy = get_object_or_404(
        Remedy.objects.select_related("stage__complaint"),
        pk=pk,
        stage__landlord=request.landlord,
    )
    complaint = _visible(request, the_remedy.stage.complaint)
    can_record = can_act(request.membership)
    form = RemedyProgressForm(
        request.POST or None,
        initial={
            "amount_accepted": the_remedy.amount_accepted or the_remedy.amount_offered,
            "amount_paid": the_remedy.amount_paid or the_remedy.amount_offered,
            "payment_method": the_remedy.payment_method,
        },
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("Your role can read remedies but not change them.")
        if form.is_valid():
            d = form.cleaned_data
            done = _attempt(
                form,
                lambda: complaint_services.remedy_record_progress(
                    remedy=the_remedy,
                    accepted_on=d["accepted_on"],
                    amount_accepted=d["amount_accepted"] if d["accepted_on"] else None,
                    paid_on=d["paid_on"],
                    amount_paid=d["amount_paid"] if d["paid_on"] else None,
                    payment_method=d["payment_method"],
                    done_on=d["done_on"],
                    by=request.user,
                ),
            )
            if done is not None:
                messages.success(request, "Progress on the remedy is recorded.")
                return redirect("ombudsman:remedies")
    guidance = selectors.remedy_guidance(
        request.landlord,
        today(),
        the_remedy.amount_offered,
    )
    return _page(
        request,
        "ombudsman/remedy.html",
        {
            "remedy": the_remedy,
            "complaint": complaint,
            "form": form,
            "guidance": guidance,
            "done": selectors.remedy_is_done(the_remedy),
        },
        "remedies",
    )


@staff_view()
def remedy_guidance(request: StaffRequest) -> HttpResponse:
    """The remedies guidance as a fragment for an amount (``?amount=250``), for a form that
    chooses an amount to show beside it (Code 7.4). A form whose amount field has another
    name says which (``?field=remedies-0-amount``), and may ask for the fragment's ``id``
    and its ``compact`` form (htmx sends the field's value as it is typed)."""
    name = request.GET.get("field", "amount")
    amount = money_from_text(request.GET.get(name, "")[:50])
    guidance = selectors.remedy_guidance(request.landlord, today(), amount)
    guidance_id = request.GET.get("id", "")
    return render(
        request,
        "ombudsman/remedy_guidance.html",
        {
            "guidance": guidance,
            "guidance_id": guidance_id if GUIDANCE_ID.fullmatch(guidance_id) else "",
            "compact": request.GET.get("compact") == "1",
        },
    )
