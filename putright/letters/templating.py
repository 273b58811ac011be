"""Landlord-editable letter templates, rendered safely.

A landlord may rewrite any letter in Django's template language. Because staff edit them,
the templates are compiled by a separate, locked-down engine:

- the context holds only strings, tuples of strings and read-only mappings built by
  ``letter_context`` from ``LetterFacts``: never a model instance, so no template can reach
  the database (``{{ complaint.landlord.delete }}`` is just empty);
- only a short list of tags is available (``if``, ``for``, ``with``, ``firstof`` ...): no
  ``load``, ``include``, ``extends``, ``url``, ``debug`` or ``csrf_token``; names starting
  with an underscore are refused by Django itself;
- autoescape is on; the escaped result is turned back into plain text for the staff's
  textarea, and escaped again when the letter is laid out as HTML (``render.py``);
- the work a template can make is bounded while it renders (``_Budget``): its loops run
  at most ``MAX_LOOP_ITERATIONS`` times in all, what it writes (and what any filter makes)
  is at most ``MAX_RENDERED_CHARS`` long, and it stops after ``MAX_RENDER_SECONDS``; no
  filter turns a text into a list (``make_list``), so no literal can be looped over.
  Saving renders the template on sample facts under the same budget, so a template that
  would be slow is refused when it is saved, and a letter drafted from real facts is
  refused the same way rather than tying up the server;
- a template that does not compile or render raises ``LetterTemplateError`` saying which
  line and why, never a server error.
"""

from __future__ import annotations

import functools
import html
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, ClassVar

from django.template import Context, Engine, Library, Template, defaultfilters, defaulttags
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.defaulttags import ForNode

from putright.letters.facts import ContactDetails, LetterFacts
from putright.rules.lifecycle import RuleError

#: Longest template accepted, in characters: a letter, not a book.
MAX_TEMPLATE_CHARS = 20_000

#: The tags a letter template may use: control flow and text only.
ALLOWED_TAGS = (
    "comment",
    "cycle",
    "filter",
    "firstof",
    "for",
    "if",
    "ifchanged",
    "now",
    "regroup",
    "resetcycle",
    "spaceless",
    "templatetag",
    "verbatim",
    "widthratio",
    "with",
)
#: Filters left out: a debugging one, those that pad or format to a width or precision
#: the template chooses, which could make a letter of any size, and ``make_list``, which
#: turns a text typed into the template into a list to loop over (loops in loops over a
#: long one would run for days).
_BLOCKED_FILTERS = {
    "pprint",
    "ljust",
    "rjust",
    "center",
    "stringformat",
    "floatformat",
    "make_list",
}
#: Loops inside loops inside loops at most: the lists in a letter are short.
MAX_LOOP_DEPTH = 3
#: Longest letter a template may produce, in characters; also the longest text or list any
#: filter may make on the way.
MAX_RENDERED_CHARS = 100_000
#: Times round every loop of a letter, in all: a letter's lists hold tens of things.
MAX_LOOP_ITERATIONS = 10_000
#: Longest a letter may take to write, in seconds: a letter takes milliseconds.
MAX_RENDER_SECONDS = 2.0


class _TooMuchWork(Exception):
    """A template asked for more than its rendering budget; the message says what, and
    what to do, for the person editing it."""


class _Budget:
    """What one rendering of a template may still spend: loops, characters and time. Once
    spent, every later charge fails too, so a check a tag swallows (``{% if %}`` treats an
    error as false) is met again at the next step."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS
        self.iterations = 0
        self.chars = 0

    def charge(self, *, iterations: int = 0, chars: int = 0) -> None:
        self.iterations += iterations
        self.chars += chars
        if self.iterations > MAX_LOOP_ITERATIONS:
            raise _TooMuchWork(
                f"its loops would run more than {MAX_LOOP_ITERATIONS:,} times. Use fewer "
                "loops inside loops, or loop over shorter lists."
            )
        if self.chars > MAX_RENDERED_CHARS:
            raise _TooMuchWork(
                f"the letter would be longer than {MAX_RENDERED_CHARS:,} characters."
            )
        if time.monotonic() > self.deadline:
            raise _TooMuchWork(
                f"the letter would take more than {MAX_RENDER_SECONDS:g} seconds to write. "
                "Use fewer loops inside loops, or loop over shorter lists."
            )


#: The budget of the rendering under way in this thread, if any.
_BUDGET: ContextVar[_Budget | None] = ContextVar("letter_budget", default=None)


def _charge(*, iterations: int = 0, chars: int = 0) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.charge(iterations=iterations, chars=chars)


class _Counted:
    """A loop's list, charging the budget one iteration for each thing it gives."""

    def __init__(self, values: Any) -> None:
        self.values = values if hasattr(values, "__len__") else list(values)

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[Any]:
        for item in self.values:
            _charge(iterations=1)
            yield item

    def __reversed__(self) -> Iterator[Any]:
        for item in reversed(self.values):
            _charge(iterations=1)
            yield item


