"""The documented public API against the services' real shapes, without importing any service.

The table below was read from each service's schemas.py / serializers.py and
apis.py (a project may not import another): when a service changes a field,
route or status, update its row here and the router in proxy/api/ together.
"name" is required, "name?" optional.
"""
from http import HTTPStatus

import pytest
from django.test import Client

USER = {"id", "username", "email", "country", "profile_picture", "email_verified", "phone", "phone_verified", "two_step", "created_at"}
BUYER = {"id", "user_id", "username", "email", "country", "profile_picture", "is_seller", "purchased_gigs", "created_at", "updated_at"}
BUYER_PUBLIC = {"id", "user_id", "username", "country", "profile_picture", "is_seller", "created_at"}
SELLER = {
    "id", "user_id", "username", "country", "profile_picture", "full_name", "description", "oneliner", "skills",
    "languages", "experience", "education", "certificates", "social_links", "response_time", "ratings_count",
    "rating_sum", "average_rating", "rating_categories", "ongoing_jobs", "completed_jobs", "cancelled_jobs",
    "total_earnings", "total_gigs", "recent_delivery", "created_at", "updated_at",
}
SELLER_IN = {
    "full_name", "description", "oneliner", "skills", "languages", "experience?", "education?", "certificates?",
    "social_links?", "response_time",
}
GIG = {
    "id", "seller_id", "seller_user_id", "username", "title", "description", "basic_title", "basic_description",
    "category", "sub_categories", "tags", "price", "expected_delivery_days", "revisions", "cover_image", "active",
    "ratings_count", "rating_sum", "average_rating", "rating_categories", "created_at", "updated_at",
}
GIG_FIELDS = ["title", "description", "basic_title", "basic_description", "category", "sub_categories", "tags",
              "price", "expected_delivery_days", "revisions", "cover_image"]
ORDER = {
    "id", "gig_id", "gig", "offer_id", "seller_id", "seller_user_id", "seller_username", "buyer_id", "buyer_username",
    "status", "quantity", "price", "subtotal", "service_fee", "total", "currency", "requirements", "payment_intent_id",
    "delivery_due_at", "delivery_due", "delivered_at", "completed_at", "cancelled_at", "cancelled_by", "deliveries",
    "extension", "extensions", "timeline", "refund", "payout", "created_at", "updated_at", "late", "revisions_included",
    "revisions_used", "revisions_left", "revisions", "auto_complete_at",
}
MESSAGE = {"id", "conversation_id", "sender_id", "sender_username", "receiver_id", "receiver_username", "body",
           "gig_id", "offer", "attachment", "read_at", "created_at"}
ATTACHMENT = {"name", "size", "content_type", "url"}  # chats/schemas.py AttachmentOut
DELIVERY_FILE = {"id", "name", "size", "content_type", "url"}  # orders/schemas.py DeliveryFileOut
BINARY = "binary"  # the answer is a file's bytes, not JSON
REVIEW = {"id", "order_id", "gig_id", "seller_id", "buyer_id", "reviewer_id", "reviewer_username", "reviewer_role",
          "review_type", "rating", "review", "created_at"}
NOTIFICATION = {"id", "kind", "title", "body", "link", "data", "read", "created_at"}
JSON, FORM = "application/json", "multipart/form-data"
PAGE = {"page?", "size?"}
REVIEW_PAGE = {"items", "total", "page", "size", "summary"}

