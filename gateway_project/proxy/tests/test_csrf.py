"""Double-submit CSRF for cookie-authenticated unsafe requests, and the Origin check."""

from http import HTTPStatus

from proxy.tests.fixtures import csrf_header, sign_in


async def test_an_unsafe_request_with_cookies_but_no_csrf_header_is_refused(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        response = await session.post("/api/v1/gigs", json={"title": "x"})

        assert response.status == HTTPStatus.FORBIDDEN
        assert (await response.json())["code"] == "csrf_failed"


async def test_a_wrong_csrf_header_is_refused(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        response = await session.delete("/api/v1/gigs/1", headers={"X-CSRF-Token": "guessed"})

        assert response.status == HTTPStatus.FORBIDDEN


async def test_the_matching_csrf_header_lets_the_request_through(gateway):
    async with gateway.session() as session:
        await sign_in(session, "frank")
        response = await session.put("/api/v1/gigs/1", json={"title": "x"}, headers=csrf_header(session))

        assert response.status == HTTPStatus.OK
        assert (await response.json())["user"] == "frank"


async def test_safe_methods_and_cookieless_requests_need_no_csrf_token(gateway):
    async with gateway.session() as signed_in, gateway.session() as anonymous:
        await sign_in(signed_in)
        read = await signed_in.get("/api/v1/orders/buyer/me")
        anonymous_write = await anonymous.post("/api/v1/auth/forgot-password", json={"email": "a@example.com"})

        assert read.status == HTTPStatus.OK
        assert anonymous_write.status == HTTPStatus.OK


async def test_a_foreign_origin_is_refused_even_with_the_token(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        headers = {**csrf_header(session), "Origin": "https://evil.example"}
        response = await session.post("/api/v1/gigs", json={}, headers=headers)

        assert response.status == HTTPStatus.FORBIDDEN
        assert (await response.json())["code"] == "origin_not_allowed"


async def test_a_trusted_origin_is_accepted(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        headers = {**csrf_header(session), "Origin": "http://localhost:8000"}
        response = await session.post("/api/v1/gigs", json={}, headers=headers)

        assert response.status == HTTPStatus.OK


async def test_signout_is_csrf_protected(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        response = await session.post("/api/v1/auth/signout")

        assert response.status == HTTPStatus.FORBIDDEN
        assert "access_token" in {cookie.key for cookie in session.cookie_jar}


async def test_the_csrf_route_hands_the_spa_a_token(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/auth/csrf")
        body = await response.json()

        assert response.status == HTTPStatus.OK
        assert csrf_header(session) == {"X-CSRF-Token": body["csrf_token"]}


async def test_the_csrf_header_never_reaches_the_service(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        echoed = await (await session.post("/api/v1/gigs", json={}, headers=csrf_header(session))).json()

        assert "X-Csrf-Token" not in echoed["headers"] and "X-CSRF-Token" not in echoed["headers"]
        assert "csrf_token" not in echoed["headers"].get("Cookie", "")
