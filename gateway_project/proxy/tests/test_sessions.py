"""The first journey: signup/signin/me/refresh/signout through the gateway, tokens only in cookies."""

from http import HTTPStatus

from proxy.tests.fixtures import csrf_header, sign_in


def cookies_of(session) -> dict:
    return {cookie.key: cookie for cookie in session.cookie_jar}


async def test_signup_answers_the_user_and_sets_the_cookies_instead_of_tokens(gateway):
    async with gateway.session() as session:
        response = await session.post(
            "/api/v1/auth/signup", json={"username": "bob", "email": "bob@example.com", "password": "x" * 10}
        )
        body = await response.json()

        assert response.status == HTTPStatus.CREATED
        assert body == {"user": {"id": body["user"]["id"], "username": "bob", "email": "bob@example.com"}}
        jar = cookies_of(session)
        assert {"access_token", "refresh_token", "csrf_token"} <= set(jar)
        assert jar["access_token"]["httponly"] and jar["refresh_token"]["httponly"]
        assert not jar["csrf_token"]["httponly"]  # the SPA must read it to echo it
        assert jar["refresh_token"]["path"] == "/api/v1/auth/"
        assert jar["access_token"]["samesite"] == "Lax"


async def test_signup_validation_errors_reach_the_client_unchanged(gateway):
    async with gateway.session() as session:
        response = await session.post("/api/v1/auth/signup", json={"email": "bob@example.com"})

        assert response.status == HTTPStatus.UNPROCESSABLE_ENTITY
        assert (await response.json())["fields"] == {"username": ["Required."]}
        assert not cookies_of(session)


async def test_wrong_password_is_a_401_without_cookies(gateway):
    async with gateway.session() as session:
        response = await session.post("/api/v1/auth/signin", json={"username": "alice", "password": "nope"})

        assert response.status == HTTPStatus.UNAUTHORIZED
        assert (await response.json())["code"] == "invalid_credentials"
        assert not cookies_of(session)


async def test_me_is_answered_for_the_cookie_holder_only(gateway):
    async with gateway.session() as session:
        anonymous = await session.get("/api/v1/auth/me")
        await sign_in(session, "carol")
        signed_in = await session.get("/api/v1/auth/me")

        assert anonymous.status == HTTPStatus.UNAUTHORIZED
        assert signed_in.status == HTTPStatus.OK
        assert (await signed_in.json())["user"]["username"] == "carol"


async def test_buyers_me_reaches_users_with_the_bearer_token(gateway):
    async with gateway.session() as session:
        await sign_in(session, "dave")
        response = await session.get("/api/v1/buyers/me")
        echoed = await response.json()

        assert response.status == HTTPStatus.OK
        assert echoed["service"] == "users" and echoed["path"] == "/api/v1/buyers/me"
        assert echoed["user"] == "dave"
        assert "access_token" not in echoed["headers"].get("Cookie", "")  # the token travels as a bearer only


async def test_refresh_rotates_the_tokens_from_the_cookie(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        before = cookies_of(session)["refresh_token"].value
        response = await session.post("/api/v1/auth/refresh", headers=csrf_header(session))

        assert response.status == HTTPStatus.OK
        assert list(await response.json()) == ["user"]
        assert cookies_of(session)["refresh_token"].value != before


async def test_a_reused_refresh_token_is_rejected_and_clears_the_cookies(gateway):
    async with gateway.session() as session, gateway.session() as thief:
        await sign_in(session)
        stolen = cookies_of(session)["refresh_token"].value
        csrf = csrf_header(session)
        assert (await session.post("/api/v1/auth/refresh", headers=csrf)).status == HTTPStatus.OK
        thief.cookie_jar.update_cookies({"refresh_token": stolen, "csrf_token": csrf["X-CSRF-Token"]})

        reuse = await thief.post("/api/v1/auth/refresh", headers=csrf)

        assert reuse.status == HTTPStatus.UNAUTHORIZED
        cleared = [line for line in reuse.headers.getall("Set-Cookie") if "Max-Age=0" in line]
        assert {line.split("=")[0] for line in cleared} == {"access_token", "refresh_token", "csrf_token"}
        # The whole family is revoked: the rightful holder must sign in again too.
        again = await session.post("/api/v1/auth/refresh", headers=csrf_header(session))
        assert again.status == HTTPStatus.UNAUTHORIZED


async def test_refresh_without_a_refresh_cookie_is_a_401(gateway):
    async with gateway.session() as session:
        response = await session.post("/api/v1/auth/refresh")

        assert response.status == HTTPStatus.UNAUTHORIZED
        assert (await response.json())["code"] == "not_authenticated"


async def test_signout_revokes_the_refresh_token_and_clears_the_cookies(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        refresh = cookies_of(session)["refresh_token"].value
        csrf = csrf_header(session)
        response = await session.post("/api/v1/auth/signout", headers=csrf)

        assert response.status == HTTPStatus.OK
        assert not {"access_token", "refresh_token"} & set(cookies_of(session))
        session.cookie_jar.update_cookies({"refresh_token": refresh, "csrf_token": csrf["X-CSRF-Token"]})
        assert (await session.post("/api/v1/auth/refresh", headers=csrf)).status == HTTPStatus.UNAUTHORIZED


async def test_change_password_sets_fresh_cookies_and_passes_errors(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        old_access = cookies_of(session)["access_token"].value
        wrong = await session.post(
            "/api/v1/auth/change-password",
            json={"current_password": "x", "new_password": "y" * 10},
            headers=csrf_header(session),
        )
        right = await session.post(
            "/api/v1/auth/change-password",
            json={"current_password": "correct-horse", "new_password": "y" * 10},
            headers=csrf_header(session),
        )

        assert wrong.status == HTTPStatus.BAD_REQUEST
        assert (await wrong.json())["fields"] == {"current_password": ["Wrong password."]}
        assert right.status == HTTPStatus.OK
        assert cookies_of(session)["access_token"].value != old_access


async def test_cookies_are_secure_when_configured(make_gateway):
    async with make_gateway(secure_cookies=True) as gw, gw.session() as session:
        response = await session.post("/api/v1/auth/signin", json={"username": "alice", "password": "correct-horse"})
        set_cookies = response.headers.getall("Set-Cookie")

        assert len(set_cookies) == 3
        assert all("; Secure" in line and "SameSite=Lax" in line for line in set_cookies)


async def test_an_expired_access_cookie_answers_token_expired(gateway):
    from shared.testing.tokens import user_token

    async with gateway.session() as session:
        session.cookie_jar.update_cookies({"access_token": user_token("1", "eve", lifetime=-60)})
        response = await session.get("/api/v1/auth/me")

        assert response.status == HTTPStatus.UNAUTHORIZED
        assert (await response.json())["code"] == "token_expired"


async def test_a_forged_access_cookie_is_not_passed_upstream(gateway):
    async with gateway.session() as session:
        session.cookie_jar.update_cookies({"access_token": "not-a-jwt"})
        response = await session.get("/api/v1/buyers/someone")
        echoed = await response.json()

        assert echoed["user"] is None
        assert "Authorization" not in echoed["headers"]
