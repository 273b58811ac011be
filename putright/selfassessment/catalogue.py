"""Every provision of the Housing Ombudsman's Complaint Handling Code 2024 that the
self-assessment form asks about: 72, from 1.2 to 9.8 (domain.md §10).

Each requirement is summarised here in Putright's own words, so the form is usable out of
the box. The Ombudsman's exact wording can be loaded by an administrator from a CSV of
number and text (`putright load_code_wording FILE`); the form and its exports then show it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeSection:
    number: int
    title: str
    #: Sub-headings inside the section, by the first provision under each.
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Provision:
    number: str
    summary: str

    @property
    def section(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def sort_key(self) -> tuple[int, int]:
        section, item = self.number.split(".")
        return int(section), int(item)


SECTIONS: tuple[CodeSection, ...] = (
    CodeSection(1, "Definition of a complaint"),
    CodeSection(2, "Exclusions"),
    CodeSection(3, "Accessibility and awareness"),
    CodeSection(4, "Complaint handling staff"),
    CodeSection(5, "The complaint handling process"),
    CodeSection(6, "Complaint stages", (("6.1", "Stage 1"), ("6.10", "Stage 2"))),
    CodeSection(7, "Putting things right"),
    CodeSection(8, "Self-assessment, reporting and compliance"),
    CodeSection(9, "Scrutiny and oversight: continuous learning and improvement"),
)

PROVISIONS: tuple[Provision, ...] = tuple(
    Provision(number, summary)
    for number, summary in (
        # 1. Definition of a complaint
        (
            "1.2",
            "Treat any expression of dissatisfaction, however it is made, about the standard of service, or the action or inaction of the landlord, its staff or anyone acting for it, that affects one resident or a group, as a complaint.",
        ),
        (
            "1.3",
            'Do not wait for the word "complaint": whenever a resident is unhappy, offer them the choice to complain. Handle a complaint made through a third party or representative under the policy.',
        ),
        (
            "1.4",
            "Tell service requests (asking for something to be put right) apart from complaints in the policy. Service requests are not complaints, but are recorded, monitored and reviewed regularly.",
        ),
        (
            "1.5",
            "Raise a complaint when a resident is unhappy with how a service request is being dealt with, and keep working on the service request.",
        ),
        (
            "1.6",
            "Dissatisfaction given in a survey is not a complaint in itself, but tell the person how to complain; whenever asking for wider feedback, say how to complain.",
        ),
        # 2. Exclusions
        (
            "2.1",
            "Take on every complaint unless there is a valid reason not to, judge each on its own merits, and be able to show why any was refused.",
        ),
        (
            "2.2",
            "The policy sets out, fairly and reasonably, when a matter will not be taken on as a complaint or escalated.",
        ),
        (
            "2.3",
            "Accept complaints made within 12 months of the issue, or of the resident becoming aware of it, unless excluded on other grounds; consider discretion for older ones where there is good reason.",
        ),
        (
            "2.4",
            "When refusing a complaint, tell the resident why it does not suit the complaints process and that they may ask the Ombudsman to review that decision.",
        ),
        (
            "2.5",
            "Never exclude complaints as a blanket rule: look at the circumstances of each one.",
        ),
        # 3. Accessibility and awareness
        (
            "3.1",
            "Make complaining easy through several channels, and anticipate residents' needs and reasonable adjustments under the Equality Act 2010.",
        ),
        (
            "3.2",
            "Residents can complain in any way and to any member of staff; every member of staff knows the process and can pass a complaint to the right person.",
        ),
        (
            "3.3",
            "See a high number of complaints as a sign of an accessible, well-known process, not a failing; a low number may mean residents cannot complain.",
        ),
        (
            "3.4",
            "Publish the complaints policy on the website in a clear, accessible form, setting out the two stages, what happens at each and the timescales.",
        ),
        ("3.5", "The policy says how the landlord publicises it, the Ombudsman and the Code."),
        (
            "3.6",
            "Residents may have a representative act for them, and may bring someone with them to, or be represented at, any meeting with the landlord.",
        ),
        (
            "3.7",
            "Tell residents about their right to go to the Ombudsman and how to engage with it about their complaint.",
        ),
        # 4. Complaint handling staff
        (
            "4.1",
            "A named person or team (the complaints officer) is responsible for complaint handling, liaising with the Ombudsman and reporting complaints to the governing body.",
        ),
        (
            "4.2",
            "The complaints officer can reach staff at every level and has the authority and freedom to settle complaints promptly and fairly.",
        ),
        (
            "4.3",
            "Give complaint handling priority and the resources it needs as a core service, build a culture of learning, and train every relevant member of staff.",
        ),
        # 5. The complaint handling process
        (
            "5.1",
            "Have one policy for the complaints the Code covers, and never treat residents differently because they complained.",
        ),
        (
            "5.2",
            'Resolve issues early and locally, without extra named stages such as "stage 0" or "informal complaint".',
        ),
        ("5.3", "Never have more than two stages."),
        (
            "5.4",
            "When a third party such as a contractor handles a complaint, it does so inside the same two stages; residents never go through two processes.",
        ),
        (
            "5.5",
            "The landlord makes sure any third party handles complaints in line with the Code.",
        ),
        (
            "5.6",
            "At stage 1, and again on escalation to stage 2, write down the landlord's understanding of the complaint and the outcomes the resident wants (the complaint definition), and ask the resident whenever anything is unclear.",
        ),
        (
            "5.7",
            "On acknowledging a complaint at either stage, be clear which parts the landlord is and is not responsible for.",
        ),
        (
            "5.8",
            "At each stage, handlers judge complaints on their merits, independently and with an open mind, let the resident put their side fairly, deal with any conflict of interest and weigh all the relevant evidence.",
        ),
        (
            "5.9",
            "When a response will fall outside the Code's timescales, agree with the resident how often they will be kept informed.",
        ),
        (
            "5.10",
            "Make reasonable adjustments under the Equality Act 2010, record those agreed and any disabilities disclosed, and keep the adjustments under active review.",
        ),
        (
            "5.11",
            "Do not refuse to escalate a complaint without a valid reason, set out clearly and in line with section 2.",
        ),
        (
            "5.12",
            "Keep a full record of each complaint and its outcome at each stage: the complaint as first made and when it arrived, all correspondence, and supporting documents such as reports and surveys.",
        ),
        (
            "5.13",
            "Be able to put a complaint right at any stage, without the resident having to escalate.",
        ),
        (
            "5.14",
            "Have a policy for managing unacceptable behaviour by residents or their representatives, evidence the reasons for any restriction, and review restrictions regularly.",
        ),
        (
            "5.15",
            "Keep any restriction on contact proportionate and mindful of the Equality Act 2010.",
        ),
        # 6. Complaint stages: stage 1
        (
            "6.1",
            "Decide which complaints can be answered early and which need investigating, considering their complexity and any vulnerability of or risk to the resident; most stage 1 complaints should be resolved promptly.",
        ),
        (
            "6.2",
            "Acknowledge, define and log a complaint at stage 1 within 5 working days of receiving it.",
        ),
        ("6.3", "Send the full stage 1 response within 10 working days of the acknowledgement."),
        (
            "6.4",
            "Decide on any stage 1 extension according to the complaint's complexity, tell the resident when to expect the response and explain why; no more than 10 working days without good reason.",
        ),
        (
            "6.5",
            "When telling a resident about an extension, give them the Ombudsman's contact details.",
        ),
        (
            "6.6",
            "Respond when the answer is known, not when every action is done; track outstanding actions and keep the resident updated.",
        ),
        (
            "6.7",
            "Answer every point of the complaint definition with clear reasons, referring to policy, law and good practice where relevant.",
        ),
        (
            "6.8",
            "Include related new issues in a stage 1 response not yet sent; log them as a new complaint if the response has been sent, if they are unrelated, or if including them would unreasonably delay it.",
        ),
        (
            "6.9",
            "At the end of stage 1, confirm in writing and plain language: the stage, the complaint definition, the decision, the reasons, any remedy, any outstanding actions and how to escalate to stage 2.",
        ),
        # 6. Complaint stages: stage 2
        (
            "6.10",
            "Take a complaint to stage 2 when the resident remains unhappy with all or part of the stage 1 outcome; stage 2 is the landlord's final response.",
        ),
        (
            "6.11",
            "Acknowledge, define and log a request for stage 2 within 5 working days of receiving it.",
        ),
        (
            "6.12",
            "Do not make residents explain why they want stage 2; make reasonable efforts to understand why they are still unhappy.",
        ),
        ("6.13", "Someone other than the stage 1 handler considers the complaint at stage 2."),
        ("6.14", "Send the stage 2 final response within 20 working days of the acknowledgement."),
        (
            "6.15",
            "Decide on any stage 2 extension according to the complaint's complexity, tell the resident when to expect the response and explain why; no more than 20 working days without good reason.",
        ),
        (
            "6.16",
            "When telling a resident about a stage 2 extension, give them the Ombudsman's contact details.",
        ),
        (
            "6.17",
            "At stage 2 too, respond when the answer is known; track outstanding actions and keep the resident updated.",
        ),
        (
            "6.18",
            "At stage 2 too, answer every point of the complaint definition with clear reasons, referring to policy, law and good practice where relevant.",
        ),
        (
            "6.19",
            "At the end of stage 2, confirm in writing and plain language: the stage, the complaint definition, the decision, the reasons, any remedy, any outstanding actions and how to go to the Ombudsman if still unhappy.",
        ),
        (
            "6.20",
            "Stage 2 is the final response and involves every member of staff needed to give it.",
        ),
        # 7. Putting things right
        (
            "7.1",
            "Where something has gone wrong, acknowledge it and set out what has been or will be done to put it right, such as an apology, an explanation, action on a delay, reconsidering a decision, correcting a record, a financial remedy or changing a policy or practice.",
        ),
        ("7.2", "Make any remedy reflect the impact of the fault on the resident."),
        (
            "7.3",
            "Set out clearly what will happen and by when, agreed with the resident where appropriate, and follow every remedy through to completion.",
        ),
        (
            "7.4",
            "Take the Ombudsman's guidance on remedies into account when deciding on a remedy.",
        ),
        # 8. Self-assessment, reporting and compliance
        (
            "8.1",
            "Produce an annual complaints performance and service improvement report for scrutiny and challenge, including the self-assessment, an analysis of complaint handling with the types of complaint not accepted, any Ombudsman findings of non-compliance, the service improvements from learning, and the Ombudsman's reports about the landlord.",
        ),
        (
            "8.2",
            "Report the annual report to the governing body, publish it on the complaints pages of the website, and publish the governing body's response alongside it.",
        ),
        (
            "8.3",
            "Self-assess again after a significant restructure, merger or change in procedures.",
        ),
        (
            "8.4",
            "Review and update the self-assessment when the Ombudsman asks after an investigation.",
        ),
        (
            "8.5",
            "If exceptional circumstances such as a cyber incident stop the landlord complying with the Code, tell the Ombudsman and the residents affected, publish it on the website, and give a timescale for returning to compliance.",
        ),
        # 9. Scrutiny and oversight
        (
            "9.1",
            "Look beyond the single complaint for service improvements that its learning could bring.",
        ),
        (
            "9.2",
            "As part of a positive complaint handling culture, use complaints as intelligence to find issues and change services for the better.",
        ),
        (
            "9.3",
            "Report wider learning and improvements from complaints back to residents, staff and the relevant committees.",
        ),
        (
            "9.4",
            "Appoint a suitably senior lead accountable for complaint handling, who looks at themes and trends for systemic issues, serious risks and policies that need revising.",
        ),
        (
            "9.5",
            "Appoint a member of the governing body as Member Responsible for Complaints (MRC), with lead responsibility for a positive complaint handling culture.",
        ),
        (
            "9.6",
            "The MRC makes sure the governing body gets regular insight into complaint handling performance, and has the information and access to staff to do so.",
        ),
        (
            "9.7",
            "The MRC and the governing body receive at least regular updates on the volume, categories and outcomes of complaints and on performance, regular reviews of issues and trends, updates on Ombudsman investigations and progress on orders after severe maladministration, and the annual report.",
        ),
        (
            "9.8",
            "Give every relevant employee and third party a standard objective on complaint handling: working together to resolve complaints, taking shared responsibility for shortfalls rather than blaming others, and acting within the Code's professional standards.",
        ),
    )
)

BY_NUMBER: dict[str, Provision] = {p.number: p for p in PROVISIONS}
SECTION_BY_NUMBER: dict[int, CodeSection] = {s.number: s for s in SECTIONS}


def provisions_in(section: int) -> list[Provision]:
    return [p for p in PROVISIONS if p.section == section]


def part_heading(number: str) -> str | None:
    """The sub-heading that starts at this provision (6.1 "Stage 1", 6.10 "Stage 2")."""
    section = SECTION_BY_NUMBER[int(number.split(".")[0])]
    return dict(section.parts).get(number)
