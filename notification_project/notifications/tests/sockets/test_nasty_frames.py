"""Issue 10: the shared hostile bodies as socket frames: an error frame each, and the socket stays usable."""

import pytest

from notifications.tests.sockets.test_notification_socket import connected, new_user_id
from shared.testing.nasty import nasty_bodies

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def test_every_nasty_frame_gets_an_error_frame_and_the_socket_survives():
    communicator = await connected(new_user_id())
    try:
        for case in nasty_bodies({"type": "ping", "note": "x"}, field="note"):
            try:
                text = case.body.decode("utf-8")
            except UnicodeDecodeError:
                continue  # a text frame is UTF-8 by definition: the socket layer refuses these bytes itself
            await communicator.send_to(text_data=text)
            frame = await communicator.receive_json_from(timeout=5)
            assert frame["type"] in ("error", "pong"), (case.name, frame)
            if case.field is not None and case.name.startswith(("NUL", "bell", "lone", "huge", "infinite")):
                assert frame["type"] == "error", case.name

        await communicator.send_json_to({"type": "ping"})
        assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    finally:
        await communicator.disconnect()
