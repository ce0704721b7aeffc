"""Balancing, timeouts, retries and the circuit breaker, against real (and really dead) upstreams."""

from collections import Counter
from http import HTTPStatus

from proxy.tests.fixtures import UpstreamProcess, free_port


async def test_requests_are_balanced_across_instances(gateway, upstreams):
    async with gateway.session() as session:
        ports = Counter()
        for _ in range(10):
            ports[(await (await session.get("/api/v1/buyers/x")).json())["port"]] += 1

        assert ports == {upstreams["users"].port: 5, upstreams["users_b"].port: 5}


async def test_a_dead_instance_is_skipped_by_retrying_another(make_gateway, gateway_config, upstreams):
    dead = f"http://127.0.0.1:{free_port()}"
    upstreams_with_dead = {**gateway_config.upstreams, "gig": [dead, upstreams["gig"].url]}
    async with make_gateway(upstreams=upstreams_with_dead) as gw, gw.session() as session:
        statuses = [(await session.post("/api/v1/gigs", json={})).status for _ in range(6)]

        assert statuses == [HTTPStatus.OK] * 6  # a refused connection sent nothing: even POST may go elsewhere


async def test_the_breaker_opens_on_a_dead_instance_and_stops_trying_it(make_gateway, gateway_config, upstreams):
    dead = f"http://127.0.0.1:{free_port()}"
    upstreams_with_dead = {**gateway_config.upstreams, "gig": [dead, upstreams["gig"].url]}
    async with make_gateway(upstreams=upstreams_with_dead, breaker_threshold=2) as gw, gw.session() as session:
        for _ in range(8):
            await session.get("/api/v1/gigs/1")
        states = {item["url"]: item for item in gw.gateway.upstreams["gig"].describe()}

        assert states[dead]["state"] == "open"
        assert states[dead]["failures"] == 2  # once open, the dead instance is no longer hammered
        assert states[upstreams["gig"].url]["state"] == "closed"


async def test_the_breaker_lets_a_recovered_instance_back_in(make_gateway, gateway_config):
    revived = UpstreamProcess("review")
    upstreams_with_dead = {**gateway_config.upstreams, "review": [revived.url]}
    async with (
        make_gateway(upstreams=upstreams_with_dead, breaker_threshold=1, breaker_cooldown=0.2) as gw,
        gw.session() as session,
    ):
        down = await session.get("/api/v1/reviews/gig/1")
        revived.start()
        try:
            import asyncio

            await asyncio.sleep(0.3)
            up = await session.get("/api/v1/reviews/gig/1")
        finally:
            revived.stop()

        assert down.status == HTTPStatus.SERVICE_UNAVAILABLE
        assert up.status == HTTPStatus.OK
        assert gw.gateway.upstreams["review"].describe()[0]["state"] == "closed"


async def test_an_unreachable_service_is_a_503_with_the_request_id(make_gateway, gateway_config):
    dead = {**gateway_config.upstreams, "order": [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"]}
    async with make_gateway(upstreams=dead) as gw, gw.session() as session:
        response = await session.get("/api/v1/orders/1")
        body = await response.json()

        assert response.status == HTTPStatus.SERVICE_UNAVAILABLE
        assert body["code"] == "service_unavailable"
        assert body["request_id"] == response.headers["X-Request-ID"]


async def test_a_slow_service_is_a_504_and_is_not_retried(make_gateway):
    async with make_gateway(read_timeout=0.5) as gw, gw.session() as session:
        response = await session.post("/api/v1/gigs/slow?seconds=3", json={})
        body = await response.json()

        assert response.status == HTTPStatus.GATEWAY_TIMEOUT
        assert body["code"] == "upstream_timeout" and body["request_id"]


async def test_a_fast_enough_service_is_within_the_read_timeout(make_gateway):
    async with make_gateway(read_timeout=2.0) as gw, gw.session() as session:
        response = await session.get("/api/v1/gigs/slow?seconds=0.2")

        assert response.status == HTTPStatus.OK
