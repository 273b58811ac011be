"""A year of complaints whose every breakdown is known by hand (issue 13), for the tests
of the breakdown engine, its command, its API and its page."""

from __future__ import annotations

from putright.landlords.models import Division, Landlord, ServiceArea
from tests import factories
from tests.registers.support import import_dicts


def year_of_cases(name: str = "By hand") -> Landlord:
    """Five complaints and a service request of 2024/25, known by hand: two service areas
    in one division and one outside it, a contractor answering stage 1 that the landlord
    answers at stage 2."""
    landlord = factories.landlord(name=name)
    base = {"s1_acknowledged_date": "", "received_date": ""}
    rows = [
        dict(base, reference="A", received_date="2024-04-10", service_area="Repairs",
             s1_handled_by="Mears", s1_acknowledged_date="2024-04-11",
             s1_responded_date="2024-04-19", s1_outcome="upheld", s1_compensation_gbp="100",
             s1_compensation_reason="time_trouble", theme="Damp and mould", channel="phone",
             escalation_requested_date="2024-05-20", escalation_reason="compensation",
             s2_handled_by="", s2_acknowledged_date="2024-05-21",
             s2_responded_date="2024-06-10", s2_outcome="partly_upheld"),
        dict(base, reference="B", received_date="2024-05-02", service_area="Repairs",
             s1_handled_by="Mears", s1_acknowledged_date="2024-05-03",
             s1_responded_date="2024-06-28", s1_outcome="not_upheld", channel="email"),
        dict(base, reference="C", received_date="2024-07-01", service_area="Lettings",
             s1_acknowledged_date="2024-07-02", s1_responded_date="2024-07-08",
             s1_outcome="partly_upheld", s1_compensation_gbp="50.50",
             s1_compensation_reason="goodwill", theme="Noise", channel="email"),
        dict(base, reference="D", received_date="2024-10-15", service_area="Estates",
             not_accepted_reason="over_12_months"),
        dict(base, reference="E", received_date="2024-11-04", service_area="Estates",
             s1_acknowledged_date="2024-11-05"),
        dict(base, reference="F", received_date="2025-02-03", kind="service_request",
             service_area="Repairs"),
    ]  # fmt: skip
    import_dicts(landlord, *rows)
    housing = Division.objects.create(landlord=landlord, name="Housing Management Property")
    ServiceArea.objects.filter(landlord=landlord, name__in=["Repairs", "Lettings"]).update(
        division=housing
    )
    return landlord
