import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from config.asgi import application
from django.db import transaction

from notifications.services import notification_create
from shared.testing.tokens import gateway_token, user_token

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

PATH = "/ws/notifications/"


def new_user_id() -> str:
    return uuid.uuid4().hex[:12]  # unique per test: the Redis layer outlives a test


def socket(token: str | None = None, gateway: str | None = "notification") -> WebsocketCommunicator:
    headers = []
    if gateway:
        headers.append((b"x-gateway-token", gateway_token(gateway).encode()))
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return WebsocketCommunicator(application, PATH, headers=headers)


async def connected(user_id: str, **claims) -> WebsocketCommunicator:
    communicator = socket(user_token(user_id, **claims))
    accepted, _ = await communicator.connect()
    assert accepted
    assert await communicator.receive_json_from() == {"type": "ready", "user_id": user_id}
    return communicator


async def closed_with(communicator: WebsocketCommunicator) -> int:
    """The close code the consumer answers with; the application is always ended before the test is."""
    try:
        accepted, code = await communicator.connect()
        if not accepted:
            return code
        message = await communicator.receive_output()
        assert message["type"] == "websocket.close"
        return message["code"]
    finally:
        # Left running, the consumer's channel-layer receive was cancelled only by the event loop's
        # teardown, which once waited on it forever and hung the suite.
        await communicator.disconnect()


create = database_sync_to_async(notification_create)


async def test_a_socket_without_a_user_token_is_closed_4401():
    assert await closed_with(socket(token=None)) == 4401


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-jwt",
        user_token("5", lifetime=-60),
        user_token("5", token_type="refresh"),
        user_token("5", aud="other"),
    ],
    ids=["empty", "garbage", "expired", "refresh-token", "wrong-audience"],
)
async def test_a_socket_with_a_bad_user_token_is_closed_4401(token):
    assert await closed_with(socket(token=token)) == 4401


async def test_a_socket_not_from_the_gateway_is_refused():
    assert await closed_with(socket(user_token("5"), gateway=None)) == 4401
    assert await closed_with(socket(user_token("5"), gateway="chat")) == 4403


async def test_a_new_notification_reaches_its_owner_only():
    alice, bob = new_user_id(), new_user_id()
    alice_socket, bob_socket = await connected(alice), await connected(bob)

    notification = await create(user_id=alice, kind="order_received", title="New order from bob", link="/orders/o1")

    frame = await alice_socket.receive_json_from(timeout=5)
    assert frame["type"] == "notification"
    assert frame["notification"]["id"] == str(notification.id)
    assert frame["notification"]["title"] == "New order from bob"
    assert frame["notification"]["read"] is False
    assert await bob_socket.receive_nothing(timeout=0.3)
    await alice_socket.disconnect()
    await bob_socket.disconnect()


async def test_every_open_socket_of_the_owner_gets_the_push():
    carol = new_user_id()
    laptop, phone = await connected(carol), await connected(carol)

    await create(user_id=carol, kind="welcome", title="Welcome")

    assert (await laptop.receive_json_from(timeout=5))["notification"]["title"] == "Welcome"
    assert (await phone.receive_json_from(timeout=5))["notification"]["title"] == "Welcome"
    await laptop.disconnect()
    await phone.disconnect()


async def test_a_rolled_back_notification_is_never_pushed():
    dave = new_user_id()
    dave_socket = await connected(dave)

    @database_sync_to_async
    def create_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            notification_create(user_id=dave, kind="welcome", title="never stored")
            raise RuntimeError("the handler failed")

    await create_then_fail()

    assert await dave_socket.receive_nothing(timeout=0.3)
    await dave_socket.disconnect()


async def test_a_handled_event_is_pushed_to_the_receiver(deliver, envelope_of):
    from notifications.tests import events

    receiver = new_user_id()
    receiver_socket = await connected(receiver)

    await database_sync_to_async(deliver)(envelope_of(events.chat_message_sent(receiver_id=receiver)))

    frame = await receiver_socket.receive_json_from(timeout=5)
    assert frame["notification"]["kind"] == "chat_message"
    assert frame["notification"]["link"] == "/inbox/c1"
    await receiver_socket.disconnect()


async def test_a_closed_socket_no_longer_receives():
    erin = new_user_id()
    erin_socket = await connected(erin)
    await erin_socket.disconnect()
    other = await connected(erin)

    await create(user_id=erin, kind="welcome", title="after")

    assert (await other.receive_json_from(timeout=5))["notification"]["title"] == "after"
    await other.disconnect()


async def test_ping_is_answered_and_anything_else_is_an_error():
    frank_socket = await connected(new_user_id())

    await frank_socket.send_json_to({"type": "ping"})
    assert await frank_socket.receive_json_from() == {"type": "pong"}

    await frank_socket.send_to(text_data="{not json")
    assert (await frank_socket.receive_json_from())["code"] == "unsupported"

    await frank_socket.send_to(bytes_data=b"\x00\x01")
    assert (await frank_socket.receive_json_from())["code"] == "unsupported"

    await frank_socket.send_json_to({"type": "notification", "notification": {"title": "forged"}})
    assert (await frank_socket.receive_json_from())["code"] == "unsupported"
    await frank_socket.disconnect()


async def test_a_socket_whose_token_expired_is_closed_instead_of_pushed_to():
    # Inside the verifier's 5 s leeway: accepted at connect, already past its expiry.
    grace = new_user_id()
    grace_socket = await connected(grace, lifetime=-2)

    await create(user_id=grace, kind="welcome", title="too late")

    message = await grace_socket.receive_output(timeout=5)
    assert message == {"type": "websocket.close", "code": 4401}


async def test_the_push_is_the_rest_representation():
    from notifications.schemas import notification_as_json

    henry = new_user_id()
    henry_socket = await connected(henry)

    notification = await create(user_id=henry, kind="welcome", title="Hi", data={"a": 1})

    frame = await henry_socket.receive_json_from(timeout=5)
    expected = await database_sync_to_async(notification_as_json)(notification)
    assert frame["notification"] == json.loads(json.dumps(expected))
    await henry_socket.disconnect()


async def test_a_push_from_a_worker_thread_without_an_event_loop_arrives():
    # Celery's thread pool runs handlers in plain threads: the push opens its own loop there.
    import asyncio

    from django.db import connections

    iris = new_user_id()
    iris_socket = await connected(iris)

    def worker_thread():
        try:
            for title in ("first", "second"):
                notification_create(user_id=iris, kind="welcome", title=title)
        finally:
            connections.close_all()  # this thread's connection, so the test database can be flushed

    await asyncio.to_thread(worker_thread)

    titles = [(await iris_socket.receive_json_from(timeout=5))["notification"]["title"] for _ in range(2)]
    assert titles == ["first", "second"]
    await iris_socket.disconnect()
