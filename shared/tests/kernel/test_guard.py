"""The gateway-only guard, bearer authentication and the error shape, through Django's stack."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from channels.testing import WebsocketCommunicator

from shared.guard import GatewayTokenASGIMiddleware
from shared.testing.tokens import gateway_token, user_token

pytestmark = pytest.mark.django_db


def test_no_gateway_token_is_401_in_the_error_shape(client):
    response = client.get("/api/whoami")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == {
        "detail": "This service is reachable only through the gateway.",
        "code": "gateway_token_missing",
    }


@pytest.mark.parametrize(
    "token",
    [
        gateway_token("users"),  # addressed to another service
        gateway_token("review", lifetime=-60),  # expired
        gateway_token("review", iss="someone-else"),
        "not-a-token",
    ],
    ids=["wrong-audience", "expired", "wrong-issuer", "garbage"],
)
def test_a_bad_gateway_token_is_403(client, token):
    response = client.get("/api/whoami", HTTP_X_GATEWAY_TOKEN=token)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"].startswith("gateway_token_")


def test_a_gateway_token_signed_by_another_key_is_403(client):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    other = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )

    response = client.get("/api/whoami", HTTP_X_GATEWAY_TOKEN=gateway_token("review", key=other.decode()))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_health_is_open(client):
    assert client.get("/health").status_code == HTTPStatus.OK


def test_the_bearer_user_reaches_the_view(api):
    response = api.as_user(user_id="42", username="zoe").get("/api/whoami")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"id": "42", "username": "zoe"}


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"lifetime": -60}, "token_expired"),
        ({"token_type": "refresh"}, "token_not_access"),
        ({"aud": "elsewhere"}, "token_invalid"),
    ],
)
def test_a_bad_user_token_is_401_with_a_code(api, claims, code):
    response = api.get("/api/whoami", HTTP_AUTHORIZATION=f"Bearer {user_token(**claims)}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == code


def test_service_errors_keep_their_status_and_code(api):
    response = api.post("/api/conflict")

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {"detail": "Already there.", "code": "duplicate"}


def test_a_wrong_method_answers_json_405(api):
    response = api.delete("/api/conflict")

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "POST"


def test_an_unknown_path_answers_json_404(api):
    response = api.get("/api/nowhere")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "not_found"


def test_the_request_id_is_echoed_or_made(api):
    assert api.get("/health", HTTP_X_REQUEST_ID="req-12345678")["X-Request-ID"] == "req-12345678"
    assert len(api.get("/health", HTTP_X_REQUEST_ID="bad id")["X-Request-ID"]) == 32


async def _echo_socket(scope, receive, send):
    await receive()
    await send({"type": "websocket.accept"})


@pytest.mark.asyncio
@pytest.mark.parametrize(("headers", "code"), [([], 4401), ([(b"x-gateway-token", b"junk")], 4403)])
async def test_a_socket_without_a_good_gateway_token_is_closed_with_a_code(headers, code):
    communicator = WebsocketCommunicator(GatewayTokenASGIMiddleware(_echo_socket, "review"), "/ws/", headers=headers)

    connected, _ = await communicator.connect()
    closed = await communicator.receive_output()

    assert connected
    assert closed == {"type": "websocket.close", "code": code, "reason": closed["reason"]}
    assert closed["reason"].startswith("gateway_token")


@pytest.mark.asyncio
async def test_a_socket_with_a_gateway_token_for_this_service_passes():
    headers = [(b"x-gateway-token", gateway_token("review").encode())]
    communicator = WebsocketCommunicator(GatewayTokenASGIMiddleware(_echo_socket, "review"), "/ws/", headers=headers)

    connected, _ = await communicator.connect()

    assert connected
    await communicator.disconnect()
