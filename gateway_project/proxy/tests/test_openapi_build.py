"""The public document is the services' own committed documents merged (each service's suite checks its own)."""

import json

import pytest

from proxy.openapi import public_document
from proxy.openapi.build import service_documents
from proxy.openapi.merge import MergeError, merge
from proxy.openapi.public import SERVICES, build


@pytest.fixture(scope="module")
def documents():
    """Each service's document, as it committed it (<service>_project/openapi.json)."""
    return service_documents()


def test_the_public_document_is_the_services_documents_merged(documents):
    assert public_document() == build(documents)
    assert public_document()["info"]["title"]


def test_every_service_operation_is_public_and_the_gateway_adds_only_its_own(documents):
    service_operations = {
        (method, path) for document in documents.values() for path, ops in document["paths"].items() for method in ops
    }
    public_operations = {(method, path) for path, ops in public_document()["paths"].items() for method in ops}

    assert set(documents) == set(SERVICES)
    assert public_operations - service_operations == {("get", "/api/v1/auth/csrf")}
    assert service_operations <= public_operations


def test_components_two_services_define_differently_are_prefixed_and_alike_ones_kept_once():
    page = {"type": "object", "properties": {"page": {"type": "integer"}}}
    documents = {
        "gig": {
            "paths": {"/api/v1/gigs": {"get": {"responses": {"200": {"$ref": "#/components/schemas/Item"}}}}},
            "components": {"schemas": {"Item": {"type": "string"}, "Page": page}},
        },
        "order": {
            "paths": {"/api/v1/orders": {"get": {"responses": {"200": {"$ref": "#/components/schemas/Item"}}}}},
            "components": {"schemas": {"Item": {"type": "integer"}, "Page": page}},
        },
    }

    merged = merge(documents)

    assert set(merged["components"]["schemas"]) == {"GigItem", "OrderItem", "Page"}
    assert merged["paths"]["/api/v1/gigs"]["get"]["responses"]["200"] == {"$ref": "#/components/schemas/GigItem"}
    assert merged["paths"]["/api/v1/orders"]["get"]["responses"]["200"] == {"$ref": "#/components/schemas/OrderItem"}


def test_a_service_may_not_document_a_path_the_gateway_routes_elsewhere():
    documents = {"gig": {"paths": {"/api/v1/orders/{order_id}": {"get": {"responses": {}}}}}}

    with pytest.raises(MergeError, match="routes to order"):
        merge(documents)


def test_the_gateway_serves_the_committed_document(client_document=None):
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(public_document()))
