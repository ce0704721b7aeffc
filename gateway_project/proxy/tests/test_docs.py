"""The public API's OpenAPI document, served by the gateway, and the service paths Django relays when it serves them."""

from http import HTTPStatus

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import AsyncClient

from proxy.client import close_sessions
from proxy.gateway import Gateway, set_gateway

API_MD_ROUTES = [
    ("post", "/api/v1/auth/signup"),
    ("post", "/api/v1/auth/signin"),
    ("post", "/api/v1/auth/signout"),
    ("post", "/api/v1/auth/refresh"),
    ("get", "/api/v1/auth/me"),
    ("post", "/api/v1/auth/verify-email"),
    ("post", "/api/v1/auth/resend-verification"),
    ("post", "/api/v1/auth/forgot-password"),
    ("post", "/api/v1/auth/reset-password"),
    ("post", "/api/v1/auth/change-password"),
    ("get", "/api/v1/buyers/me"),
    ("get", "/api/v1/buyers/{username}"),
    ("post", "/api/v1/sellers"),
    ("get", "/api/v1/sellers/me"),
    ("get", "/api/v1/sellers/{seller_id}"),
    ("get", "/api/v1/sellers/username/{username}"),
    ("put", "/api/v1/sellers/{seller_id}"),
    ("get", "/api/v1/sellers/random"),
    ("post", "/api/v1/gigs"),
    ("get", "/api/v1/gigs/{gig_id}"),
    ("put", "/api/v1/gigs/{gig_id}"),
    ("delete", "/api/v1/gigs/{gig_id}"),
    ("put", "/api/v1/gigs/{gig_id}/active"),
    ("get", "/api/v1/gigs/seller/{seller_id}"),
    ("get", "/api/v1/gigs/search"),
    ("get", "/api/v1/gigs/categories"),
    ("get", "/api/v1/gigs/category/{category}"),
    ("get", "/api/v1/gigs/top/{category}"),
    ("get", "/api/v1/gigs/{gig_id}/similar"),
    ("get", "/api/v1/gigs/recommended"),
    ("post", "/api/v1/chat/messages"),
    ("get", "/api/v1/chat/conversations"),
    ("get", "/api/v1/chat/conversations/{conversation_id}/messages"),
    ("post", "/api/v1/chat/conversations/{conversation_id}/read"),
    ("post", "/api/v1/chat/offers/{message_id}/accept"),
    ("post", "/api/v1/chat/offers/{message_id}/cancel"),
    ("post", "/api/v1/orders/payment-intents"),
    ("post", "/api/v1/orders"),
    ("get", "/api/v1/orders/{order_id}"),
    ("get", "/api/v1/orders/buyer/me"),
    ("get", "/api/v1/orders/seller/me"),
    ("post", "/api/v1/orders/{order_id}/cancel"),
    ("post", "/api/v1/orders/{order_id}/deliver"),
    ("post", "/api/v1/orders/{order_id}/approve"),
    ("post", "/api/v1/orders/{order_id}/extension"),
    ("post", "/api/v1/orders/{order_id}/extension/approve"),
    ("post", "/api/v1/orders/{order_id}/extension/reject"),
    ("post", "/api/v1/orders/{order_id}/revision"),
    ("post", "/api/v1/chat/offers/{message_id}/withdraw"),
    ("post", "/api/v1/reviews"),
    ("get", "/api/v1/reviews/gig/{gig_id}"),
    ("get", "/api/v1/reviews/seller/{seller_id}"),
    ("get", "/api/v1/notifications"),
    ("post", "/api/v1/notifications/{notification_id}/read"),
    ("post", "/api/v1/notifications/read-all"),
]


async def test_the_openapi_document_has_every_public_route_with_schemas(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/openapi.json")
        document = await response.json()

        assert response.status == HTTPStatus.OK
        missing = [(m, p) for m, p in API_MD_ROUTES if m not in document["paths"].get(p, {})]
        assert missing == []
        signup = document["paths"]["/api/v1/auth/signup"]["post"]
        assert "requestBody" in signup and "201" in signup["responses"] and "429" in signup["responses"]
        assert {"SellerIn", "UserEnvelope", "GigOut", "OrderOut", "ErrorOut"} <= set(document["components"]["schemas"])


async def test_the_docs_page_is_served(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/docs")

        assert response.status == HTTPStatus.OK
        assert "openapi.json" in await response.text()


async def test_a_ninja_operation_forwards_when_django_serves_it_directly(gateway_config):
    """Without the front door (plain Django ASGI), the public paths still proxy through the same core."""
    set_gateway(Gateway(gateway_config))
    try:
        response = await AsyncClient().get("/api/v1/gigs/categories", headers={"X-Request-ID": "direct-django-1"})
    finally:
        set_gateway(None)
        await close_sessions()

    assert response.status_code == HTTPStatus.OK
    assert response.json()["service"] == "gig"
    assert response.json()["headers"]["X-Request-ID"] == "direct-django-1"


async def test_a_documented_upload_reaches_the_service_untouched_when_django_serves_it(gateway_config):
    """Django does not parse a multipart body it relays, so the service gets the raw upload."""
    set_gateway(Gateway(gateway_config))
    try:
        upload = SimpleUploadedFile("cover.png", b"\x89PNG-bytes", content_type="image/png")
        response = await AsyncClient().post("/api/v1/gigs/g1/cover-image", {"cover_image": upload})
    finally:
        set_gateway(None)
        await close_sessions()

    assert response.status_code == HTTPStatus.OK
    assert response.json()["service"] == "gig"
    assert 'name="cover_image"; filename="cover.png"' in response.json()["body"]
    assert "PNG-bytes" in response.json()["body"]
