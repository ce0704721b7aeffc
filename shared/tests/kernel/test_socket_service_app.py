"""shared.asgi (REST on a thread pool beside the sockets) and shared.pushes (channel-layer sends from sync code)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid

import pytest
from channels.layers import get_channel_layer
from django.test import override_settings
from django.urls import path

from shared import asgi, pushes
from shared.django_settings import TEST_REDIS_URL
from shared.testing.asgi import http_scope
from shared.testing.tokens import gateway_token

pytestmark = pytest.mark.django_db(transaction=True)

LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [TEST_REDIS_URL], "prefix": f"kernel-{uuid.uuid4().hex[:8]}"},
    }
}


async def _get(application, path_: str) -> tuple[int, bytes]:
    headers = [(b"host", b"testserver"), (b"x-gateway-token", gateway_token("review").encode())]
    scope = http_scope("GET", path_, headers, server=("testserver", 80))
    messages = [{"type": "http.request", "body": b"", "more_body": False}]
    sent: list[dict] = []

    async def receive():
        if messages:
            return messages.pop()
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    await application(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_rest_answers_through_the_thread_pool():
    application = asgi.socket_service_application("tests.kernel.routing", threads=2)
    status, body = asyncio.run(_get(application, "/health"))
    assert status == 200, body
    assert json.loads(body) == {"status": "ok", "service": "review"}


def test_two_slow_requests_run_side_by_side():
    """Under Django's ASGI handler each sync middleware hopped threads; here each request holds one pool thread."""
    seen: list[str] = []
    release = threading.Barrier(2, timeout=5)

    def slow(request):
        from django.http import JsonResponse

        seen.append(threading.current_thread().name)
        release.wait()  # both requests must be inside the view at once to pass the barrier
        return JsonResponse({"ok": True})

    import tests.kernel.urls as urls

    with override_settings(ROOT_URLCONF=type("U", (), {"urlpatterns": [path("slow", slow), *urls.urlpatterns]})):
        application = asgi.socket_service_application("tests.kernel.routing", threads=2)

        async def both():
            return await asyncio.gather(_get(application, "/slow"), _get(application, "/slow"))

        answers = asyncio.run(both())
    assert [status for status, _ in answers] == [200, 200]
    assert len(set(seen)) == 2 and all(name.startswith("WSGI") for name in seen)


def test_web_threads_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_THREADS", "12")
    assert asgi.web_threads() == 12
    monkeypatch.setenv("WEB_THREADS", "none")
    assert asgi.web_threads() == asgi.DEFAULT_THREADS


@override_settings(CHANNEL_LAYERS=LAYERS)
def test_pushes_from_sync_code_arrive_in_the_order_they_were_sent():
    layer = get_channel_layer()
    loop = pushes._target_loop()

    def on_loop(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(5)

    channel = on_loop(layer.new_channel())
    on_loop(layer.group_add("kernel.pushes", channel))
    futures = [pushes.group_send([("kernel.pushes", {"type": "probe", "n": n})]) for n in range(30)]
    for future in futures:
        future.result(5)
    received = [on_loop(layer.receive(channel))["n"] for _ in range(30)]
    assert received == list(range(30))


def test_pushes_go_to_the_servers_loop_once_it_is_named():
    application = asgi.socket_service_application("tests.kernel.routing", threads=1)

    async def serve_then_ask():
        await _get(application, "/health")
        here = asyncio.get_running_loop()
        chosen = await asyncio.to_thread(pushes._target_loop)  # asked from a worker thread, as a view would
        return chosen is here

    try:
        assert asyncio.run(serve_then_ask())
        assert pushes._target_loop() is not None  # the server's loop is gone: its own loop serves again
    finally:
        pushes.serve_on(None)


def test_sync_code_on_the_loop_itself_is_told_to_await_instead():
    async def on_the_loop():
        pushes.serve_on(asyncio.get_running_loop())
        try:
            with pytest.raises(RuntimeError, match="await the channel layer"):
                pushes.group_send([("kernel.pushes", {"type": "probe"})])
        finally:
            pushes.serve_on(None)

    asyncio.run(on_the_loop())


@override_settings(
    CHANNEL_LAYERS={
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
)
def test_a_failed_push_not_waited_for_is_logged(caplog):
    future = pushes.group_send([("kernel.pushes", {"type": "probe"})])
    pushes.log_failure(future, "probe to nobody")
    deadline = time.monotonic() + 10
    while not future.done() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.05)
    assert future.exception() is not None
    assert "could not push probe to nobody" in caplog.text
