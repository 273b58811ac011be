"""The annual report's coded detail (issue 13, item 5): root causes by the landlord's own
sub-causes, extended responses by reason per stage, and service requests and member
enquiries by service area, in the JSON and in every format drawn from the document."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from putright.complaints.models import Extension
from putright.landlords.services import sub_causes_seed
from putright.reports.breakdown import breakdown
from putright.reports.coded import coded_figures
from putright.reports.exports import annual_export
from tests import factories
from tests.registers.support import import_dicts

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 6, 30)


def _responded(ref: str, **cells: str) -> dict[str, str]:
    return {
        "reference": ref,
        "received_date": "2024-05-01",
        "service_area": "Repairs",
        "s1_acknowledged_date": "2024-05-02",
        "s1_responded_date": "2024-05-10",
        "s1_outcome": "upheld",
        **cells,
    }


def _extended(ref: str, code: str, stage2: str = "") -> dict[str, str]:
    row = _responded(ref, s1_extension_working_days="5", s1_extension_reason="Report")
    if code:
        row["s1_extension_reason_code"] = code
    if stage2:
        row.update(
            escalation_requested_date="2024-06-03",
            s2_acknowledged_date="2024-06-04",
            s2_extension_working_days="10",
            s2_extension_reason_code=stage2,
            s2_responded_date="2024-07-15",
            s2_outcome="not_upheld",
        )
    return row


@pytest.fixture
def landlord():
    landlord = factories.landlord(name="Coded Homes")
    sub_causes_seed(landlord=landlord)
    import_dicts(
        landlord,
        _responded("R-1", root_cause="service_failure", sub_cause="delay"),
        _responded("R-2", root_cause="service_failure", sub_cause="delay"),
        _responded("R-3", root_cause="service_failure", sub_cause="below_standard"),
        _responded("R-4", root_cause="service_failure"),
        _responded("R-5", root_cause="communication", sub_cause="not_kept_informed"),
        _responded("R-6"),
        _extended("R-7", "awaiting_contractor", stage2="complexity"),
        _extended("R-8", "awaiting_contractor"),
        _extended("R-9", ""),
        {"reference": "S-1", "kind": "service_request", "received_date": "2024-06-01",
         "service_area": "Repairs"},
        {"reference": "S-2", "kind": "service_request", "received_date": "2024-07-01",
         "service_area": "Repairs"},
        {"reference": "S-3", "kind": "service_request", "received_date": "2024-08-01",
         "service_area": "Neighbourhoods"},
        {"reference": "S-4", "kind": "service_request", "received_date": "2023-08-01",
         "service_area": "Neighbourhoods"},
        {"reference": "M-1", "kind": "member_enquiry", "received_date": "2024-09-01",
         "service_area": "Allocations"},
    )  # fmt: skip
    return landlord


def test_the_json_counts_root_causes_by_sub_cause(landlord):
    figures = json.loads(annual_export(landlord, 2024, "json", on=ON).content)
    assert figures["root_causes_by_sub_cause"]["stage1"] == [
        {"root_cause": "communication", "sub_cause": None, "label": None, "responded": 1,
         "share_of_root_cause_pct": 100.0},
        {"root_cause": "communication", "sub_cause": "not_kept_informed",
         "label": "Not kept informed or updated", "responded": 1,
         "share_of_root_cause_pct": 100.0},
        {"root_cause": "service_failure", "sub_cause": None, "label": None, "responded": 4,
         "share_of_root_cause_pct": 100.0},
        {"root_cause": "service_failure", "sub_cause": "delay",
         "label": "Delay in providing a service", "responded": 2,
         "share_of_root_cause_pct": 50.0},
        {"root_cause": "service_failure", "sub_cause": "below_standard",
         "label": "Service not meeting standards", "responded": 1,
         "share_of_root_cause_pct": 25.0},
        {"root_cause": "service_failure", "sub_cause": "not_recorded", "label": "Not recorded",
         "responded": 1, "share_of_root_cause_pct": 25.0},
    ]  # fmt: skip
    # The root causes' rows are the annual report's own root cause counts.
    assert figures["stage1"]["by_root_cause"] == {"service_failure": 4, "communication": 1}
    assert figures["root_causes_by_sub_cause"]["stage2"] == []


def test_the_json_counts_extended_responses_by_reason_per_stage(landlord):
    figures = json.loads(annual_export(landlord, 2024, "json", on=ON).content)
    assert figures["extensions_by_reason"] == {
        "stage1": [
            {"reason": "awaiting_contractor", "extended": 2},
            {"reason": "not_recorded", "extended": 1},
        ],
        "stage2": [{"reason": "complexity", "extended": 1}],
    }
    assert figures["extensions"]["stage1"]["cases"] == 3
    # The same figures as the breakdown engine gives by extension_reason.
    rows = breakdown(landlord, 2024, measures=["extended"], by=["extension_reason"]).rows
    assert [(r["extension_reason"], r["extended"]) for r in rows] == [
        ("awaiting_contractor", 2),
        ("not_recorded", 1),
    ]


def test_the_json_counts_service_requests_and_member_enquiries_by_service_area(landlord):
    figures = json.loads(annual_export(landlord, 2024, "json", on=ON).content)
    assert figures["service_requests_by_service_area"] == [
        {"service_area": "Repairs", "received": 2, "share_pct": 66.7},
        {"service_area": "Neighbourhoods", "received": 1, "share_pct": 33.3},
    ]
    assert figures["member_enquiries_by_service_area"] == [
        {"service_area": "Allocations", "received": 1, "share_pct": 100.0}
    ]
    assert figures["service_requests"] == 3
    assert figures["member_enquiries"] == 1


def test_the_html_and_spreadsheet_show_the_coded_tables(landlord):
    html = annual_export(landlord, 2024, "html", on=ON).content.decode()
    assert "Stage 1 responses by root cause and sub-cause" in html
    assert "Delay in providing a service" in html
    assert "Extended responses by reason" in html
    assert "Awaiting a contractor, a repair or an inspection" in html
    assert "Service requests received by service area" in html
    assert "Member enquiries (MPs and councillors) received by service area" in html
    book = load_workbook(io.BytesIO(annual_export(landlord, 2024, "xlsx", on=ON).content))
    cells = {
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert {"Delay in providing a service", "Awaiting a contractor, a repair or an inspection",
            "Allocations"} <= cells  # fmt: skip


def test_a_landlord_with_nothing_coded_says_so():
    landlord = factories.landlord()
    html = annual_export(landlord, 2024, "html", on=ON).content.decode()
    assert "No root causes were recorded with the responses sent in 2024/25." in html
    assert "No service requests or member enquiries were recorded in 2024/25." in html


def test_the_explore_page_names_sub_causes_by_the_landlords_own_labels(client, landlord):
    """The breakdown's CSV and JSON keep the code; the page and the spreadsheet read it in
    the landlord's own words."""
    client.force_login(factories.user(landlord=landlord, role="officer"))
    query = "year=2024&stage=1&measure=responded&by=sub_cause"
    page = client.get(f"/staff/reports/explore/?{query}").content.decode()
    assert "Delay in providing a service" in page
    assert "Service not meeting standards" in page
    assert ">delay<" not in page
    sheet = client.get(f"/staff/reports/explore/download/xlsx/?{query}").content
    names = [row[0] for row in load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True)]
    assert "Delay in providing a service" in names
    assert "delay" not in names


