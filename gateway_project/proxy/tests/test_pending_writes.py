"""Read-your-writes at the gateway: published events kept per user, passed on to every service (each keeps its own)."""

import time
import uuid
from http import HTTPStatus

from proxy.pending_writes import HINT_COOKIE, user_key
from proxy.tests.fixtures import csrf_header, sign_in

ID_A, ID_B = uuid.uuid4().hex, uuid.uuid4().hex
SELLER_CREATED = f"users.seller.created={ID_A}"
GIG_CREATED = f"gig.created={ID_B}"


async def _write(session, published: str, path: str = "/api/v1/sellers"):
    return await session.post(path, json={}, headers={**csrf_header(session), "X-Test-Publish": published})


async def _pending_seen_by(session, path: str) -> str | None:
    echoed = await (await session.get(path)).json()
    return echoed["headers"].get("X-Events-Pending")


async def test_a_write_s_events_reach_the_consuming_service_on_the_next_request(gateway):
    async with gateway.session() as session:
        await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        written = await _write(session, f"{SELLER_CREATED},{GIG_CREATED}")

        assert written.status == HTTPStatus.OK
        assert "X-Events-Published" not in written.headers  # the gateway keeps them; the client never sees ids
        assert HINT_COOKIE in {cookie.key for cookie in session.cookie_jar}
        for path in ("/api/v1/gigs/1", "/api/v1/orders/buyer/me", "/api/v1/buyers/me"):
            assert set((await _pending_seen_by(session, path)).split(",")) == {SELLER_CREATED, GIG_CREATED}, path


async def test_every_service_gets_the_pending_events_and_keeps_those_it_consumes_itself(gateway):
    """The gateway knows no service's handlers (shared.consistency.wire.consumed_by filters in the service)."""
    async with gateway.session() as session:
        await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        await _write(session, SELLER_CREATED)

        for path in (
            "/api/v1/chat/conversations",
            "/api/v1/orders/buyer/me",
            "/api/v1/reviews/gig/1",
            "/api/v1/buyers/me",
        ):
            assert await _pending_seen_by(session, path) == SELLER_CREATED, path


async def test_another_user_never_carries_someone_else_s_events(gateway):
    async with gateway.session() as writer, gateway.session() as other:
        await sign_in(writer, f"w{uuid.uuid4().hex[:8]}")
        await sign_in(other, f"o{uuid.uuid4().hex[:8]}")
        await _write(writer, SELLER_CREATED)

        assert await _pending_seen_by(other, "/api/v1/gigs/1") is None
        # Even with the hint cookie copied, the lookup is keyed by the other's own verified user.
        other.cookie_jar.update_cookies({HINT_COOKIE: "1"})
        assert await _pending_seen_by(other, "/api/v1/gigs/1") is None


async def test_a_client_cannot_send_pending_events_itself(gateway):
    async with gateway.session() as session:
        await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        echoed = await (await session.get("/api/v1/gigs/1", headers={"X-Events-Pending": SELLER_CREATED})).json()

        assert "X-Events-Pending" not in echoed["headers"]


async def test_the_hint_cookie_never_reaches_a_service(gateway):
    async with gateway.session() as session:
        await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        await _write(session, SELLER_CREATED)
        echoed = await (await session.get("/api/v1/gigs/1")).json()

        assert HINT_COOKIE not in echoed["headers"].get("Cookie", "")


async def test_a_signup_s_events_are_kept_for_the_new_user(gateway):
    created = f"auth.user.created={uuid.uuid4().hex}"
    async with gateway.session() as session:
        signup = await session.post(
            "/api/v1/auth/signup",
            json={"username": f"n{uuid.uuid4().hex[:8]}", "password": "x" * 10},
            headers={"X-Test-Publish": created},
        )
        assert signup.status == HTTPStatus.CREATED

        assert await _pending_seen_by(session, "/api/v1/buyers/me") == created
        assert await _pending_seen_by(session, "/api/v1/gigs/1") == created  # gig keeps none of it, by itself


async def test_malformed_published_headers_are_dropped_not_forwarded(gateway):
    async with gateway.session() as session:
        await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        written = await _write(session, f"not a pair, users.seller.created=XYZ,{SELLER_CREATED}")

        assert written.status == HTTPStatus.OK
        assert await _pending_seen_by(session, "/api/v1/gigs/1") == SELLER_CREATED


async def test_pending_events_expire_after_their_window(gateway):
    async with gateway.session() as session:
        user = await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
        await _write(session, SELLER_CREATED)
        # Age the entry instead of sleeping: its score is the time it stops being pending.
        client = gateway.gateway.limiter.client()
        await client.zadd(user_key(user["user"]["id"]), {SELLER_CREATED: time.time() - 1})

        assert await _pending_seen_by(session, "/api/v1/gigs/1") is None


async def test_requests_go_on_when_redis_is_unreachable(make_gateway):
    async with make_gateway(redis_url="redis://127.0.0.1:1/0") as gateway:
        async with gateway.session() as session:
            await sign_in(session, f"w{uuid.uuid4().hex[:8]}")
            written = await _write(session, SELLER_CREATED)
            read = await session.get("/api/v1/gigs/1", cookies={HINT_COOKIE: "1"})

            assert written.status == HTTPStatus.OK
            assert read.status == HTTPStatus.OK
            assert "X-Events-Pending" not in (await read.json())["headers"]
