"""The landlord's settings in the staff workspace (issue 15), for its administrators:
what a new landlord has still to set up (``home``), its staff and invitations
(``people``), service areas, divisions, contractors and closure days (``lists``), homes,
complaints policy, contact details, Ombudsman details and letterhead (``landlord``), the
register import (``register``) and the audit log of every change (``home``). Each page
calls one service of ``putright.landlords.services`` (the remedies bands,
``putright.ombudsman.services``; the import, ``putright.registers.services``)."""
