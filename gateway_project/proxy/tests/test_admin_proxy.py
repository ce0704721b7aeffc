"""Each service's Django admin through the gateway, with the admin's own session cookie."""

from http import HTTPStatus

from proxy.tests.fixtures import sign_in


async def test_the_admin_login_page_of_a_service_is_reached(gateway):
    async with gateway.session() as session:
        response = await session.get("/admin/users/login/")

        assert response.status == HTTPStatus.OK
        assert "admin of users" in await response.text()


async def test_staff_sign_in_with_the_services_own_admin_session(gateway):
    async with gateway.session() as session:
        await sign_in(session)  # gateway cookies present: the admin form is protected by Django's own CSRF
        login = await session.post(
            "/admin/users/login/", data={"username": "staff", "password": "pw"}, allow_redirects=False
        )
        index = await session.get("/admin/users/")
        state = await index.json()

        assert login.status == HTTPStatus.FOUND
        assert login.headers["Location"] == "/admin/users/"
        assert state["signed_in"] is True
        assert set(state["cookies"]) == {"users_admin_session"}  # our token cookies stay at the gateway


async def test_each_service_admin_is_routed_to_that_service(gateway):
    async with gateway.session() as session:
        for service in ("auth", "gig", "order", "review", "notification", "chat"):
            response = await session.get(f"/admin/{service}/login/")
            assert f"admin of {service}" in await response.text()


async def test_admin_login_attempts_are_rate_limited_per_address(make_gateway):
    limits = {"credentials": (2, 60), "anonymous": (100, 60), "user": (100, 60), "websocket": (5, 60)}
    async with make_gateway(rate_limits=limits) as gw, gw.session() as session:
        statuses = [
            (await session.post("/admin/gig/login/", data={"u": "x"}, allow_redirects=False)).status for _ in range(3)
        ]

        assert statuses == [302, 302, 429]
