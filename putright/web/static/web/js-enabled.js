// GOV.UK Frontend's classes on <body>, set before the page is drawn so its components do
// not flash unstyled; a file of its own rather than inline, so the Content-Security-Policy
// can refuse every inline script (docs/security.md).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