# (method, path): query parameters, body fields per content type, (success status, answer fields), error statuses.
ROUTES = {
    ("post", "/api/v1/auth/signup"): ({}, {JSON: {"username", "email", "password", "country"},
                                          FORM: {"username", "email", "password", "country", "profile_picture?"}}, (201, {"user"}), {400, 409}),
    ("post", "/api/v1/auth/signin"): ({}, {JSON: {"username", "password"}}, (200, {"user"}), {400, 401}),
    ("post", "/api/v1/auth/signout"): ({}, {}, (200, {"detail", "code?"}), set()),
    ("post", "/api/v1/auth/refresh"): ({}, {}, (200, {"user"}), {401}),
    ("get", "/api/v1/auth/csrf"): ({}, {}, (200, {"csrf_token"}), {429}),
    ("get", "/api/v1/auth/me"): ({}, {}, (200, {"user"}), {401}),
    ("post", "/api/v1/auth/verify-email"): ({}, {JSON: {"token"}}, (200, {"user"}), {400}),
    ("post", "/api/v1/auth/resend-verification"): ({}, {}, (200, {"detail", "code?"}), {401, 409}),
    ("post", "/api/v1/auth/forgot-password"): ({}, {JSON: {"email"}}, (200, {"detail", "code?"}), {400}),
    ("post", "/api/v1/auth/reset-password"): ({}, {JSON: {"token", "password", "confirm_password"}}, (200, {"detail", "code?"}), {400}),
    ("post", "/api/v1/auth/change-password"): ({}, {JSON: {"current_password", "new_password"}}, (200, {"user"}), {400, 401}),
    ("post", "/api/v1/auth/signin/verify"): ({}, {JSON: {"challenge_id", "code"}}, (200, {"user"}), {400}),
    ("post", "/api/v1/auth/phone"): ({}, {JSON: {"phone"}}, (200, {"user", "detail?"}), {400, 401, 409}),
    ("delete", "/api/v1/auth/phone"): ({}, {}, (200, {"user"}), {401, 409}),
    ("post", "/api/v1/auth/phone/verify"): ({}, {JSON: {"code"}}, (200, {"user"}), {400, 401}),
    ("put", "/api/v1/auth/two-step"): ({}, {JSON: {"enabled", "channel", "password"}}, (200, {"two_step"}), {400, 401}),
    ("get", "/api/v1/auth/sessions"): ({}, {}, (200, {"items", "total"}), {401}),
    ("delete", "/api/v1/auth/sessions/{session_id}"): ({}, {}, (200, {"detail", "code?"}), {401, 404}),
    ("post", "/api/v1/auth/signout-all"): ({}, {}, (200, {"detail", "code?", "ended"}), {401}),
    ("get", "/api/v1/buyers/me"): ({}, {}, (200, BUYER), {401, 404}),
    ("get", "/api/v1/buyers/{username}"): ({}, {}, (200, BUYER_PUBLIC), {401, 404}),
    ("post", "/api/v1/sellers"): ({}, {JSON: SELLER_IN}, (201, SELLER), {400, 401, 409, 422}),
    ("get", "/api/v1/sellers/me"): ({}, {}, (200, SELLER), {401, 404}),
    ("get", "/api/v1/sellers/{seller_id}"): ({}, {}, (200, SELLER), {404}),
    ("get", "/api/v1/sellers/username/{username}"): ({}, {}, (200, SELLER), {404}),
    ("put", "/api/v1/sellers/{seller_id}"): ({}, {JSON: SELLER_IN}, (200, SELLER), {400, 401, 403, 404, 422}),
    ("get", "/api/v1/sellers/random"): ({"size?"}, {}, (200, {"items", "total"}), {422}),
    ("post", "/api/v1/gigs"): ({}, {JSON: {"title", "description", "basic_title", "basic_description", "category", "sub_categories",
                                          "tags?", "price", "expected_delivery_days", "revisions?", "cover_image?"}}, (201, GIG), {400, 401, 403, 422}),
    ("get", "/api/v1/gigs/{gig_id}"): ({}, {}, (200, GIG), {404}),
    ("put", "/api/v1/gigs/{gig_id}"): ({}, {JSON: {f"{name}?" for name in GIG_FIELDS}}, (200, GIG), {400, 401, 403, 404, 422}),
    ("delete", "/api/v1/gigs/{gig_id}"): ({}, {}, (204, None), {401, 403, 404}),
    ("put", "/api/v1/gigs/{gig_id}/active"): ({}, {JSON: {"active"}}, (200, GIG), {401, 403, 404, 422}),
    ("post", "/api/v1/gigs/{gig_id}/cover-image"): ({}, {FORM: {"cover_image"}}, (200, GIG), {400, 401, 403, 404}),
    ("get", "/api/v1/gigs/seller/{seller_id}"): ({"active?"}, {}, (200, {"items", "total"}), {422}),
    ("get", "/api/v1/gigs/search"): ({"q?", "category?", "min_price?", "max_price?", "max_delivery_days?", "page?", "size?"}, {},
                                     (200, {"items", "total", "page", "size"}), {400, 422}),
    ("get", "/api/v1/gigs/categories"): ({}, {}, (200, {"items", "total"}), set()),
    ("get", "/api/v1/gigs/category/{category}"): (PAGE, {}, (200, {"items", "total", "page", "size"}), {404, 422}),
    ("get", "/api/v1/gigs/top/{category}"): ({"size?"}, {}, (200, {"items", "total"}), {404, 422}),
    ("get", "/api/v1/gigs/{gig_id}/similar"): ({"size?"}, {}, (200, {"items", "total"}), {404, 422}),
    ("get", "/api/v1/gigs/recommended"): ({"size?"}, {}, (200, {"items", "total"}), {422}),
    ("post", "/api/v1/chat/messages"): ({}, {JSON: {"receiver_username?", "conversation_id?", "body", "gig_id?", "offer?"},
                                         FORM: {"receiver_username?", "conversation_id?", "body?", "gig_id?", "file"}},
                                        (201, MESSAGE), {400, 401, 404, 422}),
    ("get", "/api/v1/chat/messages/{message_id}/attachment"): ({}, {}, (200, BINARY), {401, 404}),
    ("get", "/api/v1/orders/{order_id}/files/{file_id}"): ({}, {}, (200, BINARY), {401, 403, 404}),
    ("get", "/api/v1/gigs/covers/{name}"): ({"size?"}, {}, (200, BINARY), {400, 404}),
    ("get", "/api/v1/auth/pictures/{name}"): ({"size?"}, {}, (200, BINARY), {400, 404}),
    ("get", "/api/v1/chat/conversations"): (PAGE, {}, (200, {"items", "total", "page", "size"}), {401, 422}),
    ("get", "/api/v1/chat/conversations/{conversation_id}/messages"): (
        {"before?", "after?", "limit?"}, {}, (200, {"items", "total", "older_cursor?", "newer_cursor?"}), {400, 401, 403, 404}),
    ("post", "/api/v1/chat/conversations/{conversation_id}/read"): ({}, {}, (200, {"conversation_id", "marked_read", "unread_count"}), {401, 403, 404}),
    ("post", "/api/v1/chat/offers/{message_id}/accept"): ({}, {}, (200, MESSAGE), {401, 403, 404, 409}),
    ("post", "/api/v1/chat/offers/{message_id}/cancel"): ({}, {}, (200, MESSAGE), {401, 403, 404, 409}),
    ("post", "/api/v1/chat/offers/{message_id}/withdraw"): ({}, {}, (200, MESSAGE), {401, 403, 404, 409}),
    ("post", "/api/v1/orders/payment-intents"): ({}, {JSON: {"gig_id?", "offer_message_id?", "quantity?"}}, (201, {
        "payment_intent_id", "client_secret", "gig_id", "offer_message_id", "quantity", "price", "subtotal", "service_fee",
        "total", "currency"}), {400, 401, 403, 404, 409, 422}),
    ("post", "/api/v1/orders"): ({}, {JSON: {"payment_intent_id", "gig_id", "requirements?"}}, (201, ORDER), {400, 401, 402, 403, 404, 409, 422}),
    ("get", "/api/v1/orders/{order_id}"): ({}, {}, (200, ORDER), {401, 403, 404}),
    ("get", "/api/v1/orders/buyer/me"): ({"status?", "page?", "size?"}, {}, (200, {"items", "total", "page", "size"}), {401, 422}),
    ("get", "/api/v1/orders/seller/me"): ({"status?", "page?", "size?"}, {}, (200, {"items", "total", "page", "size"}), {401, 422}),
    ("post", "/api/v1/orders/{order_id}/cancel"): ({}, {}, (200, ORDER), {401, 403, 404, 409}),
    ("post", "/api/v1/orders/{order_id}/deliver"): ({}, {JSON: {"message", "files?"}, FORM: {"message", "files?"}}, (200, ORDER), {400, 401, 403, 404, 409, 422}),
    ("post", "/api/v1/orders/{order_id}/approve"): ({}, {}, (200, ORDER), {401, 403, 404, 409}),
    ("post", "/api/v1/orders/{order_id}/extension"): ({}, {JSON: {"days", "reason"}}, (200, ORDER), {401, 403, 404, 409, 422}),
    ("post", "/api/v1/orders/{order_id}/extension/approve"): ({}, {}, (200, ORDER), {401, 403, 404, 409}),
    ("post", "/api/v1/orders/{order_id}/extension/reject"): ({}, {}, (200, ORDER), {401, 403, 404, 409}),
    ("post", "/api/v1/orders/{order_id}/revision"): ({}, {JSON: {"message"}}, (200, ORDER), {401, 403, 404, 409, 422}),
    ("post", "/api/v1/reviews"): ({}, {JSON: {"order_id", "rating", "review"}}, (201, REVIEW), {400, 401, 403, 404, 409, 422}),
    ("get", "/api/v1/reviews/gig/{gig_id}"): (PAGE, {}, (200, REVIEW_PAGE), {422}),
    ("get", "/api/v1/reviews/seller/{seller_id}"): (PAGE, {}, (200, REVIEW_PAGE), {422}),
    ("get", "/api/v1/reviews/buyer/{buyer_id}"): (PAGE, {}, (200, REVIEW_PAGE), {422}),
    ("get", "/api/v1/reviews/order/{order_id}"): ({}, {}, (200, {"items", "total", "completed", "can_review"}), {401, 403, 404}),
    ("get", "/api/v1/reviews/{review_id}"): ({}, {}, (200, REVIEW), {404}),
    ("get", "/api/v1/notifications"): ({"page?", "size?", "unread_only?"}, {}, (200, {"items", "total", "unread", "page", "size"}), {401, 422}),
    ("post", "/api/v1/notifications/{notification_id}/read"): ({}, {}, (200, NOTIFICATION), {401, 404}),
    ("post", "/api/v1/notifications/read-all"): ({}, {}, (200, {"updated", "unread"}), {401}),
    ("get", "/api/v1/notifications/preferences"): ({}, {}, (200, {"kinds", "reachable"}), {401}),
    ("put", "/api/v1/notifications/preferences"): ({}, {JSON: {"kinds"}}, (200, {"kinds", "reachable"}), {401, 422}),
    ("get", "/api/v1/notifications/push/public-key"): ({}, {}, (200, {"public_key"}), set()),
    ("post", "/api/v1/notifications/push-subscriptions"): ({}, {JSON: {"endpoint", "expirationTime?", "keys"}},
                                                           (201, {"id", "endpoint", "expirationTime?", "created_at"}), {400, 401, 422}),
    ("delete", "/api/v1/notifications/push-subscriptions/{subscription_id}"): ({}, {}, (204, None), {401, 404}),
}


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


