"""Generic forwarding: routing table, request ids, per-request headers, error mapping, body limits."""

import asyncio
from http import HTTPStatus

import pytest

from proxy.tests.fixtures import sign_in

ROUTES = [
    ("/api/v1/auth/verify-email", "auth"),
    ("/api/v1/buyers/alice", "users"),
    ("/api/v1/sellers/random", "users"),
    ("/api/v1/gigs/search", "gig"),
    ("/api/v1/gigs", "gig"),
    ("/api/v1/chat/conversations", "chat"),
    ("/api/v1/orders/buyer/me", "order"),
    ("/api/v1/reviews/gig/1", "review"),
    ("/api/v1/notifications", "notification"),
    ("/static/gig/app.css", "gig"),
    ("/media/users/pic.png", "users"),
]


@pytest.mark.parametrize(("path", "service"), ROUTES)
async def test_each_public_prefix_reaches_its_service_with_the_path_unchanged(gateway, path, service):
    async with gateway.session() as session:
        response = await session.get(path + "?page=2&q=logo")
        echoed = await response.json()

        assert response.status == HTTPStatus.OK
        assert (echoed["service"], echoed["path"], echoed["query"]) == (service, path, "page=2&q=logo")


async def test_unknown_paths_are_a_json_404_from_the_gateway(gateway):
    async with gateway.session() as session:
        for path in ("/api/v1/nothing", "/api/v1/gigsx", "/admin/unknown/", "/elsewhere"):
            response = await session.get(path)
            assert response.status == HTTPStatus.NOT_FOUND, path
            assert (await response.json())["code"] == "not_found"


async def test_the_upstream_gets_a_gateway_token_for_its_audience_and_forwarding_headers(gateway):
    from shared.tokens import GatewayTokenVerifier

    async with gateway.session() as session:
        response = await session.get("/api/v1/gigs/1", headers={"Host": "market.example"})
        headers = (await response.json())["headers"]

        GatewayTokenVerifier("gig").verify(headers["X-Gateway-Token"])
        assert headers["X-Forwarded-For"] == "127.0.0.1"
        assert headers["X-Forwarded-Proto"] == "http"
        assert headers["X-Forwarded-Host"] == "market.example"


async def test_a_client_cannot_smuggle_gateway_or_identity_headers(gateway):
    from shared.testing.tokens import gateway_token, user_token

    forged = {
        "X-Gateway-Token": gateway_token("gig"),
        "Authorization": f"Bearer {user_token('9', 'mallory')}",
        "X-Forwarded-For": "10.0.0.1",
    }
    async with gateway.session() as session:
        echoed = await (await session.get("/api/v1/gigs/1", headers=forged)).json()

        assert echoed["user"] is None
        assert "Authorization" not in echoed["headers"]
        assert echoed["headers"]["X-Gateway-Token"] != forged["X-Gateway-Token"]
        assert echoed["headers"]["X-Forwarded-For"] == "127.0.0.1"


async def test_a_request_id_is_accepted_passed_upstream_and_returned(gateway):
    async with gateway.session() as session:
        given = await session.get("/api/v1/gigs/1", headers={"X-Request-ID": "client-chosen-id-123"})
        made = await session.get("/api/v1/gigs/1", headers={"X-Request-ID": "bad id with spaces"})

        assert given.headers["X-Request-ID"] == "client-chosen-id-123"
        assert (await given.json())["headers"]["X-Request-ID"] == "client-chosen-id-123"
        assert made.headers["X-Request-ID"] != "bad id with spaces"
        assert (await made.json())["headers"]["X-Request-ID"] == made.headers["X-Request-ID"]


async def test_concurrent_users_never_see_each_others_identity(gateway):
    async def whoami(name):
        async with gateway.session() as session:
            await sign_in(session, name)
            answers = await asyncio.gather(*(session.get("/api/v1/buyers/me") for _ in range(10)))
            return {(await answer.json())["user"] for answer in answers}

    seen = await asyncio.gather(*(whoami(f"user{i}") for i in range(6)))

    assert seen == [{f"user{i}"} for i in range(6)]


async def test_client_errors_reach_the_client_unchanged(gateway):
    async with gateway.session() as session:
        response = await session.post("/api/v1/gigs/conflict", json={})

        assert response.status == HTTPStatus.CONFLICT
        assert await response.json() == {"detail": "Wrong order state.", "code": "conflict"}


async def test_a_server_error_becomes_a_502_with_the_request_id_and_no_internals(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/gigs/boom")
        body = await response.json()

        assert response.status == HTTPStatus.BAD_GATEWAY
        assert body["code"] == "upstream_error"
        assert body["request_id"] == response.headers["X-Request-ID"]
        assert "Traceback" not in await response.text()


async def test_bodies_and_methods_pass_through(gateway):
    async with gateway.session() as session:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            response = await session.request(
                method,
                "/api/v1/orders/1/deliver",
                data=b'{"message": "done"}',
                headers={"Content-Type": "application/json"},
            )
            echoed = await response.json()
            assert (echoed["method"], echoed["body"]) == (method, '{"message": "done"}')


async def test_a_large_response_is_streamed_through(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/gigs/big")

        assert response.status == HTTPStatus.OK
        assert len(await response.read()) == 800_000


async def test_a_json_body_over_the_limit_is_refused_with_413(make_gateway):
    async with make_gateway(max_json_body=1000, max_upload_body=5000) as gw, gw.session() as session:
        small = await session.post("/api/v1/gigs", data=b"x" * 900, headers={"Content-Type": "application/json"})
        big = await session.post("/api/v1/gigs", data=b"x" * 1500, headers={"Content-Type": "application/json"})
        # Multipart only where an upload is documented (proxy/media_types.py): the cover image.
        upload = await session.post(
            "/api/v1/gigs/1/cover-image", data=b"x" * 1500, headers={"Content-Type": "multipart/form-data; boundary=x"}
        )
        huge_upload = await session.post(
            "/api/v1/gigs/1/cover-image", data=b"x" * 6000, headers={"Content-Type": "multipart/form-data; boundary=x"}
        )

        assert small.status == HTTPStatus.OK
        assert big.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
        assert (await big.json())["code"] == "body_too_large"
        assert upload.status == HTTPStatus.OK
        assert huge_upload.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


async def test_a_chunked_body_is_cut_off_at_the_limit(make_gateway):
    async def chunks():
        for _ in range(20):
            yield b"y" * 100

    async with make_gateway(max_json_body=1000) as gw, gw.session() as session:
        response = await session.post("/api/v1/gigs", data=chunks(), headers={"Content-Type": "application/json"})

        assert response.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
