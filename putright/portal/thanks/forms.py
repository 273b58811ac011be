"""The "Say thank you" form: one short page, every question but the words optional."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from putright.landlords.models import Landlord, ServiceArea
from putright.portal.forms import GovukForm
from putright.rules.compliments import NAME_MAX, WORDS_MAX
from putright.web.govuk import choice_field

#: The service area answer of someone who does not know which it was.
NOT_SURE = ""


class ThanksForm(GovukForm):
    words = forms.CharField(
        label=_("What would you like to say?"),
        help_text=_("Tell us what went well and who helped you."),
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter what you would like to say"),
            "max_length": _(
                "What you would like to say must be %(limit_value)s characters or fewer"
            ),
        },
    )
    staff_named = forms.CharField(
        label=_("Who would you like to thank? (optional)"),
        help_text=_("The name of the member of staff, if you know it."),
        max_length=NAME_MAX,
        required=False,
        error_messages={
            "max_length": _("The name must be %(limit_value)s characters or fewer"),
        },
    )
    service_area = forms.ChoiceField(
        label=_("Which service was it? (optional)"),
        required=False,
        error_messages={
            "invalid_choice": _("Choose one of the services listed, or “I'm not sure”"),
        },
    )
    giver_name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("Leave this blank to stay anonymous."),
        max_length=NAME_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "max_length": _("Your name must be %(limit_value)s characters or fewer"),
        },
    )
    giver_email = forms.EmailField(
        label=_("Your email address (optional)"),
        help_text=_("Only if you would like us to reply."),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "service_area").choices = [(NOT_SURE, _("I'm not sure"))] + [
            (str(pk), name)
            for pk, name in ServiceArea.objects.filter(landlord=landlord).values_list("pk", "name")
        ]