def test_every_documented_operation_is_in_the_table_and_the_other_way_round(document):
    documented = {(method, path) for path, ops in document["paths"].items() for method in ops}
    assert documented == set(ROUTES)


@pytest.mark.parametrize(("method", "path"), list(ROUTES), ids=[f"{m} {p}" for m, p in ROUTES])
def test_each_operation_documents_the_services_parameters_body_answer_and_errors(document, method, path):
    query, bodies, (status, answer), error_statuses = ROUTES[(method, path)]
    operation = document["paths"][path][method]

    parameters = operation.get("parameters", [])
    documented_query = {p["name"] if p.get("required") else f"{p['name']}?" for p in parameters if p["in"] == "query"}
    path_params = {p["name"] for p in parameters if p["in"] == "path"}
    content = operation.get("requestBody", {}).get("content", {})
    documented_bodies = {kind: fields_of(document, spec["schema"]) for kind, spec in content.items()}
    responses = operation["responses"]

    assert documented_query == set(query)
    assert path_params == {segment[1:-1] for segment in path.split("/") if segment.startswith("{")}
    assert documented_bodies == bodies
    if answer is None:
        assert "content" not in responses[str(status)]
    elif answer == BINARY:
        [(kind, spec)] = responses[str(status)]["content"].items()
        assert kind != JSON and spec["schema"] == {"type": "string", "format": "binary"}
    else:
        assert {name.rstrip("?") for name in fields_of(document, answer_schema(document, method, path, status))} == {
            name.rstrip("?") for name in answer}
    assert {str(code) for code in error_statuses} <= set(responses)
    for code in error_statuses:
        assert fields_of(document, responses[str(code)]["content"][JSON]["schema"]) >= {"detail", "code", "fields?"}


