"""Landlord-editable templates: checked when saved, rendered safely, and a broken one gives
a clear error naming the line, never a server error."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from putright.landlords.models import Landlord, Role
from putright.letters import services, templating
from putright.letters.defaults import DEFAULTS
from putright.letters.facts import letter_facts, sample_facts
from putright.letters.kinds import LetterKind
from putright.letters.models import LetterTemplate
from putright.letters.render import render_html
from putright.letters.templating import LetterTemplateError, letter_context
from putright.residents.models import Resident
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.letters import records

pytestmark = pytest.mark.django_db

ACK1 = LetterKind.ACKNOWLEDGEMENT_STAGE1
DEFAULT_BODY = DEFAULTS[ACK1].body


def _stored(landlord: Landlord, body: str, subject: str = "Your complaint") -> LetterTemplate:
    """A template written straight to the table, as if it had bypassed every check."""
    return LetterTemplate.objects.create(landlord=landlord, kind=ACK1, subject=subject, body=body)


# Saving ---------------------------------------------------------------------------------


def test_a_landlords_own_template_is_used_and_can_be_reset():
    complaint = records.stage1_acknowledged()
    services.letter_template_save(
        landlord=complaint.landlord,
        kind=ACK1,
        subject="About your complaint {{ reference }}",
        body="Hello {{ resident_name }}.\n\n" + DEFAULT_BODY,
        by=None,
    )
    draft = services.letter_draft(complaint=complaint, kind=ACK1)
    assert draft.subject == f"About your complaint {complaint.reference}"
    assert draft.body_text.startswith("Hello Amina Okafor.")

    services.letter_template_reset(landlord=complaint.landlord, kind=ACK1, by=None)
    assert services.letter_draft(complaint=complaint, kind=ACK1).subject == DEFAULTS[ACK1].subject


def test_a_template_that_leaves_out_an_element_is_refused_naming_it():
    landlord = records.landlord()
    body = DEFAULT_BODY.replace("by {{ response_due }}", "soon")
    with pytest.raises(RuleError) as refused:
        services.letter_template_save(
            landlord=landlord, kind=ACK1, subject="Your complaint", body=body, by=None
        )
    assert refused.value.problems == {
        "response_due_date": "A letter from this template does not include the response due "
        f"date ({sample_facts(ACK1).response_due})."
    }
    assert not LetterTemplate.objects.exists()


def test_a_broken_template_is_refused_with_its_line_and_reason():
    landlord = records.landlord()
    body = "Dear {{ resident_name }},\n\n{% for point in points %}\n- {{ point }}\n"
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_template_save(
            landlord=landlord, kind=ACK1, subject="Your complaint", body=body, by=None
        )
    assert refused.value.line == 3
    assert refused.value.problems == {
        "body": "The letter template has a mistake on line 3 of the body: {% for %} is never "
        "closed. Add {% endfor %} where it should end."
    }


def test_a_misspelt_tag_is_named():
    landlord = records.landlord()
    body = "Dear {{ resident_name }},\n\n{% if points %}\nSome points\n{% endfi %}\n"
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_template_save(
            landlord=landlord, kind=ACK1, subject="Your complaint", body=body, by=None
        )
    assert refused.value.line == 5
    assert refused.value.problems["body"] == (
        "The letter template has a mistake on line 5 of the body: {% endfi %} is not a tag "
        "letter templates can use here. Did you mean {% elif %} or {% else %} or {% endif %}?"
    )


def test_a_broken_subject_is_named_as_the_subject():
    landlord = records.landlord()
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_template_save(
            landlord=landlord,
            kind=ACK1,
            subject="About {{ reference|shout }}",
            body=DEFAULT_BODY,
            by=None,
        )
    assert set(refused.value.problems) == {"subject"}
    assert refused.value.problems["subject"] == (
        "The letter template has a mistake on line 1 of the subject: Invalid filter: 'shout'."
    )


def test_a_broken_stored_template_gives_a_clear_error_when_drafting():
    complaint = records.stage1_acknowledged()
    _stored(complaint.landlord, "Dear {{ resident_name }},\n\n{{ points|join }}\n")
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_draft(complaint=complaint, kind=ACK1)
    assert refused.value.line == 3
    assert "line 3 of the body" in str(refused.value)
    assert isinstance(refused.value, RuleError)


def test_the_admin_form_check_refuses_a_broken_template():
    landlord = records.landlord()
    template = LetterTemplate(
        landlord=landlord, kind=ACK1, subject="Your complaint", body="Hello\n{% endif %}\n"
    )
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "line 2 of the body" in refused.value.message_dict["body"][0]


def test_only_officers_and_administrators_change_templates():
    landlord = records.landlord()
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    with pytest.raises(PermissionDenied):
        services.letter_template_save(
            landlord=landlord, kind=ACK1, subject="Hi", body=DEFAULT_BODY, by=handler
        )
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    saved = services.letter_template_save(
        landlord=landlord, kind=ACK1, subject="Hi", body=DEFAULT_BODY, by=officer
    )
    assert saved.updated_by == officer


# Safety -----------------------------------------------------------------------------------


def _plain(value: object) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, Mapping) and not isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def test_the_context_holds_only_plain_read_only_values():
    complaint = records.stage2_responded()
    for kind in (LetterKind.ACKNOWLEDGEMENT_STAGE2, LetterKind.STAGE2_RESPONSE):
        context = letter_context(letter_facts(complaint, kind))
        assert _plain(context), context
        assert not any(isinstance(v, Model) for v in context.values())


@pytest.mark.parametrize(
    "reach",
    [
        "{{ complaint.landlord.delete }}",
        "{{ landlord.delete }}",
        "{{ landlord.name.delete }}",
        "{{ points.pop }}{{ landlord.clear }}",
        "{{ resident.delete }}{{ stage.complaint.delete }}",
    ],
)
def test_a_malicious_template_cannot_reach_the_database(reach):
    complaint = records.stage1_acknowledged()
    _stored(complaint.landlord, f"Dear {{{{ resident_name }}}},\n\n{reach}\n\nEnd.")
    draft = services.letter_draft(complaint=complaint, kind=ACK1)
    assert draft.body_text == "Dear Amina Okafor,\n\nEnd."
    assert Landlord.objects.filter(pk=complaint.landlord_id).exists()
    assert Resident.objects.filter(pk=complaint.resident_id).exists()
    again = services.letter_draft(complaint=complaint, kind=ACK1)
    assert again == draft


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{{ landlord.name.__class__ }}", "may not begin with underscores"),
        ("{% load static %}", "{% load %} is not a tag"),
        ('{% include "letters/letter.html" %}', "{% include %} is not a tag"),
        ('{% extends "letters/letter.html" %}', "{% extends %} is not a tag"),
        ("{% debug %}", "{% debug %} is not a tag"),
        ("{% url 'admin:index' %}", "{% url %} is not a tag"),
        ("{% csrf_token %}", "{% csrf_token %} is not a tag"),
        ("{{ landlord|pprint }}", "Invalid filter: 'pprint'"),
    ],
)
def test_dangerous_tags_and_names_are_not_available(source, reason):
    complaint = records.stage1_acknowledged()
    _stored(complaint.landlord, f"Dear {{{{ resident_name }}}},\n\n{source}\n")
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_draft(complaint=complaint, kind=ACK1)
    assert refused.value.line == 3
    assert reason in refused.value.problems["body"]


def test_an_error_while_rendering_names_its_line():
    complaint = records.stage1_acknowledged()
    _stored(complaint.landlord, 'Hello\n{{ reference|divisibleby:"x" }}\n')
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_draft(complaint=complaint, kind=ACK1)
    assert refused.value.line == 2


def test_text_from_the_record_is_plain_text_in_the_draft_and_escaped_in_html():
    ll = records.landlord()
    person = records.resident(ll)
    person.name = "<b>Mrs O'Brien & Son</b>"
    person.save()
    complaint = records.stage1_acknowledged(ll, resident=person)
    draft = services.letter_draft(complaint=complaint, kind=ACK1)
    assert draft.body_text.startswith("Dear <b>Mrs O'Brien & Son</b>,")
    html = render_html(draft, ll, complaint)
    assert "<b>Mrs" not in html
    assert "Dear &lt;b&gt;Mrs O&#x27;Brien &amp; Son&lt;/b&gt;," in html


def test_a_template_cannot_loop_over_the_characters_of_a_text():
    complaint = records.stage1_extended()
    _stored(
        complaint.landlord,
        "{% for a in extension.reason %}{% for b in extension.reason %}x{% endfor %}{% endfor %}"
        "Done.",
    )
    assert services.letter_draft(complaint=complaint, kind=ACK1).body_text == "Done."


def test_loops_nested_too_deep_are_refused():
    complaint = records.stage1_acknowledged()
    loops = "{% for a in points %}" * 4 + "x" + "{% endfor %}" * 4
    _stored(complaint.landlord, loops)
    with pytest.raises(LetterTemplateError, match="loops inside loops more than 3 deep"):
        services.letter_draft(complaint=complaint, kind=ACK1)


@pytest.mark.parametrize(
    "source", ['{{ reference|ljust:"999999999" }}', "{% now 'Y' %}{{ x|center:9 }}"]
)
def test_filters_that_pad_to_any_width_are_not_available(source):
    complaint = records.stage1_acknowledged()
    _stored(complaint.landlord, source)
    with pytest.raises(LetterTemplateError, match="Invalid filter"):
        services.letter_draft(complaint=complaint, kind=ACK1)


# The work a template may make -------------------------------------------------------------

LONG = "x" * 40  # 64,000 times round the innermost loop


def test_loops_over_a_long_literal_are_refused_when_the_template_is_saved():
    landlord = records.landlord()
    body = (
        f'{{% for a in "{LONG}"|make_list %}}{{% for b in "{LONG}"|make_list %}}'
        f'{{% for c in "{LONG}"|make_list %}}x{{% endfor %}}{{% endfor %}}{{% endfor %}}\n'
        + DEFAULT_BODY
    )
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_template_save(
            landlord=landlord, kind=ACK1, subject="Your complaint", body=body, by=None
        )
    assert refused.value.problems == {
        "body": "The letter template has a mistake on line 1 of the body: Invalid filter: "
        "'make_list'."
    }
    assert not LetterTemplate.objects.exists()


def test_a_text_doubled_until_it_is_too_long_is_refused_when_saved():
    doubling = "".join(f"{{% with t{n}=t{n - 1}|add:t{n - 1} %}}" for n in range(1, 16))
    body = (
        "{% with t0=reference %}" + doubling + "{{ t15 }}" + "{% endwith %}" * 16 + "\n"
    ) + DEFAULT_BODY
    with pytest.raises(LetterTemplateError) as refused:
        services.letter_template_save(
            landlord=records.landlord(), kind=ACK1, subject="Your complaint", body=body, by=None
        )
    assert (
        "|add would make something longer than 100,000 characters"
        in (refused.value.problems["body"])
    )
    assert not LetterTemplate.objects.exists()


def test_loops_that_would_run_too_many_times_are_refused_while_rendering():
    context = {"points": tuple(f"Point {n}" for n in range(30))}
    loops = (
        "{% for a in points %}{% for b in points %}{% for c in points %}"
        "{% endfor %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(LetterTemplateError) as refused:
        templating.render_template(loops, context)
    assert refused.value.problems["body"].endswith(
        "it would take too much work: its loops would run more than 10,000 times. Use "
        "fewer loops inside loops, or loop over shorter lists."
    )
    assert templating.render_template("{% for a in points %}{{ a }};{% endfor %}", context) == (
        "".join(f"Point {n};" for n in range(30))
    )


def test_a_letter_growing_too_long_is_stopped_as_it_grows(monkeypatch):
    monkeypatch.setattr(templating, "MAX_LOOP_ITERATIONS", 10**9)
    written = []
    monkeypatch.setattr(templating, "_charge", _spy(templating._charge, written))
    context = {"points": tuple("p" * 1000 for _ in range(200))}
    loops = "{% for a in points %}{% for b in points %}{{ b }}{% endfor %}{% endfor %}"

    with pytest.raises(LetterTemplateError, match="longer than 100,000 characters"):
        templating.render_template(loops, context)
    assert sum(written) <= 102_000  # stopped near the limit, not after 40 million


def _spy(charge, written):
    def spying(*, iterations=0, chars=0):
        written.append(chars)
        charge(iterations=iterations, chars=chars)

    return spying


def test_a_letter_that_takes_too_long_to_write_is_refused(monkeypatch):
    monkeypatch.setattr(templating, "MAX_RENDER_SECONDS", 0.0)
    with pytest.raises(LetterTemplateError) as refused:
        templating.render_template("Hello {{ reference }}", {"reference": "CU-000001"})
    assert "seconds to write" in refused.value.problems["body"]
