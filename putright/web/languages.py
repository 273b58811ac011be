"""The language a resident page is shown in (issue 17, item 5).

The resident pages (the start page and the portal's) are in English, and in each language
their landlord has turned on
(``Landlord.portal_languages``, from settings.LANGUAGES). The resident chooses with the
link at the top of the page (``?lang=cy``), which is kept in a cookie; a language the
landlord has not turned on is never used, whatever the link or the cookie says. The staff
workspace is always in English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation

from putright.landlords.models import Landlord

#: The query parameter of the language links, and the cookie that keeps the choice.
LANGUAGE_PARAMETER = "lang"
LANGUAGE_COOKIE = "putright_language"
#: A year: the choice outlives the visit, as a resident comes back to follow a complaint.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60


def offered(landlord: Landlord) -> list[str]:
    """The languages the landlord's resident pages are offered in: English first."""
    return [settings.LANGUAGE_CODE, *landlord.portal_language_codes]


def chosen_language(request: HttpRequest, landlord: Landlord) -> str:
    """The language this page is shown in: the link's, else the cookie's, when the landlord
    offers it; else English."""
    languages = offered(landlord)
    for asked in (
        request.GET.get(LANGUAGE_PARAMETER, ""),
        request.COOKIES.get(LANGUAGE_COOKIE, ""),
    ):
        if asked in languages:
            return asked
    return settings.LANGUAGE_CODE


def remember_language(request: HttpRequest, response: HttpResponseBase, language: str) -> None:
    """Keep a language chosen by its link, say which the page is in, and tell caches the
    page depends on the cookie."""
    response["Content-Language"] = html_lang(language)
    response["Vary"] = ", ".join(filter(None, [response.get("Vary", ""), "Cookie"]))
    if request.GET.get(LANGUAGE_PARAMETER) == language:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=LANGUAGE_COOKIE_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )


def in_chosen_language(
    request: HttpRequest, landlord: Landlord, page: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """``page()``, made in the language the resident chose where the landlord offers it."""
    language = chosen_language(request, landlord)
    with translation.override(language):
        response = page()
    remember_language(request, response, language)
    return response


def html_lang(language: str) -> str:
    """The language as the page's ``lang`` attribute names it (BCP 47: en-GB, cy)."""
    language, _, region = language.partition("-")
    return f"{language}-{region.upper()}" if region else language


@dataclass(frozen=True, slots=True)
class LanguageLink:
    """One language of the switch at the top of a resident page."""

    code: str
    lang: str
    name: str
    #: "Change the language to Welsh", said in that language, for screen readers.
    switch_words: str
    url: str
    current: bool


def language_links(request: HttpRequest, landlord: Landlord | None) -> list[LanguageLink]:
    """The switch between the languages the landlord offers; none when it offers English
    alone. Each link keeps the page's other query parameters. ``landlord`` may be the
    request's lazy landlord, which is falsy, not None, where the page names none."""
    if not landlord or not landlord.portal_language_codes:
        return []
    current = translation.get_language()
    links = []
    for code in offered(landlord):
        query = request.GET.copy()
        query[LANGUAGE_PARAMETER] = code
        with translation.override(code):
            # Translators: said in the language the link switches to ("... to Welsh").
            switch_words = translation.gettext("Change the language to English")
        links.append(
            LanguageLink(
                code=code,
                lang=html_lang(code),
                name=dict(settings.LANGUAGES)[code],
                switch_words=switch_words,
                url=f"{request.path}?{query.urlencode()}",
                current=code == current,
            )
        )
    return links