def test_records_by_service_area_are_the_breakdowns_and_leave_out_the_lgsco(landlord):
    """The records by service area and against target come from one GROUP BY: by service
    area they are the breakdown engine's Housing Ombudsman records received by kind and
    service area (an LGSCO service request left out), against target every one."""
    import_dicts(
        landlord,
        {"reference": "S-5", "kind": "service_request", "received_date": "2024-09-01",
         "service_area": "Repairs", "jurisdiction": "lgsco"},
    )  # fmt: skip
    figures = json.loads(annual_export(landlord, 2024, "json", on=ON).content)
    counted = breakdown(landlord, 2024, measures=["received"], by=["kind", "service_area"])
    for kind, key in (
        ("service_request", "service_requests_by_service_area"),
        ("member_enquiry", "member_enquiries_by_service_area"),
    ):
        assert [(r["service_area"], r["received"]) for r in figures[key]] == sorted(
            ((r["service_area"], r["received"]) for r in counted.rows if r["kind"] == kind),
            key=lambda row: (-row[1], row[0]),
        )
    assert figures["service_requests_by_service_area"][0] == {
        "service_area": "Repairs", "received": 2, "share_pct": 66.7,
    }  # fmt: skip
    within = figures["service_requests_within_target_by_service_area"]
    assert {r["service_area"]: r["received"] for r in within} == {
        "Repairs": 3,
        "Neighbourhoods": 1,
    }


def test_an_extended_response_counts_once_under_each_reason_code_it_gives(landlord):
    """The report's extended responses by reason come from the extension pass (each
    response under each reason code its extensions give) and the tally (the extended
    responses with no extension recorded, as not recorded), as the breakdown counts them:
    a response extended twice for the same reason counts once under it, one extended for
    two reasons under each."""
    first = Extension.objects.get(stage__complaint__reference="R-8")
    for days, code in ((2, "awaiting_contractor"), (1, "complexity")):
        first.pk, first.working_days, first.reason_code = None, days, code
        first.save()
    Extension.objects.filter(stage__complaint__reference="R-9").delete()
    figures = json.loads(annual_export(landlord, 2024, "json", on=ON).content)
    assert figures["extensions"]["stage1"]["cases"] == 2  # R-9 has no extension now
    assert figures["extensions_by_reason"]["stage1"] == [
        {"reason": "awaiting_contractor", "extended": 2},
        {"reason": "complexity", "extended": 1},
        {"reason": "not_recorded", "extended": 1},
    ]
    by_breakdowns = coded_figures(landlord, 2024)
    assert figures["extensions_by_reason"] == by_breakdowns["extensions_by_reason"]
    assert figures["root_causes_by_sub_cause"] == by_breakdowns["root_causes_by_sub_cause"]