class _ListsOnly(FilterExpression):
    """A ``{% for %}`` sequence that yields nothing for a string, so a template cannot loop
    over the characters of a long text (a loop in a loop over the reasons would run for
    hours). Everything else is the FilterExpression it stands in for."""

    __slots__ = ()

    def __init__(self, expression: FilterExpression) -> None:
        # The expression as parsed, taken over rather than parsed again.
        self.token = expression.token
        self.filters = expression.filters
        self.var = expression.var
        self.is_var = expression.is_var

    def resolve(self, context: Context, ignore_failures: bool = False) -> Any:
        value = super().resolve(context, ignore_failures=ignore_failures)
        if value is None:
            return None
        return () if isinstance(value, str) else _Counted(value)


def _for(parser: Parser, token: Token) -> Node:
    node = defaulttags.do_for(parser, token)
    # Django compiles every loop's sequence into a FilterExpression.
    assert isinstance(node.sequence, FilterExpression)
    node.sequence = _ListsOnly(node.sequence)
    return node


def _loop_depth(nodes: NodeList) -> int:
    """How deeply ``{% for %}`` loops nest in these nodes."""
    deepest = 0
    for node in nodes:
        for attr in node.child_nodelists:
            inner = _loop_depth(getattr(node, attr, None) or NodeList())
            if isinstance(node, ForNode) and attr == "nodelist_loop":
                inner += 1
            deepest = max(deepest, inner)
    return deepest


