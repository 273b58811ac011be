"""The schema and the interactive documentation are served at /api/v1/."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_schema_lists_every_resource_and_the_bearer_scheme():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Putright API"
    paths = schema["paths"]
    for path in [
        "/api/v1/complaints",
        "/api/v1/complaints/{reference}/respond",
        "/api/v1/complaints/{reference}/attachments/{attachment_id}/content",
        "/api/v1/service-requests",
        "/api/v1/member-enquiries/{reference}/resolve",
        "/api/v1/residents/{resident_id}",
        "/api/v1/residents/{resident_id}/representatives/{representative_id}/consent",
        "/api/v1/ombudsman/cases/{case_id}",
        "/api/v1/ombudsman/cases/{case_id}/contacts/{contact_id}/replies",
        "/api/v1/ombudsman/cases/{case_id}/orders/{order_id}/progress",
        "/api/v1/reports/annual",
        "/api/v1/reports/tsm",
    ]:
        assert path in paths
    assert schema["components"]["securitySchemes"]["ApiKeyAuth"]["scheme"] == "bearer"
    operation_ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))


def test_the_interactive_docs_and_the_index():
    assert Client().get("/api/v1/docs").status_code == 200
    assert Client().get("/api/v1/").json()["openapi"] == "/api/v1/openapi.json"


def test_every_operation_has_a_described_tag_and_a_summary():
    schema = Client().get("/api/v1/openapi.json").json()
    described = {tag["name"] for tag in schema["tags"]}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            [tag] = operation["tags"]
            assert tag in described, (method, path, tag)
