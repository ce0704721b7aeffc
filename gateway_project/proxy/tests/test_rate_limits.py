"""Rate limits in Redis: per address when anonymous (tighter on credential routes), per user when signed in."""
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


async def test_redis_being_down_lets_requests_through(make_gateway):
    async with make_gateway(rate_limits=LIMITS, redis_url="redis://127.0.0.1:1/0") as gw, gw.session() as session:
        statuses = {(await session.get("/api/v1/gigs/search")).status for _ in range(8)}

        assert statuses == {200}
