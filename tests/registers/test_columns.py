"""The column spec is the one place the register's columns are described; it agrees with
the code lists of ``putright.rules.codes`` and with what the record can hold."""

from __future__ import annotations

from putright.complaints.models import Complaint
from putright.landlords.models import Contractor, ServiceArea, SubCause, Theme
from putright.registers.columns import BY_NAME, COLUMN_NAMES, REQUIRED, CellType
from putright.residents.models import EqualityData
from putright.rules import codes


def test_the_columns_are_those_of_register_csv_md_in_order():
    assert COLUMN_NAMES == (
        "reference", "kind", "received_date", "channel", "jurisdiction", "tenure",
        "stock_type", "service_area", "handled_by", "theme", "root_cause",
        "root_cause_detail", "description", "vulnerable", "not_accepted_reason",
        "not_accepted_detail", "withdrawn_date", "s1_acknowledged_date",
        "s1_extension_working_days", "s1_extension_reason", "s1_extension_agreed_date",
        "s1_responded_date",
        "s1_outcome", "s1_letter_sent", "s1_compensation_gbp", "s1_compensation_reason",
        "escalation_requested_date", "escalation_reason", "s2_not_accepted_reason",
        "s2_acknowledged_date", "s2_extension_working_days", "s2_extension_reason",
        "s2_extension_agreed_date", "s2_responded_date", "s2_outcome", "s2_letter_sent",
        "s2_compensation_gbp", "s2_compensation_reason",
        "ombudsman_reference", "age_band", "sex", "ethnicity", "disability",
        "s1_handled_by", "s2_handled_by", "sub_cause", "s1_extension_reason_code",
        "s2_extension_reason_code", "record_responded_date", "record_target_date",
        "member_name", "member_role",
    )  # fmt: skip
    assert REQUIRED == ("reference", "received_date")


def test_code_lists_come_from_the_rules():
    expected = {
        "kind": codes.Kind,
        "channel": codes.Channel,
        "jurisdiction": codes.Jurisdiction,
        "tenure": codes.Tenure,
        "stock_type": codes.StockType,
        "root_cause": codes.RootCause,
        "not_accepted_reason": codes.NotAcceptedReason,
        "s1_outcome": codes.Outcome,
        "s1_compensation_reason": codes.CompensationReason,
        "escalation_reason": codes.EscalationReason,
        "s2_not_accepted_reason": codes.NotAcceptedReason,
        "s2_outcome": codes.Outcome,
        "s2_compensation_reason": codes.CompensationReason,
        "age_band": codes.AgeBand,
        "sex": codes.Sex,
        "disability": codes.Disability,
        "s1_extension_reason_code": codes.ExtensionReason,
        "s2_extension_reason_code": codes.ExtensionReason,
        "member_role": codes.MemberRole,
    }
    assert {c.name for c in BY_NAME.values() if c.type is CellType.CODE} == set(expected)
    for name, code_list in expected.items():
        assert BY_NAME[name].codes == tuple(code_list.values()), name


def test_text_limits_are_what_the_record_can_hold():
    fields = {
        "reference": Complaint._meta.get_field("reference"),
        "service_area": ServiceArea._meta.get_field("name"),
        "handled_by": Contractor._meta.get_field("name"),
        "s1_handled_by": Contractor._meta.get_field("name"),
        "s2_handled_by": Contractor._meta.get_field("name"),
        "theme": Theme._meta.get_field("name"),
        "root_cause_detail": Complaint._meta.get_field("root_cause_detail"),
        "ombudsman_reference": Complaint._meta.get_field("ombudsman_reference"),
        "ethnicity": EqualityData._meta.get_field("ethnicity"),
        "sub_cause": SubCause._meta.get_field("code"),
        "member_name": Complaint._meta.get_field("member_name"),
    }
    limited = {c.name for c in BY_NAME.values() if c.max_length is not None}
    assert limited == set(fields)
    for name, field in fields.items():
        assert BY_NAME[name].max_length == field.max_length, name