def _budgeted(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``f``, refusing a text or list longer than a letter may be (``add`` can
    double a text in each ``{% with %}``) and charging the budget's clock."""

    @functools.wraps(f)
    def filtered(*args: Any, **kwargs: Any) -> Any:
        result = f(*args, **kwargs)
        if isinstance(result, str | list | tuple) and len(result) > MAX_RENDERED_CHARS:
            raise _TooMuchWork(
                f"|{name} would make something longer than {MAX_RENDERED_CHARS:,} characters."
            )
        _charge()
        return result

    return filtered


def _letter_library() -> Library:
    library = Library()
    library.tags = {name: defaulttags.register.tags[name] for name in ALLOWED_TAGS}
    library.tags["for"] = _for
    library.filters = {
        name: _budgeted(name, f)
        for name, f in defaultfilters.register.filters.items()
        if name not in _BLOCKED_FILTERS
    }
    return library


def _charging_output(node: Node) -> None:
    """Make a node that writes text (no nodes inside it) charge the budget for what it
    writes, so the letter's length is counted as it grows, not only at the end."""
    render = node.render_annotated

    def counted(context: Context) -> str:
        # What a node writes is text (django-stubs also allows an int); a SafeString
        # stays safe through str().
        written = str(render(context))
        _charge(chars=len(written))
        return written

    node.render_annotated = counted  # type: ignore[method-assign]  # this node only


def _is_leaf(node: Node) -> bool:
    return not any(getattr(node, attr, None) for attr in node.child_nodelists)


class _LetterEngine(Engine):
    """An engine with only the letter library built in, no loaders and no other libraries."""

    default_builtins: ClassVar[list[str]] = []

    def get_template_builtins(self, builtins: list[str]) -> list[Library]:
        return [_letter_library()]


_ENGINE = _LetterEngine(debug=True, loaders=[], libraries={}, autoescape=True, string_if_invalid="")


class LetterTemplateError(RuleError):
    """A letter template that does not compile or render, with the line and the reason.

    A ``RuleError``, so pages that show rule problems show this one too, keyed by the part
    of the template ("subject" or "body")."""

    def __init__(self, part: str, line: int | None, reason: str) -> None:
        where = f"line {line} of the {part}" if line else f"the {part}"
        super().__init__(
            {part: f"The letter template has a mistake on {where}: {reason}"}, "template_error"
        )
        self.part = part
        self.line = line
        self.reason = reason


def _reason(exc: BaseException) -> str:
    """Django's message, said for someone editing a letter rather than writing Python."""
    if isinstance(exc, RecursionError):
        return "it is nested too deeply."
    message = str(exc) or type(exc).__name__
    message = message.replace(" Did you forget to register or load this tag?", "")
    message = re.sub(r" on line \d+", "", message)
    if unclosed := re.match(r"Unclosed tag: '(\w+)'\. Looking for one of: .*?(\w+)\.?$", message):
        tag, end = unclosed.groups()
        return f"{{% {tag} %}} is never closed. Add {{% {end} %}} where it should end."
    if invalid := re.match(r"Invalid block tag: '(\w+)'(?:, expected (.*))?\.?$", message):
        tag, expected = invalid.groups()
        said = f"{{% {tag} %}} is not a tag letter templates can use"
        if expected:
            wanted = " or ".join(f"{{% {t} %}}" for t in re.findall(r"'(\w+)'", expected))
            return f"{said} here. Did you mean {wanted}?"
        return f"{said}."
    return message if message.endswith(".") else message + "."


def _line(exc: BaseException) -> int | None:
    debug = getattr(exc, "template_debug", None)
    if debug and debug.get("line"):
        return int(debug["line"])
    found = re.search(r"on line (\d+)", str(exc))
    return int(found.group(1)) if found else None


def compile_template(source: str, part: str = "body") -> Template:
    """Compile a letter template, or raise ``LetterTemplateError`` saying where and why."""
    if len(source) > MAX_TEMPLATE_CHARS:
        raise LetterTemplateError(
            part, None, f"it is longer than {MAX_TEMPLATE_CHARS:,} characters."
        )
    try:
        template = _ENGINE.from_string(source)
    except Exception as exc:  # any failure of an edited template is its author's
        raise LetterTemplateError(part, _line(exc), _reason(exc)) from exc
    if _loop_depth(template.nodelist) > MAX_LOOP_DEPTH:
        raise LetterTemplateError(
            part, None, f"it has loops inside loops more than {MAX_LOOP_DEPTH} deep."
        )
    for node in template.nodelist.get_nodes_by_type(Node):
        if _is_leaf(node):
            _charging_output(node)
    return template


def render_template(source: str, context: Mapping[str, Any], part: str = "body") -> str:
    """Render a letter template to plain text (escaped by the engine, then unescaped)."""
    template = compile_template(source, part)
    token = _BUDGET.set(_Budget())
    try:
        rendered = template.render(Context(dict(context), autoescape=True))
    except _TooMuchWork as exc:
        raise LetterTemplateError(part, _line(exc), f"it would take too much work: {exc}") from exc
    except Exception as exc:  # likewise
        raise LetterTemplateError(part, _line(exc), _reason(exc)) from exc
    finally:
        _BUDGET.reset(token)
    if len(rendered) > MAX_RENDERED_CHARS:
        raise LetterTemplateError(
            part, None, f"the letter would be longer than {MAX_RENDERED_CHARS:,} characters."
        )
    return html.unescape(rendered)


# Plain text -----------------------------------------------------------------------------


def _is_bullet(line: str) -> bool:
    return line.startswith("- ")


def tidy_text(text: str) -> str:
    """The rendered body tidied for a textarea: no trailing spaces, one blank line between
    paragraphs, none between the bullets of a list."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if not kept or not kept[-1]:
                continue
            following = next((n for n in lines[i + 1 :] if n), "")
            if _is_bullet(kept[-1]) and _is_bullet(following):
                continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def one_line_subject(text: str) -> str:
    return " ".join(text.split())


# The context ----------------------------------------------------------------------------


def _mapping(**values: object) -> Mapping[str, object]:
    return MappingProxyType(values)


def _contact(c: ContactDetails) -> Mapping[str, object]:
    return _mapping(
        name=c.name, address=c.address, phone=c.phone, email=c.email, website=c.website, ways=c.ways
    )


def letter_context(facts: LetterFacts) -> Mapping[str, object]:
    """What a letter template can use: plain strings, tuples and read-only mappings only.

    ``VARIABLES`` describes each name for the people who edit templates."""
    ext = facts.extension
    return _mapping(
        reference=facts.reference,
        letter_date=facts.letter_date,
        stage=str(facts.stage),
        resident_name=facts.resident_name,
        handler_name=facts.handler_name,
        received_on=facts.received_on,
        requested_on=facts.requested_on,
        acknowledged_on=facts.acknowledged_on,
        response_due=facts.response_due,
        points=tuple(p.summary for p in facts.points),
        decided_points=tuple(
            _mapping(number=str(p.number), point=p.summary, decision=p.decision, finding=p.finding)
            for p in facts.points
        ),
        outcomes_sought=facts.outcomes_sought,
        not_responsible=facts.not_responsible,
        extension=(
            _mapping(
                working_days=ext.working_days,
                reason=ext.reason,
                previous_due=ext.previous_due,
                new_due=ext.new_due,
            )
            if ext
            else ""
        ),
        decision=facts.decision,
        decision_meaning=facts.decision_meaning,
        reasons=facts.reasons,
        remedies=tuple(
            _mapping(
                what=r.what,
                amount=r.amount,
                by=r.by,
                in_letter="yes" if r.in_letter else "",
                sentence=r.sentence,
            )
            for r in facts.remedies
        ),
        actions=tuple(
            _mapping(what=a.what, by=a.by, owner=a.owner, sentence=a.sentence)
            for a in facts.actions
        ),
        escalation_ask_by=facts.escalation_ask_by,
        escalation_reason=facts.escalation_reason,
        stage1=_mapping(
            decision=facts.stage1_decision,
            responded_on=facts.stage1_responded_on,
            resolved=facts.stage1_resolved,
        ),
        not_accepted=_mapping(
            reason=facts.not_accepted_reason,
            explanation=facts.not_accepted_explanation,
            decided_on=facts.not_accepted_on,
        ),
        progress=facts.progress,
        landlord=_contact(facts.landlord),
        ombudsman=_contact(facts.ombudsman),
    )


#: What each name in a letter template holds, for the template editor's help text.
VARIABLES: dict[str, str] = {
    "reference": "the complaint reference, for example CU-000123",
    "letter_date": "the date of the letter, for example 8 April 2024",
    "stage": "the stage the letter is about: 1 or 2",
    "resident_name": "the resident's name, if known",
    "handler_name": "the name of the person handling the stage, if known",
    "received_on": "the date the complaint was received",
    "requested_on": "the date the stage began (for stage 2, when the resident asked for it)",
    "acknowledged_on": "the date the stage was acknowledged",
    "response_due": "the date the response is due, after any extension",
    "points": "the points of the complaint, one by one",
    "decided_points": "each point with its .number, the .point, the .decision on it and "
    "the .finding (the reasons for it, as the resident reads them). A response letter gives "
    'each point a heading starting "Point" and its number, with its decision and reasons '
    "under it",
    "outcomes_sought": "what the resident wants to happen",
    "not_responsible": "what the landlord is not responsible for, if anything",
    "extension": "the latest extension: .working_days, .reason, .previous_due, .new_due",
    "decision": "the decision: upheld, partly upheld or not upheld",
    "decision_meaning": "what the decision means, in a sentence",
    "reasons": "the reasons for the decision",
    "remedies": "each remedy with .what (what we tell the resident), .amount, .by, "
    ".in_letter (given by the letter itself, like an apology) and .sentence (all of it as "
    'one line). A response letter lists them under a heading that says "put things right"',
    "actions": "each outstanding action with .what, .by, .owner and .sentence (what and by "
    "when, as one line)",
    "escalation_ask_by": "the date to ask for stage 2 by (the landlord's escalation window)",
    "escalation_reason": "why the resident asked for stage 2, if they said",
    "stage1": "at stage 2, the stage 1 .decision, .responded_on and what was .resolved",
    "not_accepted": "why the complaint or stage 2 was refused: .reason, .explanation, .decided_on",
    "progress": "where the complaint is now, in a sentence: the stage and when the "
    "resident will hear, or the last letter sent",
    "landlord": "your .name, .address, .phone, .email, .website, and .ways to get in touch",
    "ombudsman": "the Housing Ombudsman's .name, .address, .phone, .email, .website and .ways",
}
