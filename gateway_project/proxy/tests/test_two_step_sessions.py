"""Two-step sign-in through the gateway: a challenge sets no cookies; the code sets the session and
the device cookie, which the gateway passes back to auth so the next signin skips the code."""

from http import HTTPStatus


def cookies_of(session) -> dict:
    return {cookie.key: cookie for cookie in session.cookie_jar}


SIGNIN, VERIFY = "/api/v1/auth/signin", "/api/v1/auth/signin/verify"


async def test_a_challenge_passes_through_without_session_cookies(gateway):
    async with gateway.session() as session:
        response = await session.post(SIGNIN, json={"username": "twostep", "password": "correct-horse"})

        assert response.status == HTTPStatus.ACCEPTED
        assert await response.json() == {"two_step_required": True, "challenge_id": "c" * 32, "channel": "email"}
        assert not cookies_of(session)


async def test_the_code_sets_the_session_and_a_device_cookie_that_skips_the_next_challenge(gateway):
    async with gateway.session() as session:
        await session.post(SIGNIN, json={"username": "twostep", "password": "correct-horse"})
        response = await session.post(VERIFY, json={"challenge_id": "c" * 32, "code": "123456"})

        assert response.status == HTTPStatus.OK
        assert await response.json() == {"user": {"id": "42", "username": "twostep", "email": "twostep@example.com"}}
        jar = cookies_of(session)
        assert {"access_token", "refresh_token", "csrf_token", "device_token"} <= set(jar)
        assert jar["device_token"]["httponly"] and jar["device_token"]["path"] == "/api/v1/auth/"
        assert int(jar["device_token"]["max-age"]) == 31536000

        session.cookie_jar.clear(lambda cookie: cookie.key != "device_token")  # signed out; the browser is still known
        again = await session.post(SIGNIN, json={"username": "twostep", "password": "correct-horse"})

        assert again.status == HTTPStatus.OK
        assert "access_token" in cookies_of(session)


async def test_a_wrong_code_reaches_the_client_without_cookies(gateway):
    async with gateway.session() as session:
        response = await session.post(VERIFY, json={"challenge_id": "c" * 32, "code": "000000"})

        assert response.status == HTTPStatus.BAD_REQUEST
        assert (await response.json())["fields"] == {"code": ["Wrong code."]}
        assert not cookies_of(session)


async def test_codes_are_in_the_credentials_rate_bucket():
    from proxy.routes import CREDENTIAL_ROUTES  # where the canonical-path work keeps every route decision

    assert {VERIFY, "/api/v1/auth/phone/verify"} <= CREDENTIAL_ROUTES
