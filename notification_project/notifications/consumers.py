"""The notification socket: the gateway relays a signed-in client's socket here."""
from __future__ import annotations

import time

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.push import user_group
from shared.errors import ApiError
from shared.tokens import TokenError, TokenUser, verify_user_token
from shared.validation import parse_json

CLOSE_NOT_AUTHENTICATED = 4401


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
            await self.send_json({"type": "error", "code": "unsupported", "detail": "This socket only accepts {\"type\": \"ping\"}."})

    async def notification_push(self, message):
        if await self._closed_if_expired():
            return
        await self.send_json({"type": "notification", "notification": message["notification"]})

    async def _closed_if_expired(self) -> bool:
        """A socket outliving its access token stops receiving; the gateway reconnects with a fresh one."""
        if self.user and self.user.expires_at < time.time():
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return True
        return False
