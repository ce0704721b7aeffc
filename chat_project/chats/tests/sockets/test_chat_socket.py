"""The /ws/chat/ socket against the real Redis channel layer and the real MongoDB."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async

from chats import services
from chats.consumers import ChatConsumer
from chats.documents import Message
from chats.tests.factories import offer_data, send
from chats.tests.sockets.conftest import frame, socket_for
from shared.testing.tokens import user_token

pytestmark = pytest.mark.asyncio


async def closed_with(socket, code: int, timeout: float = 2) -> bool:
    output = await socket.receive_output(timeout=timeout)
    return output == {"type": "websocket.close", "code": code} or (
        output["type"] == "websocket.close" and output.get("code") == code
    )


async def test_a_socket_without_a_bearer_token_is_closed_4401():
    socket = socket_for()

    connected, _ = await socket.connect()

    assert connected  # accepted only to carry the close code through the gateway
    assert await closed_with(socket, 4401)


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        user_token("1", "alice", lifetime=-60),
        user_token("1", "alice", token_type="refresh"),
        user_token("1", "alice", aud="someone-else"),
    ],
)
async def test_a_socket_with_a_bad_or_expired_token_is_closed_4401(token):
    socket = socket_for(token=token)

    await socket.connect()

    assert await closed_with(socket, 4401)


async def test_a_socket_without_the_gateway_token_is_refused():
    socket = socket_for("1", "alice", gateway=False)

    await socket.connect()

    assert await closed_with(socket, 4401)


async def test_a_socket_message_reaches_both_participants_and_nobody_else(sockets):
    await sockets["alice"].send_json_to({"type": "chat.message", "receiver_username": "bob", "body": "  Hi Bob  "})

    to_bob, to_alice = await frame(sockets["bob"]), await frame(sockets["alice"])
    assert to_bob == to_alice
    assert to_bob["type"] == "chat.message"
    message = to_bob["message"]
    assert (message["body"], message["sender_id"], message["receiver_id"]) == ("Hi Bob", "1", "2")
    assert await sockets["carol"].receive_nothing(timeout=0.3)
    assert await sync_to_async(Message.objects.count)() == 1


async def test_a_rest_message_is_pushed_to_both_participants_with_exact_money(sockets, alice, bob, published_events):
    saved = await sync_to_async(send)(bob, "alice", "Offer inside", offer=offer_data(price="99.90"))

    for name in ("alice", "bob"):
        raw = await sockets[name].receive_from(timeout=2)
        assert '"price": 99.90' in raw
        assert str(saved.pk) in raw
    assert await sockets["carol"].receive_nothing(timeout=0.3)


async def test_a_message_by_conversation_id_over_the_socket(sockets, alice, bob, published_events):
    conversation_id = str((await sync_to_async(send)(alice, "bob", "Hi")).conversation_id)
    await frame(sockets["alice"]), await frame(sockets["bob"])

    await sockets["bob"].send_json_to(
        {"type": "chat.message", "conversation_id": conversation_id, "body": "Hello back"}
    )

    assert (await frame(sockets["alice"]))["message"]["body"] == "Hello back"
    # The push goes out before the event is published; a socket handles its frames in turn, so the
    # answer to a next frame means the send (and its publish) has finished.
    assert (await frame(sockets["bob"]))["message"]["body"] == "Hello back"
    await sockets["bob"].send_json_to({"type": "chat.dance"})
    assert (await frame(sockets["bob"]))["code"] == "unknown_type"
    assert [e["name"] for e in published_events] == ["chat.message.sent", "chat.message.sent"]


async def test_typing_is_relayed_to_the_other_participant_only(sockets, alice, bob, published_events):
    conversation_id = str((await sync_to_async(send)(alice, "bob", "Hi")).conversation_id)
    await frame(sockets["alice"]), await frame(sockets["bob"])

    await sockets["alice"].send_json_to({"type": "chat.typing", "conversation_id": conversation_id})

    assert await frame(sockets["bob"]) == {
        "type": "chat.typing",
        "conversation_id": conversation_id,
        "user_id": "1",
        "username": "alice",
        "is_typing": True,
    }
    assert await sockets["alice"].receive_nothing(timeout=0.3)
    assert await sockets["carol"].receive_nothing(timeout=0.1)


async def test_typing_in_someone_elses_conversation_is_an_error(sockets, alice, bob, published_events):
    conversation_id = str((await sync_to_async(send)(alice, "bob", "Hi")).conversation_id)
    await frame(sockets["alice"]), await frame(sockets["bob"])

    await sockets["carol"].send_json_to({"type": "chat.typing", "conversation_id": conversation_id})

    error = await frame(sockets["carol"])
    assert (error["type"], error["code"]) == ("error", "not_a_participant")
    assert await sockets["alice"].receive_nothing(timeout=0.2)
    assert await sockets["bob"].receive_nothing(timeout=0.1)


@pytest.mark.parametrize(
    ("sent", "code", "field"),
    [
        ({"type": "chat.message", "receiver_username": "bob", "body": " "}, "invalid", "body"),
        ({"type": "chat.message", "receiver_username": "bob", "body": "x" * 5001}, "invalid", "body"),
        (
            {"type": "chat.message", "receiver_username": "bob", "body": "Hi", "offer": offer_data(price=1)},
            "invalid",
            "offer.price",
        ),
        ({"type": "chat.message", "body": "Hi"}, "receiver_required", "receiver_username"),
        (
            {"type": "chat.message", "receiver_username": "alice", "body": "Hi"},
            "cannot_message_yourself",
            "receiver_username",
        ),
        ({"type": "chat.message", "receiver_username": "nobody", "body": "Hi"}, "receiver_not_found", None),
        (
            {"type": "chat.message", "conversation_id": "0123456789abcdef01234567", "body": "Hi"},
            "conversation_not_found",
            None,
        ),
        ({"type": "chat.typing"}, "invalid", "conversation_id"),
        ({"type": "chat.dance"}, "unknown_type", "type"),
        ({"body": "no type"}, "unknown_type", "type"),
    ],
)
async def test_bad_frames_are_answered_with_an_error_frame(sockets, sent, code, field):
    await sockets["alice"].send_json_to(sent)

    error = await frame(sockets["alice"])
    assert (error["type"], error["code"]) == ("error", code)
    assert error["detail"]
    if field:
        assert field in error["fields"], error
    assert await sockets["bob"].receive_nothing(timeout=0.2)
    assert await sync_to_async(Message.objects.count)() == 0


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"type": "chat.message", "receiver_username": "bob", "body": "Hi\u0000there"}, "body"),
        ({"type": "chat.message", "receiver_username": "b\u0000ob", "body": "Hi"}, "receiver_username"),
        (
            {
                "type": "chat.message",
                "receiver_username": "bob",
                "body": "Hi",
                "offer": offer_data(description="a\u001bb"),
            },
            "offer.description",
        ),
        ({"type": "chat.message", "receiver_username": "bob", "body": "Hi\u007f"}, "body"),
    ],
)
async def test_a_control_character_in_a_socket_message_is_refused_naming_the_field_and_never_an_event(
    sockets, sent, field, published_events
):
    await sockets["alice"].send_json_to(sent)  # json.dumps writes the NUL as \u0000, as the gateway's Socket.IO does

    error = await frame(sockets["alice"])
    assert (error["type"], error["code"]) == ("error", "invalid")
    assert field in error["fields"], error
    assert await sockets["bob"].receive_nothing(timeout=0.2)
    assert await sync_to_async(Message.objects.count)() == 0
    assert published_events == []


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", "42"])
async def test_a_frame_that_is_not_a_json_object_is_an_error(sockets, raw):
    await sockets["alice"].send_to(text_data=raw)

    assert (await frame(sockets["alice"]))["code"] == "invalid_frame"


async def test_the_socket_closes_when_the_token_expires(alice):
    socket = socket_for("1", "alice", lifetime=1)
    connected, _ = await socket.connect()
    assert connected

    assert await closed_with(socket, 4401, timeout=3)


async def test_a_frame_after_the_token_expired_closes_the_socket(alice, monkeypatch):
    # Without the scheduled close, the check on each frame alone must catch the expiry.
    monkeypatch.setattr(ChatConsumer, "_schedule_expiry", lambda self: None)
    socket = socket_for("1", "alice", lifetime=1)
    await socket.connect()
    await asyncio.sleep(1.1)
    assert await socket.receive_nothing(timeout=0.1)

    await socket.send_json_to({"type": "chat.message", "receiver_username": "bob", "body": "Too late"})

    assert await closed_with(socket, 4401)


async def test_deciding_an_offer_updates_both_sockets(sockets, alice, bob, published_events):
    offer = await sync_to_async(send)(bob, "alice", "Offer", offer=offer_data())
    await frame(sockets["alice"]), await frame(sockets["bob"])

    await sync_to_async(services.offer_accept)(user=alice, message_id=str(offer.pk))

    for name in ("alice", "bob"):
        update = await frame(sockets[name])
        assert (update["type"], update["message"]["offer"]["status"]) == ("chat.offer", "accepted")
    assert await sockets["carol"].receive_nothing(timeout=0.2)


async def test_reading_tells_the_sender(sockets, alice, bob, published_events):
    message = await sync_to_async(send)(alice, "bob", "Hi")
    await frame(sockets["alice"]), await frame(sockets["bob"])

    await sync_to_async(services.conversation_mark_read)(user=bob, conversation_id=str(message.conversation_id))

    receipt = await frame(sockets["alice"])
    assert (receipt["type"], receipt["conversation_id"], receipt["reader_id"]) == (
        "chat.read",
        str(message.conversation_id),
        "2",
    )
    assert await sockets["bob"].receive_nothing(timeout=0.2)


async def test_an_idle_socket_outlives_the_layers_blocking_read(sockets, alice, published_events):
    # channels_redis blocks 5 s per read; a client read timeout as short as that killed idle consumers.
    await asyncio.sleep(6)

    await sync_to_async(send)(alice, "bob", "Still there?")

    assert (await frame(sockets["bob"]))["message"]["body"] == "Still there?"


async def test_partners_see_a_user_come_online_and_go_offline_after_the_last_tab(alice, bob, carol, published_events):
    await sync_to_async(send)(alice, "bob", "Hi")
    watcher, stranger = socket_for(alice.id, alice.username), socket_for(carol.id, carol.username)
    await watcher.connect(), await stranger.connect()

    first_tab, second_tab = socket_for(bob.id, bob.username), socket_for(bob.id, bob.username)
    await first_tab.connect()
    assert await frame(watcher, timeout=5) == {"type": "presence", "username": "bob", "online": True}
    await second_tab.connect()
    await first_tab.disconnect(timeout=0.2)
    assert await watcher.receive_nothing(timeout=0.3)
    await second_tab.disconnect(timeout=0.2)

    assert await frame(watcher, timeout=5) == {"type": "presence", "username": "bob", "online": False}
    assert await stranger.receive_nothing(timeout=0.2)
    for socket in (watcher, stranger):
        await socket.disconnect(timeout=0.2)
