"""Pushing a notification to its owner's open sockets through the Redis channel layer."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import threading

from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

PUSH_MESSAGE_TYPE = "notification.push"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def user_group(user_id: str) -> str:
    """One group per user, so a push reaches that user's sockets and nobody else's.

    Channels allows only ASCII letters, digits, ``-_.`` in group names: any
    other id is hashed rather than cleaned, so two ids can never share a group.
    """
    user_id = str(user_id)
    if _SAFE_ID.match(user_id):
        return f"user.{user_id}"
    return "user.h" + hashlib.sha256(user_id.encode()).hexdigest()[:48]


PUSH_TIMEOUT = 5.0
_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def _push_loop() -> asyncio.AbstractEventLoop:
    """One event loop per process, on a thread of its own, for every push from sync code.

    Celery's thread pool runs handlers on threads without an event loop, where
    async_to_sync makes a new loop per call; the Redis channel layer keeps its
    connections per loop, so every push would connect to Redis anew.
    """
    global _loop
    with _loop_lock:
        if _loop is None or _loop.is_closed():
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="channel-layer-pushes", daemon=True).start()
        return _loop


def _group_send(group: str, message: dict) -> None:
    send = get_channel_layer().group_send(group, message)
    asyncio.run_coroutine_threadsafe(send, _push_loop()).result(PUSH_TIMEOUT)


def push_to_user(user_id: str, notification: dict) -> None:
    """Send one notification to the user's sockets; a lost push is logged, never raised.

    The notification is already committed, so a client that missed the push
    still finds it in its inbox (GET /api/v1/notifications).
    """
    try:
        _group_send(user_group(user_id), {"type": PUSH_MESSAGE_TYPE, "notification": notification})
    except Exception:
        logger.warning("could not push notification %s to user %s", notification.get("id"), user_id, exc_info=True)
