"""The second factor (issue 14): after the password, a 6-digit code from an authenticator
app (TOTP, django-otp), or one of the person's recovery codes. Officers and administrators
must use one unless ``TWO_FACTOR_REQUIRED_ROLES`` says otherwise; anyone may set one up.
Signing in with the organisation's account (single sign-on) needs no code here: the
identity provider asks for its own. docs/security.md, "Second factor"."""
