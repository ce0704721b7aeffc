"""The live chat socket at ``/ws/chat/``.

The gateway connects with its own token (checked by the ASGI guard) and the
user's access token as ``Authorization: Bearer``. Each socket joins its user's
group only, so a frame reaches the people it concerns and nobody else.

A client reconnecting with ``?last_id=<id of the last message it saw>`` first
gets every message of its conversations newer than that, oldest first, then
``{"type": "chat.resync", "count", "more"}``, then live frames. The socket joins
its group before it reads what was missed, and the channel layer holds live
frames until ``connect`` returns, so nothing falls between the two; a message
both read and pushed in that moment is sent once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import ValidationError

from chats import presenters, realtime, selectors, services
from chats.presence import SocketPresence
from chats.schemas import SocketMessageIn, SocketTypingIn
from shared.errors import ApiError
from shared.tokens import TokenError, verify_user_token
from shared.validation import parse_json

logger = logging.getLogger(__name__)

CLOSE_NOT_AUTHENTICATED = 4401
RESYNC_LIMIT = 500  # messages one reconnect replays; past that the client pages with REST ``after``


def _bearer_token(scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" and token.strip() else None
    return None


def _query_param(scope, name: str) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True).get(name)
    return values[-1] if values else None


def _fields_of(error: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for problem in error.errors():
        name = ".".join(str(part) for part in problem.get("loc", ())) or "__all__"
        fields.setdefault(name, []).append(problem.get("msg", "Invalid value."))
    return fields


def _in_thread(function):
    # Mongo work runs off the event loop; it needs none of Django's thread-bound SQL connections.
    return sync_to_async(function, thread_sensitive=False)


class ChatConsumer(AsyncJsonWebsocketConsumer):
    user = None
    _expiry: asyncio.TimerHandle | None = None
    _presence: SocketPresence | None = None
    _replayed: frozenset[str] = frozenset()

    async def connect(self):
        try:
            self.user = verify_user_token(_bearer_token(self.scope) or "")
        except TokenError as exc:
            # Accept first: a close before accepting reaches the client as a bare HTTP 403 without our code.
            await self.accept()
            await self.close(code=CLOSE_NOT_AUTHENTICATED, reason=exc.code)
            return
        self._partners: dict[str, str] = {}
        group = realtime.user_group(self.user.id)
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups.append(group)  # left again in websocket_disconnect
        # Counted online before the client hears it is connected: a second tab opened as the first
        # closes must not let that close announce the user offline.
        self._presence = SocketPresence(user=self.user, connection=self.channel_name)
        await self._presence.start()
        await self.accept()
        self._schedule_expiry()
        await _in_thread(services.user_remember)(user_id=self.user.id, username=self.user.username)
        last_id = _query_param(self.scope, "last_id")
        if last_id is not None:
            await self._resync(last_id)

    async def _resync(self, last_id: str) -> None:
        """Replay the messages newer than ``last_id``; a bad id is an error frame, the socket stays open."""
        try:
            after = selectors.message_id_parse(last_id)
        except ApiError as exc:
            await self._error(exc.detail, exc.code, exc.fields)
            return
        missed = await _in_thread(selectors.messages_missed)(user_id=self.user.id, after=after, limit=RESYNC_LIMIT)
        for message in missed.items:
            await self.send(
                text_data=realtime.encode({"type": "chat.message", "message": presenters.message_data(message)})
            )
        self._replayed = frozenset(str(message.pk) for message in missed.items)
        await self.send_json({"type": "chat.resync", "count": len(missed.items), "more": missed.more})

    def _schedule_expiry(self) -> None:
        """Close the socket when the access token expires, even if the client stays silent."""
        self._expiry = asyncio.get_running_loop().call_later(
            max(0.0, self.user.expires_at - time.time()), lambda: asyncio.ensure_future(self._expire())
        )

    async def disconnect(self, code):
        if self._expiry is not None:
            self._expiry.cancel()
        if self._presence is not None:
            await self._presence.stop()
            self._presence = None

    async def _expire(self):
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        await self.close(code=CLOSE_NOT_AUTHENTICATED, reason="token_expired")

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.user is None:
            return
        if time.time() >= self.user.expires_at:
            await self._expire()
            return
        try:
            content = parse_json(text_data) if text_data is not None else None  # depth, NUL, numbers
        except ApiError as exc:
            if exc.code != "malformed_json":  # too deep, NUL, huge numbers: say which field
                await self._error(exc.detail, exc.code, exc.fields)
                return
            content = None
        if not isinstance(content, dict):
            await self._error("Send one JSON object per frame.", "invalid_frame")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        handler = {"chat.message": self._send_message, "chat.typing": self._typing}.get(content.get("type"))
        if handler is None:
            await self._error("Unknown frame type.", "unknown_type", {"type": ["Use chat.message or chat.typing."]})
            return
        try:
            await handler(content)
        except ValidationError as exc:
            await self._error("Some fields are not valid.", "invalid", _fields_of(exc))
        except ApiError as exc:
            await self._error(exc.detail, exc.code, exc.fields)

    async def _send_message(self, content):
        data = SocketMessageIn.model_validate(content).model_dump(exclude={"type"})
        # The saved message comes back to this socket through the user's group, like to every other socket.
        await _in_thread(services.message_send)(sender=self.user, **data)

    async def _typing(self, content):
        data = SocketTypingIn.model_validate(content)
        other = await self._partner(data.conversation_id)
        frame = {
            "type": "chat.typing",
            "conversation_id": data.conversation_id,
            "user_id": self.user.id,
            "username": self.user.username,
            "is_typing": data.is_typing,
        }
        await realtime.push_async(user_ids=[other], kind="chat.typing", frame=frame)

    async def _partner(self, conversation_id: str) -> str:
        """The other participant, checked once per conversation (typing frames come often)."""
        if conversation_id not in self._partners:
            conversation = await _in_thread(selectors.conversation_get_for_participant)(
                conversation_id=conversation_id, user_id=self.user.id
            )
            self._partners[conversation_id] = conversation.other_participant(self.user.id).user_id
        return self._partners[conversation_id]

    async def _error(self, detail: str, code: str, fields: dict | None = None):
        frame = {"type": "error", "detail": detail, "code": code}
        if fields:
            frame["fields"] = fields
        await self.send_json(frame)

    # Frames from the channel layer arrive encoded already (chats.realtime): forward them as they are.
    async def chat_message(self, event):
        if event.get("message_id") not in self._replayed:
            await self.send(text_data=event["text"])

    async def chat_typing(self, event):
        await self.send(text_data=event["text"])

    async def chat_read(self, event):
        await self.send(text_data=event["text"])

    async def chat_offer(self, event):
        await self.send(text_data=event["text"])

    async def chat_presence(self, event):
        await self.send(text_data=event["text"])
