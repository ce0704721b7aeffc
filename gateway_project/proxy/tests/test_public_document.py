"""Facts the public document must state, read from the document the gateway serves.

The document is built from the services' own (proxy/openapi/; its drift test is
test_openapi_build.py), so these check what the services' schemas say, at the public door:
money is a JSON number, enums and bounds are the services', lists carry items and total.
"""

from http import HTTPStatus

import pytest
from django.test import Client

USER = {
    "id",
    "username",
    "email",
    "country",
    "profile_picture",
    "email_verified",
    "phone",
    "phone_verified",
    "two_step",
    "created_at",
}
ATTACHMENT = {"name", "size", "content_type", "url"}  # chats/schemas.py AttachmentOut
DELIVERY_FILE = {"id", "name", "size", "content_type", "url"}  # orders/schemas.py DeliveryFileOut
REVIEW = {
    "id",
    "order_id",
    "gig_id",
    "seller_id",
    "buyer_id",
    "reviewer_id",
    "reviewer_username",
    "reviewer_role",
    "review_type",
    "rating",
    "review",
    "created_at",
}
JSON = "application/json"
UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == HTTPStatus.OK
    return response.json()


def resolve(document, schema):
    """Follow a $ref, and unwrap `X | None` to X."""
    while True:
        if "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            schema = next(part for part in schema["anyOf"] if part.get("type") != "null")
        else:
            return schema


def fields_of(document, schema) -> set[str]:
    schema = resolve(document, schema)
    required = set(schema.get("required", []))
    return {name if name in required else f"{name}?" for name in schema["properties"]}


def answer_schema(document, method, path, status=200):
    return document["paths"][path][method]["responses"][str(status)]["content"][JSON]["schema"]


def operations(document):
    return [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_each_operation_documents_its_path_parameters_and_answers_errors_in_the_shared_shape(document):
    for method, path, operation in operations(document):
        parameters = operation.get("parameters", [])
        path_params = {p["name"] for p in parameters if p["in"] == "path"}
        assert path_params == {segment[1:-1] for segment in path.split("/") if segment.startswith("{")}, path
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), (method, path)
        for code, response in responses.items():
            if code[0] in "45":
                assert fields_of(document, response["content"][JSON]["schema"]) >= {"detail", "code", "fields?"}, (
                    path,
                    code,
                )


def test_the_gateways_own_statuses_are_on_every_operation(document):
    for method, path, operation in operations(document):
        expected = {"429"} if path == "/api/v1/auth/csrf" else {"429", "502", "503", "504"}
        if method in UNSAFE:
            expected |= {"403", "413"}
        assert expected <= set(operation["responses"]), (method, path)


