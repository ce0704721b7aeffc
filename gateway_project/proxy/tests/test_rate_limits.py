"""Rate limits in Redis: per address when anonymous (tighter on credential routes), per user when signed in."""

import asyncio
from http import HTTPStatus

from proxy.tests.fixtures import sign_in

LIMITS = {"credentials": (3, 60), "anonymous": (5, 60), "user": (4, 60), "websocket": (5, 60)}


async def test_signin_is_limited_tighter_per_address_with_retry_after(make_gateway):
    async with make_gateway(rate_limits=LIMITS) as gw, gw.session() as session:
        statuses = []
        for _ in range(4):
            response = await session.post("/api/v1/auth/signin", json={"username": "a", "password": "wrong"})
            statuses.append(response.status)

        assert statuses == [401, 401, 401, 429]
        assert 1 <= int(response.headers["Retry-After"]) <= 60
        assert (await response.json())["code"] == "rate_limited"


async def test_anonymous_reads_are_limited_per_address(make_gateway):
    async with make_gateway(rate_limits=LIMITS) as gw, gw.session() as session:
        statuses = [(await session.get("/api/v1/gigs/search")).status for _ in range(6)]

        assert statuses == [200] * 5 + [429]


async def test_signed_in_users_have_their_own_bucket(make_gateway):
    async with make_gateway(rate_limits=LIMITS) as gw, gw.session() as alice, gw.session() as bob:
        await sign_in(alice, "alice")
        await sign_in(bob, "bob")
        alice_statuses = [(await alice.get("/api/v1/buyers/me")).status for _ in range(5)]
        bob_status = (await bob.get("/api/v1/buyers/me")).status

        assert alice_statuses == [200] * 4 + [429]
        assert bob_status == HTTPStatus.OK


async def test_redis_being_down_keeps_the_api_up_and_limits_per_process(make_gateway):
    async with make_gateway(rate_limits=LIMITS, redis_url="redis://127.0.0.1:1/0") as gw, gw.session() as session:
        statuses = [(await session.get("/api/v1/gigs/search")).status for _ in range(6)]

        assert statuses == [200] * 5 + [429]


async def test_processes_share_their_counts_through_redis(make_gateway):
    async with make_gateway(rate_limits=LIMITS) as first, first.session() as session:
        second = first.gateway.limiter.__class__(first.gateway.limiter.url, prefix=first.gateway.limiter.prefix)
        for _ in range(3):
            assert (await session.get("/api/v1/gigs/search")).status == 200
            await asyncio.sleep(first.gateway.limiter.sync_interval * 1.5)  # past the local tally's interval
        # Another gateway process sees those hits: two more fit under the limit of 5, the third does not.
        answers = [await second.hit("anonymous", "127.0.0.1", 5, 60) for _ in range(3)]

        assert answers[:2] == [None, None] and answers[2] is not None
