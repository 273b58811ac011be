"""One function per command on a complaint (style.md: ``<entity>_<verb>``).

Each service opens the same way (``_common.command_open``: the record locked, the person
acting allowed to act on it, the step allowed now by ``putright.rules``), writes the change
and its timeline entry in one transaction (``_common.change_record``), and returns. It raises
``putright.rules.lifecycle.RuleError`` with a plain message when the rules say no. The staff
pages, the resident portal, the API, the demo and the tests all call these. The entry, and
the new version number that comes with it, is written by ``putright.complaints.timeline``,
the timeline's one writer, which letters, Ombudsman casework and learning call too.

The register import does not call these: a register holds a record's dates and outcomes,
not the commands that made them, so it writes the records in bulk and their "imported"
entries through the timeline writer's batch form (``putright.registers.importer``).

The commands, by what they do (import them from here: ``services.complaint_log(...)``):

- ``intake``: ``complaint_log``, ``complaint_triage``, ``complaint_not_accept``;
- ``stage``: ``complaint_define``, ``complaint_allocate``, ``complaint_acknowledge``,
  ``complaint_extend`` (agreed on or before the due date it extends), and
  ``extension_letter_issued`` (the Ombudsman's details given with the extension letter);
- ``respond``: ``complaint_respond`` (the decision, leaving the response letter to send),
  ``complaint_response_correct`` (before the letter goes), ``complaint_response_approve``
  and ``complaint_response_send_back`` (sign-off, where the landlord asks for it),
  ``complaint_letter_sent`` (a letter issued: the response sent, the stage done;
  ``letter_sent_write`` is the same for the letters service, which has locked the
  complaint and checked the person itself), with ``RemedyInput`` and ``ActionInput``;
- ``escalation``: ``complaint_request_escalation``, ``complaint_refuse_escalation``;
- ``closure``: ``complaint_withdraw``, ``record_resolve`` (kept: ``record_respond``);
- ``records``: a service request's or member enquiry's own work (issue 17, item 3):
  ``record_owner_set``, ``record_member_set``, ``record_respond`` (the response, dated,
  which resolves it), with ``record_target_on`` (its target date);
- ``notes``: ``complaint_add_note``, ``event_correct``;
- ``contacts``: ``complaint_record_contact`` (a call, email, text, visit or letter with the
  resident), ``complaint_record_repairs_told`` (a hazard passed to repairs);
- ``hazards``: Awaab's Law clocks: ``hazard_record_awareness`` (when the landlord became
  aware and the repairs service was told), ``hazard_record_investigation``,
  ``hazard_record_summary_sent``, ``hazard_record_safety_work_started``,
  ``hazard_record_made_safe`` (``MILESTONE_COMMANDS`` names them by milestone);
- ``classification``: ``complaint_reclassify`` (the service area or theme changed);
- ``attachments``: ``complaint_attach``, ``ALLOWED_ATTACHMENT_TYPES``,
  ``MAX_ATTACHMENT_BYTES``, ``ATTACHMENT_SIGNATURES`` and ``signature_problem`` (a file's
  first bytes against its type, for every door a file comes in by);
- ``remedies``: ``action_complete``, ``remedy_complete`` (done, with ``EvidenceFile``),
  ``remedy_record_progress`` (accepted, paid);
- ``adjustments``: ``complaint_adjustments_request``, ``complaint_adjustment_agree`` (the
  support asked for online, Code 5.10: the resident's records through
  ``putright.residents.services``, with the complaint's timeline entries);
- ``formats``: ``complaint_format_met`` and ``format_met_write`` (how an accessible
  format or language the resident needs was met, for a letter or a meeting, Code 5.10);
- ``updates``: ``complaint_update_interval_set`` (how often the resident is updated, Code
  5.9; the update owed is kept by every command, ``_common.update_owed``);
- ``_common``: what every command shares, and ``next_due`` (the work queue's deadline).
"""

from putright.complaints.services._common import next_due
from putright.complaints.services.adjustments import (
    complaint_adjustment_agree,
    complaint_adjustments_request,
)
from putright.complaints.services.attachments import (
    ALLOWED_ATTACHMENT_TYPES,
    ATTACHMENT_SIGNATURES,
    MAX_ATTACHMENT_BYTES,
    complaint_attach,
    signature_matches,
    signature_problem,
)
from putright.complaints.services.classification import complaint_reclassify
from putright.complaints.services.closure import complaint_withdraw, record_resolve
from putright.complaints.services.contacts import (
    RepairsChannel,
    complaint_record_contact,
    complaint_record_repairs_told,
)
from putright.complaints.services.escalation import (
    complaint_refuse_escalation,
    complaint_request_escalation,
)
from putright.complaints.services.formats import complaint_format_met, format_met_write
from putright.complaints.services.hazards import (
    MILESTONE_COMMANDS,
    hazard_record_awareness,
    hazard_record_investigation,
    hazard_record_made_safe,
    hazard_record_safety_work_started,
    hazard_record_summary_sent,
)
from putright.complaints.services.intake import (
    complaint_log,
    complaint_not_accept,
    complaint_triage,
)
from putright.complaints.services.notes import complaint_add_note, event_correct
from putright.complaints.services.records import (
    record_member_set,
    record_owner_set,
    record_respond,
    record_target_on,
)
from putright.complaints.services.remedies import (
    EvidenceFile,
    action_complete,
    remedy_complete,
    remedy_record_progress,
)
from putright.complaints.services.respond import (
    ActionInput,
    RemedyInput,
    complaint_letter_sent,
    complaint_respond,
    complaint_response_approve,
    complaint_response_correct,
    complaint_response_send_back,
    letter_sent_write,
)
from putright.complaints.services.stage import (
    complaint_acknowledge,
    complaint_allocate,
    complaint_define,
    complaint_extend,
    extension_letter_issued,
)
from putright.complaints.services.updates import complaint_update_interval_set

__all__ = [
    "ALLOWED_ATTACHMENT_TYPES",
    "ATTACHMENT_SIGNATURES",
    "MAX_ATTACHMENT_BYTES",
    "MILESTONE_COMMANDS",
    "ActionInput",
    "EvidenceFile",
    "RemedyInput",
    "RepairsChannel",
    "action_complete",
    "complaint_acknowledge",
    "complaint_add_note",
    "complaint_adjustment_agree",
    "complaint_adjustments_request",
    "complaint_allocate",
    "complaint_attach",
    "complaint_define",
    "complaint_extend",
    "complaint_format_met",
    "complaint_letter_sent",
    "complaint_log",
    "complaint_not_accept",
    "complaint_reclassify",
    "complaint_record_contact",
    "complaint_record_repairs_told",
    "complaint_refuse_escalation",
    "complaint_request_escalation",
    "complaint_respond",
    "complaint_response_approve",
    "complaint_response_correct",
    "complaint_response_send_back",
    "complaint_triage",
    "complaint_update_interval_set",
    "complaint_withdraw",
    "event_correct",
    "extension_letter_issued",
    "format_met_write",
    "hazard_record_awareness",
    "hazard_record_investigation",
    "hazard_record_made_safe",
    "hazard_record_safety_work_started",
    "hazard_record_summary_sent",
    "letter_sent_write",
    "next_due",
    "record_member_set",
    "record_owner_set",
    "record_resolve",
    "record_respond",
    "record_target_on",
    "remedy_complete",
    "remedy_record_progress",
    "signature_matches",
    "signature_problem",
]
