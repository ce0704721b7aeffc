"""The notification socket: the gateway relays a signed-in client's socket here.

A client reconnecting with ``?last_id=<id of the last notification it saw>``
gets, after ``ready``, every notification of its own newer than that, oldest
first, then ``{"type": "notification.resync", "count", "more"}``, then live
pushes. The socket joins its group before reading what was missed and the
channel layer holds pushes until ``connect`` returns, so nothing falls between
the two; one both read and pushed in that moment is sent once.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.push import user_group
from notifications.schemas import notification_as_json
from notifications.selectors import notifications_missed
from shared.errors import ApiError
from shared.tokens import TokenError, TokenUser, verify_user_token
from shared.validation import parse_json

CLOSE_NOT_AUTHENTICATED = 4401
RESYNC_LIMIT = 500  # notifications one reconnect replays; past that the client pages GET /api/v1/notifications


def last_id_param(scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True).get("last_id")
    return values[-1] if values else None


@database_sync_to_async
def _missed_as_json(user_id: str, after_id: int) -> tuple[list[dict], bool]:
    rows, more = notifications_missed(user_id=user_id, after_id=after_id, limit=RESYNC_LIMIT)
    return [notification_as_json(row) for row in rows], more


def bearer_user(scope) -> TokenUser | None:
    """The user of the ``Authorization: Bearer`` header the gateway forwards, or None."""
    headers = dict(scope.get("headers", []))
    scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return verify_user_token(token.strip())
    except TokenError:
        return None


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """Joins ``user.<id>`` and relays that user's notifications; clients only listen (and may ping)."""

    group: str | None = None
    user: TokenUser | None = None
    replayed: frozenset[str] = frozenset()

    async def connect(self):
        self.user = bearer_user(self.scope)
        # Accept, then close: a close before the handshake reaches the client as a bare HTTP 403,
        # while 4401 after it tells the gateway to refresh the token and reconnect.
        await self.accept()
        if self.user is None:
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        self.group = user_group(self.user.id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_json({"type": "ready", "user_id": self.user.id})
        last_id = last_id_param(self.scope)
        if last_id is not None:
            await self._resync(last_id)

    async def _resync(self, last_id: str) -> None:
        """Replay what the user missed; a bad id is an error frame naming it, the socket stays open."""
        if not last_id.isdigit() or len(last_id) > 18:
            await self.send_json(
                {
                    "type": "error",
                    "code": "invalid_last_id",
                    "detail": "Some fields are not valid.",
                    "fields": {"last_id": ["Not a notification id."]},
                }
            )
            return
        missed, more = await _missed_as_json(self.user.id, int(last_id))
        for notification in missed:
            await self.send_json({"type": "notification", "notification": notification})
        self.replayed = frozenset(n["id"] for n in missed)
        await self.send_json({"type": "notification.resync", "count": len(missed), "more": more})

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Binary frames and broken JSON get an error frame, not a crashed consumer.
        try:
            content = parse_json(text_data) if text_data else None
        except ApiError:
            content = None
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        if await self._closed_if_expired():
            return
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_json(
                {"type": "error", "code": "unsupported", "detail": 'This socket only accepts {"type": "ping"}.'}
            )

    async def notification_push(self, message):
        if await self._closed_if_expired():
            return
        if message["notification"]["id"] not in self.replayed:
            await self.send_json({"type": "notification", "notification": message["notification"]})

    async def _closed_if_expired(self) -> bool:
        """A socket outliving its access token stops receiving; the gateway reconnects with a fresh one."""
        if self.user and self.user.expires_at < time.time():
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return True
        return False
