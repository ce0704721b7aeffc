"""Static files through the async-capable WhiteNoise (shared.staticfiles), as uvicorn serves chat: async."""

import pytest

from shared.testing.tokens import gateway_token


@pytest.mark.asyncio
async def test_a_static_file_is_served_and_an_api_request_passes_on(async_client, settings):
    signed = {"headers": {"X-Gateway-Token": gateway_token("chat")}}
    found = await async_client.get(f"{settings.STATIC_URL}admin/css/base.css", **signed)
    passed_on = await async_client.get("/api/v1/chat/conversations", **signed)  # no user: the API answers 401

    assert found.status_code == 200, found.content
    assert found["Content-Type"].startswith("text/css")
    assert passed_on.status_code == 401
    assert passed_on.json()["code"] != "gateway_token_missing"
