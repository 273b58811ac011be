"""The work queue's filters, read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.staff.selectors import DUE_WITHIN_CHOICES, SCOPES, SORTS


class QueueForm(forms.Form):
    """The queue's filters, read from the query string. Anything not understood is
    ignored rather than refused: a filter link must never lead to an error page."""

    scope = forms.ChoiceField(choices=list(SCOPES.items()), required=False)
    q = forms.CharField(required=False, max_length=200)
    landlord = forms.IntegerField(required=False, min_value=1)  # the group queue's
    state = forms.CharField(required=False, max_length=20)
    stage = forms.TypedChoiceField(
        choices=[(1, 1), (2, 2)], coerce=int, required=False, empty_value=None
    )
    service_area = forms.IntegerField(required=False, min_value=1)
    handler = forms.IntegerField(required=False, min_value=1)
    contractor = forms.IntegerField(required=False, min_value=1)
    theme = forms.IntegerField(required=False, min_value=1)
    vulnerable = forms.BooleanField(required=False)
    adjustments = forms.BooleanField(required=False)
    overdue = forms.BooleanField(required=False)
    waiting = forms.BooleanField(required=False)
    safety = forms.BooleanField(required=False)
    letter = forms.BooleanField(required=False)
    update = forms.BooleanField(required=False)
    due_within = forms.TypedChoiceField(
        choices=[(n, n) for n in DUE_WITHIN_CHOICES], coerce=int, required=False, empty_value=None
    )
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def filters_data(self) -> dict[str, Any]:
        """The valid values; each invalid one dropped."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return data
