from http import HTTPStatus

from proxy.tests.fixtures import free_port


async def test_liveness_answers(gateway):
    async with gateway.session() as session:
        response = await session.get("/health")

        assert response.status == HTTPStatus.OK
        assert await response.json() == {"status": "ok", "service": "gateway"}


async def test_readiness_reports_each_upstream_instance_and_redis(gateway, upstreams):
    async with gateway.session() as session:
        response = await session.get("/health/ready")
        body = await response.json()

        assert response.status == HTTPStatus.OK
        assert body["checks"]["redis"] == "ok"
        assert body["checks"]["services"]["users"] == {upstreams["users"].url: "ok", upstreams["users_b"].url: "ok"}
        assert set(body["checks"]["services"]) == {"auth", "users", "gig", "chat", "order", "review", "notification"}


async def test_readiness_is_degraded_when_a_service_has_no_live_instance(make_gateway, gateway_config):
    dead = f"http://127.0.0.1:{free_port()}"
    async with make_gateway(upstreams={**gateway_config.upstreams, "chat": [dead]}) as gw, gw.session() as session:
        response = await session.get("/health/ready")
        body = await response.json()

        assert response.status == HTTPStatus.SERVICE_UNAVAILABLE
        assert body["status"] == "degraded"
        assert body["checks"]["services"]["chat"][dead].startswith("down")