MONEY = [
    ("SellerOut", "total_earnings"), ("GigOut", "price"), ("GigCreateIn", "price"), ("PaymentIntentOut", "price"),
    ("PaymentIntentOut", "service_fee"), ("PaymentIntentOut", "total"), ("OrderOut", "price"), ("OrderOut", "subtotal"),
    ("OrderOut", "service_fee"), ("OrderOut", "total"), ("MoneyMovementOut", "amount"), ("OfferIn", "price"), ("OfferOut", "price"),
]


@pytest.mark.parametrize(("schema", "field"), MONEY)
def test_money_is_documented_as_a_json_number(document, schema, field):
    prop = resolve(document, document["components"]["schemas"][schema]["properties"][field])
    assert prop["type"] == "number"


def test_the_gig_price_floor_and_the_users_field_names_are_the_services(document):
    schemas = document["components"]["schemas"]

    assert schemas["GigCreateIn"]["properties"]["price"]["minimum"] == 5
    assert schemas["GigCreateIn"]["additionalProperties"] is False
    assert fields_of(document, schemas["ExperienceIn"]) == {"company", "title", "start_date", "end_date?", "description?", "current?"}
    assert fields_of(document, schemas["CertificateIn"]) == {"name", "from", "year"}
    assert schemas["CertificateIn"]["properties"]["year"]["type"] == "integer"
    assert schemas["EducationIn"]["properties"]["year"]["type"] == "integer"
    assert set(schemas["CertificateOut"]["properties"]) == {"name", "from", "year"}
    assert schemas["LanguageIn"]["properties"]["level"]["enum"] == ["basic", "conversational", "fluent", "native"]


