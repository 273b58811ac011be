"""One form per question page of the complaint form, with the GOV.UK error messages.

Each form takes the answers given so far (``answers``), because some questions are worded
for the resident or for someone complaining for them, and some answers depend on others
(a phone number is needed by someone who wants phone calls)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from putright.portal.forms import GovukForm, SupportForm
from putright.portal.middleware import max_request_bytes
from putright.portal.models import Person
from putright.portal.uploads import (
    MAX_FILES,
    SIZE_IN_WORDS,
    TYPES_IN_WORDS,
    UploadProblem,
    clean_filename,
    content_type_of,
)
from putright.residents.models import Resident
from putright.rules.codes import RepresentativeKind
from putright.rules.postcodes import is_postcode, normalise_postcode
from putright.web.govuk import choice_field, choice_pairs

# A phone number: digits with spaces, brackets, dashes and a leading +; 10 to 15 digits.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


def for_someone_else(answers: dict[str, Any]) -> bool:
    return answers.get("person") == Person.REPRESENTATIVE


class StepForm(GovukForm):
    """A question page's form, knowing the answers given so far.

    A page with one question uses it as its heading; a page with several has a ``heading``
    of its own, and ``fieldset`` puts them all in one fieldset headed by it (an address)."""

    heading: Any = ""
    fieldset = False

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    @property
    def someone_else(self) -> bool:
        return for_someone_else(self.answers)

    def page_fields(self) -> list[forms.BoundField]:
        """The fields shown on the page itself (not those revealed inside an option)."""
        nested = self.nested_fields()
        return [self[name] for name in self.fields if name not in nested]

    def page_heading(self) -> str:
        fields = self.page_fields()
        return str(self.heading or (fields[0].label if len(fields) == 1 else ""))


class WhoForm(StepForm):
    person = forms.ChoiceField(
        label=_("Who is the complaint for?"),
        choices=[
            (Person.RESIDENT, _("For me")),
            (Person.REPRESENTATIVE, _("For someone else")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if the complaint is for you or for someone else"),
            "invalid_choice": _("Select if the complaint is for you or for someone else"),
        },
    )
    item_hints = {
        "person": {
            Person.REPRESENTATIVE: _(
                "For example, a family member or friend, or someone you support as an "
                "advocate, councillor, MP or solicitor"
            )
        }
    }


class RepresentativeForm(StepForm):
    heading = _("About you")

    representative_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 200 characters or fewer"),
        },
    )
    representative_kind = forms.ChoiceField(
        label=_("How do you know them?"),
        choices=[
            (RepresentativeKind.FAMILY, _("Family member or friend")),
            (RepresentativeKind.ADVOCATE, _("Advocate or support worker")),
            (RepresentativeKind.COUNCILLOR, _("Councillor")),
            (RepresentativeKind.MP, _("MP")),
            (RepresentativeKind.SOLICITOR, _("Solicitor")),
            (RepresentativeKind.OTHER, _("Other")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you know the person you are complaining for"),
            "invalid_choice": _("Select how you know the person you are complaining for"),
        },
    )


class NameForm(StepForm):
    resident_name = forms.CharField(
        label=_("What is your full name?"),
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 200 characters or fewer"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resident_name"]
        if self.someone_else:
            field.label = _("What is the full name of the person you are complaining for?")
            field.error_messages = {
                "required": _("Enter the full name of the person you are complaining for"),
                "max_length": _("Their name must be 200 characters or fewer"),
            }
        else:
            field.widget.attrs["autocomplete"] = "name"


class ContactMethodForm(StepForm):
    contact_method = forms.ChoiceField(
        label=_("How would you like us to contact you about the complaint?"),
        choices=[
            (Resident.ContactPreference.EMAIL, _("Email")),
            (Resident.ContactPreference.PHONE, _("Phone call")),
            (Resident.ContactPreference.TEXT, _("Text message")),
            (Resident.ContactPreference.LETTER, _("Letter to your home")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you would like us to contact you"),
            "invalid_choice": _("Select how you would like us to contact you"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.someone_else:
            # Letters go to the resident's home, not to someone complaining for them.
            field = choice_field(self, "contact_method")
            field.choices = [
                c
                for c in choice_pairs(self, "contact_method")
                if c[0] != Resident.ContactPreference.LETTER
            ]
            field.help_text = _("We will write to the person you are complaining for at home.")


def _wants_phone(answers: dict[str, Any]) -> bool:
    return answers.get("contact_method") in (
        Resident.ContactPreference.PHONE,
        Resident.ContactPreference.TEXT,
    )


class ContactDetailsForm(StepForm):
    heading = _("Your contact details")

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will email you a confirmation and a private link to follow the complaint."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
        error_messages={
            "max_length": _(
                "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if _wants_phone(self.answers):
            self.fields["phone"].label = _("Phone number")
            self.fields["phone"].help_text = _("We will call or text you on this number.")

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if not phone:
            if _wants_phone(self.answers):
                raise forms.ValidationError(
                    _("Enter a phone number, so that we can call or text you")
                )
            return ""
        digits = re.sub(r"\D", "", phone)
        if not PHONE_CHARACTERS.match(phone) or not 10 <= len(digits) <= 15:
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
            )
        return " ".join(phone.split())


class AddressForm(StepForm):
    fieldset = True

    address_line_1 = forms.CharField(
        label=_("Address line 1"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
        error_messages={
            "required": _("Enter address line 1, typically the building and street"),
            "max_length": _("Address line 1 must be 200 characters or fewer"),
        },
    )
    address_line_2 = forms.CharField(
        label=_("Address line 2 (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
        error_messages={"max_length": _("Address line 2 must be 200 characters or fewer")},
    )
    town = forms.CharField(
        label=_("Town or city"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"autocomplete": "address-level2", "class": "govuk-!-width-two-thirds"}
        ),
        error_messages={
            "required": _("Enter town or city"),
            "max_length": _("Town or city must be 100 characters or fewer"),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
        error_messages={
            "required": _("Enter postcode"),
            "max_length": _("Enter a full UK postcode, like AA1 1AA"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.someone_else:
            self.heading = _("What is the address of the person you are complaining for?")
        else:
            self.heading = _("What is your address?")

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data.get("postcode", ""))
        if not is_postcode(postcode):
            raise forms.ValidationError(_("Enter a full UK postcode, like AA1 1AA"))
        return postcode


class WhatHappenedForm(StepForm):
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what went wrong, when it happened and who you have spoken to. "
            "Use your own words."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("What happened must be 5,000 characters or fewer"),
        },
    )


class PutRightForm(StepForm):
    put_right = forms.CharField(
        label=_("What would you like us to do to put things right?"),
        help_text=_(
            "For example, do a repair, say sorry, or change how we do things. "
            "If you are not sure, you can leave this blank."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("What you would like us to do must be 2,000 characters or fewer")
        },
    )


class SupportStepForm(StepForm, SupportForm):
    """The support question, worded for whoever the complaint is for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.someone_else:
            self.fields["support"].label = _(
                "Does the person you are complaining for need any support or changes?"
            )
            choice_field(self, "support").choices = [
                (v, _("No, they do not need any support") if v == "none" else label)
                for v, label in choice_pairs(self, "support")
            ]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files from one input (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


@dataclass(frozen=True, slots=True)
class AcceptedFile:
    filename: str
    content_type: str
    upload: UploadedFile


class FilesForm(StepForm):
    """Files are checked one by one with the complaint services' limits, so that the good
    ones are kept when another is refused."""

    heading = _("Upload photos or documents (optional)")
    # The metaclass takes a declared field off the class, so form.files is Django's still.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Add a file"),
        help_text=format_lazy(
            _(
                "For example, photos of a repair or letters we sent you. You can send {types} "
                "files: up to {count} files, each smaller than {size}."
            ),
            types=TYPES_IN_WORDS,
            count=MAX_FILES,
            size=SIZE_IN_WORDS,
        ),
        required=False,
    )

    def __init__(self, *args: Any, already: int = 0, **kwargs: Any) -> None:
        self.already = already
        self.accepted: list[AcceptedFile] = []
        super().__init__(*args, **kwargs)
        # What one send may carry (portal.middleware: a bigger one is refused unread).
        self.fields["files"].help_text = format_lazy(
            "{hint} {at_a_time}",
            hint=self.fields["files"].help_text,
            at_a_time=format_lazy(
                _("You can send up to {total} at a time, so add large files one or two at a time."),
                total=filesizeformat(max_request_bytes()),
            ),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        problems: list[str] = []
        for upload in data.get("files") or []:
            name = clean_filename(upload.name or "")
            try:
                self.accepted.append(AcceptedFile(name, content_type_of(upload, name), upload))
            except UploadProblem as problem:
                problems.append(str(problem))
        if self.already + len(self.accepted) > MAX_FILES:
            room = max(0, MAX_FILES - self.already)
            self.accepted = self.accepted[:room]
            problems.append(
                str(
                    format_lazy(
                        _("You can send up to {count} files. Remove a file to add another"),
                        count=MAX_FILES,
                    )
                )
            )
        if problems:
            self.add_error("files", problems)
        return data
