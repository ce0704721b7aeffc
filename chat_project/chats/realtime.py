"""Pushing frames to the sockets of given users through the Channels layer.

Each user's sockets share the group ``chat.user.<user_id>``; a frame goes to
the groups of the people it concerns and nowhere else. The frame is encoded
to JSON once, here, and the consumers forward the text unchanged, which keeps
the delivery path short and the money exact.
"""

from __future__ import annotations

import logging
import re

import simplejson
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder

from shared import pushes

logger = logging.getLogger(__name__)

_django_default = DjangoJSONEncoder().default
_UNSAFE_GROUP_CHARS = re.compile(r"[^A-Za-z0-9_.-]")


def user_group(user_id: str) -> str:
    return "chat.user." + _UNSAFE_GROUP_CHARS.sub("_", str(user_id))[:80]


def encode(frame: dict) -> str:
    """JSON with money as exact numbers and times as the REST API writes them."""
    return simplejson.dumps(frame, use_decimal=True, default=_django_default)


async def push_async(*, user_ids, kind: str, frame: dict) -> None:
    """``kind`` is the layer event type (``chat.message`` is handled by ``chat_message``)."""
    layer = get_channel_layer()
    event = _layer_event(kind, frame)
    for user_id in dict.fromkeys(user_ids):
        await layer.group_send(user_group(user_id), event)


def _layer_event(kind: str, frame: dict) -> dict:
    event = {"type": kind, "text": encode(frame)}
    if "message" in frame:  # lets a socket that just replayed this message skip the live copy
        event["message_id"] = frame["message"]["id"]
    return event


def push(*, user_ids, kind: str, frame: dict) -> None:
    """Called after the data committed, from sync code: handed to the push loop, not waited for.

    A layer outage must not fail a saved write (clients re-read, and a socket that reconnects resyncs);
    a failure is logged. Pushes from one process keep their order (shared.pushes).
    """
    event = _layer_event(kind, frame)
    try:
        future = pushes.group_send([(user_group(user_id), event) for user_id in dict.fromkeys(user_ids)])
    except Exception:
        logger.exception("could not push %s to users %s", kind, list(user_ids))
        return
    pushes.log_failure(future, f"{kind} to users {list(user_ids)}")