def test_enums_and_nested_answers_match_the_services(document):
    schemas = document["components"]["schemas"]

    assert schemas["OrderOut"]["properties"]["status"]["enum"] == ["in_progress", "delivered", "completed", "cancelled"]
    status_param = next(p for p in document["paths"]["/api/v1/orders/buyer/me"]["get"]["parameters"] if p["name"] == "status")
    assert resolve(document, status_param["schema"])["enum"] == ["in_progress", "delivered", "completed", "cancelled"]
    assert set(schemas["OrderGigOut"]["properties"]) == {"id", "title", "cover_image"}
    assert set(schemas["ConversationOut"]["properties"]) == {
        "id", "participants", "other_participant", "gig_id", "latest_message", "unread_count", "partner_online",
        "partner_last_seen_at", "last_message_at", "created_at"}
    assert set(schemas["OfferOut"]["properties"]) == {
        "gig_id", "price", "description", "delivery_in_days", "status", "expires_at", "expired", "decided_by", "decided_at"}
    assert fields_of(document, schemas["OfferIn"]) == {"gig_id?", "price", "description", "delivery_in_days", "expires_in_days?"}
    assert schemas["GigCreateIn"]["properties"]["revisions"]["maximum"] == 10
    assert set(schemas["ReviewSummaryOut"]["properties"]) == {"count", "average", "stars"}
    assert set(schemas["OrderReviewOut"]["properties"]) == REVIEW | {"hidden"}
    rating = schemas["ReviewIn"]["properties"]["rating"]
    assert (rating["type"], rating["minimum"], rating["maximum"]) == ("integer", 1, 5)
    assert set(schemas["UserOut"]["properties"]) == USER
    assert "unread_only" in {p["name"] for p in document["paths"]["/api/v1/notifications"]["get"]["parameters"]}


def test_list_answers_carry_items_and_total(document):
    lists = [name for name, schema in document["components"]["schemas"].items() if "items" in schema.get("properties", {})]

    assert len(lists) >= 10
    for name in lists:
        properties = document["components"]["schemas"][name]["properties"]
        assert properties["total"]["type"] == "integer", name
        assert properties["items"]["type"] == "array", name


def test_files_in_answers_carry_url_name_size_and_type(document):
    schemas = document["components"]["schemas"]

    assert {name.rstrip("?") for name in fields_of(document, schemas["AttachmentOut"])} == ATTACHMENT
    assert {name.rstrip("?") for name in fields_of(document, schemas["DeliveryFileOut"])} == DELIVERY_FILE
    assert resolve(document, schemas["DeliveryOut"]["properties"]["files"]["items"]) == resolve(document, schemas["DeliveryFileOut"])
    for path in ("/api/v1/gigs/covers/{name}", "/api/v1/auth/pictures/{name}"):
        assert "304" in document["paths"][path]["get"]["responses"]
