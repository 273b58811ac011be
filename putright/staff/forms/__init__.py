"""The staff workspace's forms: validation at the edge, in GOV.UK wording (style.md), one
module per part of the work, as the views are (``putright/staff/views/``).

A form checks what a person typed is complete and well formed ("Enter the date
received"); the service it feeds checks the Code's rules and raises ``RuleError``, whose
problems the view puts back on the form with ``web.govuk.add_problems``. Nothing here changes
the record. Every form can be imported from here, as the views do.
"""

from putright.staff.forms.account import (
    AuthenticatorSetUpForm,
    ChangePasswordForm,
    ChooseLandlordForm,
    SecurityCodeForm,
    SignInForm,
)
from putright.staff.forms.base import StaffForm, complaint_version_problem
from putright.staff.forms.casework import (
    ContactForm,
    FormatMetForm,
    HazardAwarenessForm,
    HazardMilestoneForm,
    ReclassifyForm,
    RepairsToldForm,
)
from putright.staff.forms.commands import (
    TRIAGE_CHOICES,
    AcknowledgeForm,
    AllocateForm,
    ApprovalForm,
    AttachForm,
    CorrectForm,
    DefineForm,
    EscalateForm,
    ExtendForm,
    MemberForm,
    NoteForm,
    OwnerForm,
    RefuseEscalationForm,
    ResolveForm,
    TriageForm,
    UpdateIntervalForm,
    WithdrawForm,
    handler_choices,
    owner_choices,
)
from putright.staff.forms.intake import VULNERABLE_CHOICES, LogForm
from putright.staff.forms.letters import LetterForm, LetterTemplateForm, format_field
from putright.staff.forms.queue import QueueForm
from putright.staff.forms.residents import (
    AdjustmentForm,
    AdjustmentRequestAgreeForm,
    ConsentForm,
    DisabilityForm,
    EqualityForm,
    RepresentativeForm,
    ResidentForm,
    ResidentSearchForm,
    RestrictionForm,
    ReviewForm,
    VulnerabilityForm,
)
from putright.staff.forms.respond import (
    ActionForm,
    ActionFormSet,
    RemedyForm,
    RemedyFormSet,
    RespondForm,
)
from putright.staff.forms.team import AwayForm, ReassignForm
from putright.staff.forms.work import ActionDoneForm, RemedyDoneForm, RemedyProgressForm

__all__ = [
    "TRIAGE_CHOICES",
    "VULNERABLE_CHOICES",
    "AcknowledgeForm",
    "ActionDoneForm",
    "ActionForm",
    "ActionFormSet",
    "AdjustmentForm",
    "AdjustmentRequestAgreeForm",
    "AllocateForm",
    "ApprovalForm",
    "AttachForm",
    "AuthenticatorSetUpForm",
    "AwayForm",
    "ChangePasswordForm",
    "ChooseLandlordForm",
    "ConsentForm",
    "ContactForm",
    "CorrectForm",
    "DefineForm",
    "DisabilityForm",
    "EqualityForm",
    "EscalateForm",
    "ExtendForm",
    "FormatMetForm",
    "HazardAwarenessForm",
    "HazardMilestoneForm",
    "LetterForm",
    "LetterTemplateForm",
    "LogForm",
    "MemberForm",
    "NoteForm",
    "OwnerForm",
    "QueueForm",
    "ReassignForm",
    "ReclassifyForm",
    "RefuseEscalationForm",
    "RemedyDoneForm",
    "RemedyForm",
    "RemedyFormSet",
    "RemedyProgressForm",
    "RepairsToldForm",
    "RepresentativeForm",
    "ResidentForm",
    "ResidentSearchForm",
    "ResolveForm",
    "RespondForm",
    "RestrictionForm",
    "ReviewForm",
    "SecurityCodeForm",
    "SignInForm",
    "StaffForm",
    "TriageForm",
    "UpdateIntervalForm",
    "VulnerabilityForm",
    "WithdrawForm",
    "complaint_version_problem",
    "format_field",
    "handler_choices",
    "owner_choices",
]