def test_signed_in_operations_use_the_session_cookie_and_writes_the_csrf_header(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["accessCookie"] == {
        **schemes["accessCookie"],
        "type": "apiKey",
        "in": "cookie",
        "name": "access_token",
    }
    assert schemes["csrfHeader"] == {**schemes["csrfHeader"], "type": "apiKey", "in": "header", "name": "X-CSRF-Token"}
    me = document["paths"]["/api/v1/auth/me"]["get"]
    order = document["paths"]["/api/v1/orders"]["post"]
    assert me["security"] == [{"accessCookie": []}] and "401" in me["responses"]
    assert order["security"] == [{"accessCookie": [], "csrfHeader": []}]
    assert "security" not in document["paths"]["/api/v1/gigs/search"]["get"]


def test_session_routes_answer_the_user_and_read_the_refresh_token_from_its_cookie(document):
    """Auth answers tokens; the gateway turns them into cookies (proxy/sessions.py)."""
    paths = document["paths"]
    for path, status in (
        ("signup", "201"),
        ("signin", "200"),
        ("signin/verify", "200"),
        ("refresh", "200"),
        ("change-password", "200"),
    ):
        answer = answer_schema(document, "post", f"/api/v1/auth/{path}", status)
        assert fields_of(document, answer) == {"user"}, path
    assert "requestBody" not in paths["/api/v1/auth/refresh"]["post"]
    assert "requestBody" not in paths["/api/v1/auth/signout"]["post"]
    assert "202" in paths["/api/v1/auth/signin"]["post"]["responses"]
    assert not {"TokensOut", "SessionStartOut", "RefreshIn"} & set(document["components"]["schemas"])


def test_uploads_are_documented_as_multipart_only_where_the_services_take_them(document):
    uploads = {
        (method, path)
        for method, path, op in operations(document)
        if set(op.get("requestBody", {}).get("content", {})) - {JSON}
    }
    assert uploads == {
        ("post", "/api/v1/auth/signup"),
        ("post", "/api/v1/chat/messages"),
        ("post", "/api/v1/gigs/{gig_id}/cover-image"),
        ("post", "/api/v1/orders/{order_id}/deliver"),
    }


MONEY = [
    ("SellerOut", "total_earnings"),
    ("GigOut", "price"),
    ("GigCreateIn", "price"),
    ("PaymentIntentOut", "price"),
    ("PaymentIntentOut", "service_fee"),
    ("PaymentIntentOut", "total"),
    ("OrderOut", "price"),
    ("OrderOut", "subtotal"),
    ("OrderOut", "service_fee"),
    ("OrderOut", "total"),
    ("MoneyOut", "amount"),
    ("OfferOut", "price"),
]


@pytest.mark.parametrize(("schema", "field"), MONEY)
def test_money_is_documented_as_a_json_number(document, schema, field):
    prop = resolve(document, document["components"]["schemas"][schema]["properties"][field])
    assert prop["type"] == "number"


def test_the_gig_price_floor_and_the_users_field_names_are_the_services(document):
    schemas = document["components"]["schemas"]

    assert schemas["GigCreateIn"]["properties"]["price"]["minimum"] == 5
    assert schemas["GigCreateIn"]["additionalProperties"] is False
    assert fields_of(document, schemas["ExperienceIn"]) == {
        "company",
        "title",
        "start_date",
        "end_date?",
        "description?",
        "current?",
    }
    assert fields_of(document, schemas["CertificateIn"]) == {"name", "from", "year"}
    assert schemas["CertificateIn"]["properties"]["year"]["type"] == "integer"
    assert schemas["EducationIn"]["properties"]["year"]["type"] == "integer"
    assert set(schemas["CertificateOut"]["properties"]) == {"name", "from", "year"}
    assert schemas["LanguageIn"]["properties"]["level"]["enum"] == ["basic", "conversational", "fluent", "native"]


def test_enums_and_nested_answers_match_the_services(document):
    schemas = document["components"]["schemas"]

    assert schemas["OrderOut"]["properties"]["status"]["enum"] == ["in_progress", "delivered", "completed", "cancelled"]
    status_param = next(
        p for p in document["paths"]["/api/v1/orders/buyer/me"]["get"]["parameters"] if p["name"] == "status"
    )
    assert resolve(document, status_param["schema"])["enum"] == ["in_progress", "delivered", "completed", "cancelled"]
    assert set(schemas["OrderGigOut"]["properties"]) == {"id", "title", "cover_image"}
    assert set(schemas["ConversationOut"]["properties"]) == {
        "id",
        "participants",
        "other_participant",
        "gig_id",
        "latest_message",
        "unread_count",
        "partner_online",
        "partner_last_seen_at",
        "last_message_at",
        "created_at",
    }
    assert set(schemas["OfferOut"]["properties"]) == {
        "gig_id",
        "price",
        "description",
        "delivery_in_days",
        "status",
        "expires_at",
        "expired",
        "decided_by",
        "decided_at",
    }
    offer_in = schemas["OfferIn"]
    assert fields_of(document, offer_in) == {"gig_id?", "price", "description", "delivery_in_days", "expires_in_days?"}
    assert resolve(document, offer_in["properties"]["price"])["type"] == "number"
    assert schemas["GigCreateIn"]["properties"]["revisions"]["maximum"] == 10
    assert set(schemas["SummaryOut"]["properties"]) == {"count", "average", "stars"}
    assert set(schemas["OrderReviewOut"]["properties"]) == REVIEW | {"hidden"}
    rating = schemas["ReviewIn"]["properties"]["rating"]
    assert (rating["type"], rating["minimum"], rating["maximum"]) == ("integer", 1, 5)
    assert set(schemas["UserOut"]["properties"]) == USER
    assert "unread_only" in {p["name"] for p in document["paths"]["/api/v1/notifications"]["get"]["parameters"]}


def test_list_answers_carry_items_and_total(document):
    lists = [
        name for name, schema in document["components"]["schemas"].items() if "items" in schema.get("properties", {})
    ]

    assert len(lists) >= 10
    for name in lists:
        properties = document["components"]["schemas"][name]["properties"]
        assert properties["total"]["type"] == "integer", name
        assert properties["items"]["type"] == "array", name


def test_files_in_answers_carry_url_name_size_and_type(document):
    schemas = document["components"]["schemas"]

    assert {name.rstrip("?") for name in fields_of(document, schemas["AttachmentOut"])} == ATTACHMENT
    assert {name.rstrip("?") for name in fields_of(document, schemas["DeliveryFileOut"])} == DELIVERY_FILE
    assert resolve(document, schemas["DeliveryOut"]["properties"]["files"]["items"]) == resolve(
        document, schemas["DeliveryFileOut"]
    )
    for path in ("/api/v1/gigs/covers/{name}", "/api/v1/auth/pictures/{name}"):
        assert "304" in document["paths"][path]["get"]["responses"]


def _patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_every_pattern_compiles_in_a_utf8_regex_engine_too(document):
    """A validator on UTF-8 strings (Rust's regex: Schemathesis' jsonschema-rs) drops a pattern it cannot compile,
    a surrogate escape for one, and then generates and accepts what the service refuses."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="installed with schemathesis (requirements/local.txt)")
    refused = []
    for pattern in set(_patterns(document)):
        try:
            jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
        except jsonschema_rs.ValidationError:
            refused.append(pattern)

    assert not refused
