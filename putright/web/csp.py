"""The Content-Security-Policy's one exception (settings.CONTENT_SECURITY_POLICY;
docs/security.md): a page that shows a self-contained document of our own, such as a
letter's preview, lets that document's own <style> elements through by their hashes, so
no other inline style is allowed and the policy keeps no 'unsafe-inline'."""

from __future__ import annotations

import base64
import hashlib
import re

from django.http import HttpResponseBase

_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def style_hashes(html: str) -> list[str]:
    """The CSP hash-source of each <style> element's text in ``html``."""
    return [
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        )
        for text in _STYLE_ELEMENT.findall(html)
    ]


def allow_styles_of(response: HttpResponseBase, html: str) -> HttpResponseBase:
    """Let the <style> elements of ``html``, a document the page embeds (an iframe's
    srcdoc inherits the page's policy), through the page's policy, and nothing else."""
    if hashes := style_hashes(html):
        # django-csp reads this attribute, which HttpResponse does not declare.
        setattr(response, "_csp_update", {"style-src": hashes})  # noqa: B010
    return response
