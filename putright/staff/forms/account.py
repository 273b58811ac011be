"""Forms for signing in, changing a password and choosing the landlord to work for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["username"].widget.attrs = {"autocomplete": "username", "spellcheck": "false"}
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget.attrs = {"autocomplete": "current-password"}


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not right. Enter it again.",
        "password_mismatch": "The two new passwords do not match",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": (
                "Your current password",
                "current-password",
                "Enter your current password",
            ),
            "new_password1": ("New password", "new-password", "Enter a new password"),
            "new_password2": (
                "Confirm new password",
                "new-password",
                "Enter the new password again",
            ),
        }
        for name, (label, autocomplete, required) in labels.items():
            self.fields[name].label = label
            self.fields[name].widget.attrs = {"autocomplete": autocomplete}
            self.fields[name].error_messages["required"] = required
        self.fields[
            "new_password1"
        ].help_text = (
            "Use at least 8 characters. Do not use a common password or one like your username."
        )


class ChooseLandlordForm(forms.Form):
    landlord = forms.IntegerField(widget=forms.HiddenInput)


class SecurityCodeForm(forms.Form):
    """The second step of signing in: the code from the person's authenticator app, or one
    of their recovery codes. Whether it is right is for the service (two_factor.services)."""

    code = forms.CharField(
        label="Security code",
        help_text=(
            "Open the authenticator app on your phone and enter the 6-digit code it shows "
            "for Putright, for example 123456."
        ),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class AuthenticatorSetUpForm(forms.Form):
    """Setting up an authenticator app: the code it shows once the secret is added."""

    code = forms.CharField(
        label="Enter the 6-digit code your app shows",
        help_text="For example 123456. The code changes every 30 seconds.",
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
