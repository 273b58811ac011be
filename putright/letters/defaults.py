"""The letters Putright ships, one per kind, used until a landlord writes its own.

Written in plain English, GOV.UK style: short sentences, "you" and "we", no jargon, every
date written out. Each carries every required element of its kind (``elements.py``); the
tests render each one from a real record and check. The names they use are listed in
``templating.VARIABLES``.

Lists are lines starting with "- "; headings are lines starting with "## " (and "### " for
a heading under one); paragraphs are separated by a blank line (``render.text_to_html``).
"""

from __future__ import annotations

from dataclasses import dataclass

from putright.letters.kinds import LetterKind


@dataclass(frozen=True, slots=True)
class DefaultTemplate:
    subject: str
    body: str


_DEAR = 'Dear {{ resident_name|default:"resident" }},\n\n'

_OMBUDSMAN_WAYS = "{% for way in ombudsman.ways %}- {{ way }}\n{% endfor %}\n"

_OMBUDSMAN_ANY_TIME = (
    "## If you are unhappy with how we are handling your complaint\n\n"
    "You can contact the {{ ombudsman.name }} at any time. The Ombudsman is free and "
    "independent. They can give you advice about your complaint. You can:\n\n" + _OMBUDSMAN_WAYS
)

_QUOTE_REFERENCE = "Please quote your reference, {{ reference }}, whenever you contact us.\n"

_DEFINITION = (
    "{% for point in points %}- {{ point }}\n{% endfor %}\n"
    "You told us you want this to happen:\n\n"
    "{{ outcomes_sought }}\n\n"
    "{% if not_responsible %}Some of what you raised is not our responsibility:\n\n"
    "{{ not_responsible }}\n\n"
    "We will look into everything else."
    "{% else %}We are responsible for all the points above, and we will look into each one."
    "{% endif %}\n\n"
    "If we have misunderstood your complaint, please tell us as soon as possible.\n\n"
)

_MORE_TIME = "If we need more time, we will write to tell you why and give you a new date.\n\n"

# A response's parts, each where the letter check finds it (``elements.py``): a heading
# "Point N" for each point with its decision and reasons under it, the reasons under "Why",
# and one line for each remedy under "put things right".
_DECISION = (
    "## What your complaint is about\n\n"
    "You told us you want this to happen:\n\n"
    "{{ outcomes_sought }}\n\n"
    "## Our decision on each point\n\n"
    "{% for p in decided_points %}### Point {{ p.number }}: {{ p.point }}\n\n"
    "Our decision: {{ p.decision }}.\n\n"
    "{% if p.finding %}{{ p.finding }}\n\n{% endif %}{% endfor %}"
    "## Our decision\n\n"
    "Your complaint is {{ decision }}. {{ decision_meaning }}\n\n"
    "## Why we made this decision\n\n"
    "{{ reasons }}\n\n"
    "{% if remedies %}## What we will do to put things right\n\n"
    "{% for r in remedies %}- {{ r.sentence }}\n{% endfor %}\n{% endif %}"
    "{% if actions %}## What we still need to do\n\n"
    "{% for a in actions %}- {{ a.sentence }}\n{% endfor %}\n"
    "We will keep you updated until these are done.\n\n{% endif %}"
)

ACKNOWLEDGEMENT_STAGE1 = DefaultTemplate(
    subject="We have received your complaint",
    body=(
        _DEAR + "Thank you for your complaint, which we received on {{ received_on }}. This letter "
        "tells you what we understand your complaint is about and when we will reply.\n\n"
        "## What your complaint is about\n\n"
        "We understand that your complaint is about:\n\n"
        + _DEFINITION
        + "## When we will reply\n\n"
        "We will send you our stage 1 response by {{ response_due }}.\n\n"
        + _MORE_TIME
        + _OMBUDSMAN_ANY_TIME
        + _QUOTE_REFERENCE
    ),
)

ACKNOWLEDGEMENT_STAGE2 = DefaultTemplate(
    subject="We have received your request for stage 2",
    body=(
        _DEAR + "Thank you for asking us to look at your complaint again. We received your request "
        "on {{ requested_on }}.\n\n"
        "Your complaint is now at stage 2. This is the last stage of our complaints process. "
        "A senior member of staff who did not deal with your complaint at stage 1 will look "
        "at it.\n\n"
        "{% if escalation_reason %}## Why you asked for stage 2\n\n"
        "You told us why you are unhappy:\n\n{{ escalation_reason }}\n\n{% endif %}"
        "{% if stage1.decision %}## What happened at stage 1\n\n"
        "In our stage 1 response on {{ stage1.responded_on }}, we decided that your complaint "
        "was {{ stage1.decision }}.\n\n"
        "{% if stage1.resolved %}Since then, we have done these things:\n\n"
        "{% for thing in stage1.resolved %}- {{ thing }}\n{% endfor %}\n{% endif %}{% endif %}"
        "## What we will look at\n\n"
        "We understand that you are still unhappy about:\n\n"
        + _DEFINITION
        + "## When we will reply\n\n"
        "We will send you our final response by {{ response_due }}.\n\n"
        + _MORE_TIME
        + _OMBUDSMAN_ANY_TIME
        + _QUOTE_REFERENCE
    ),
)

EXTENSION = DefaultTemplate(
    subject="We need more time to reply to your complaint",
    body=(
        _DEAR + "We are sorry, but we need more time to look into your complaint at stage "
        "{{ stage }}.\n\n"
        "We will now send you our response by {{ extension.new_due }}. We had said we would "
        "reply by {{ extension.previous_due }}.\n\n"
        "## Why we need more time\n\n"
        "{{ extension.reason }}\n\n"
        "## If you are unhappy about this\n\n"
        "You can contact the {{ ombudsman.name }}. The Ombudsman is free and independent. "
        "They can give you advice about your complaint. You can:\n\n"
        + _OMBUDSMAN_WAYS
        + _QUOTE_REFERENCE
    ),
)

STAGE1_RESPONSE = DefaultTemplate(
    subject="Our stage 1 response to your complaint",
    body=(
        _DEAR + "This is our stage 1 response to your complaint, which we received on "
        "{{ received_on }}. Thank you for giving us the chance to look into it.\n\n"
        + _DECISION
        + "## If you are not happy with our response\n\n"
        "You can ask us to look at your complaint again. This is called stage 2. A senior "
        "member of staff who has not dealt with your complaint before will review it. You do "
        "not have to say why you are unhappy, but it helps us if you do.\n\n"
        "Please ask by {{ escalation_ask_by }}. If you ask after that date, tell us why and we "
        "will still consider it.\n\n"
        "To ask for stage 2, you can:\n\n"
        "{% for way in landlord.ways %}- {{ way }}\n{% endfor %}\n"
        "You can also contact the {{ ombudsman.name }} at any time for free, independent "
        "advice. You can:\n\n" + _OMBUDSMAN_WAYS + _QUOTE_REFERENCE
    ),
)

STAGE2_RESPONSE = DefaultTemplate(
    subject="Our final response to your complaint",
    body=(
        _DEAR + "This is our stage 2 response to your complaint. It is our final response. We "
        "received your request for stage 2 on {{ requested_on }}.\n\n"
        + _DECISION
        + "## If you are not happy with our final response\n\n"
        "You can now ask the {{ ombudsman.name }} to look at your complaint. The Ombudsman "
        "is free and independent. They will decide whether we handled your complaint fairly "
        "and can tell us to put things right. You should normally contact them within 12 "
        "months of the date of this letter. You can:\n\n"
        + _OMBUDSMAN_WAYS
        + "Tell them your reference, {{ reference }}.\n"
    ),
)

NOT_ACCEPTED = DefaultTemplate(
    subject="Your complaint: we are not able to take it on",
    body=(
        _DEAR
        + "Thank you for contacting us on {{ received_on }}. We have looked carefully at what "
        "you told us. We have decided not to deal with it under our complaints process.\n\n"
        "## Why\n\n"
        "{{ not_accepted.explanation }}\n\n"
        "## If you disagree with our decision\n\n"
        "You can ask the {{ ombudsman.name }} to look at our decision. The Ombudsman is free "
        "and independent. You can:\n\n" + _OMBUDSMAN_WAYS + _QUOTE_REFERENCE
    ),
)

ESCALATION_REFUSED = DefaultTemplate(
    subject="Your request for stage 2: our decision",
    body=(
        _DEAR
        + "Thank you for asking us, on {{ requested_on }}, to look at your complaint again at "
        "stage 2. We have decided not to do this.\n\n"
        "## Why\n\n"
        "{{ not_accepted.explanation }}\n\n"
        "{% if stage1.responded_on %}Our stage 1 response of {{ stage1.responded_on }} is our "
        "answer to your complaint.\n\n{% endif %}"
        "## If you disagree with our decision\n\n"
        "You can ask the {{ ombudsman.name }} to look at your complaint and at our decision. "
        "The Ombudsman is free and independent. You can:\n\n" + _OMBUDSMAN_WAYS + _QUOTE_REFERENCE
    ),
)

UPDATE = DefaultTemplate(
    subject="An update on your complaint",
    body=(
        _DEAR + "We are writing to update you on your complaint, which we received on "
        "{{ received_on }}.\n\n"
        "## Where your complaint is now\n\n"
        "{{ progress }}\n\n"
        "## If you have any questions\n\n"
        "Please get in touch. You can:\n\n"
        "{% for way in landlord.ways %}- {{ way }}\n{% endfor %}\n"
        + _OMBUDSMAN_ANY_TIME
        + _QUOTE_REFERENCE
    ),
)

DEFAULTS: dict[LetterKind, DefaultTemplate] = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: ACKNOWLEDGEMENT_STAGE1,
    LetterKind.ACKNOWLEDGEMENT_STAGE2: ACKNOWLEDGEMENT_STAGE2,
    LetterKind.EXTENSION: EXTENSION,
    LetterKind.STAGE1_RESPONSE: STAGE1_RESPONSE,
    LetterKind.STAGE2_RESPONSE: STAGE2_RESPONSE,
    LetterKind.NOT_ACCEPTED: NOT_ACCEPTED,
    LetterKind.ESCALATION_REFUSED: ESCALATION_REFUSED,
    LetterKind.UPDATE: UPDATE,
}
