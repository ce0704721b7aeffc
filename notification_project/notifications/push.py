"""Pushing a notification to its owner's open sockets through the Redis channel layer."""

from __future__ import annotations

import hashlib
import logging
import re

from shared import pushes

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


def _group_send(group: str, message: dict) -> None:
    # Waited for: a handler's push is part of its work, and its failure is logged with the notification.
    pushes.group_send([(group, message)]).result(PUSH_TIMEOUT)


def push_to_user(user_id: str, notification: dict) -> None:
    """Send one notification to the user's sockets; a lost push is logged, never raised.

    The notification is already committed, so a client that missed the push
    still finds it in its inbox (GET /api/v1/notifications).
    """
    try:
        _group_send(user_group(user_id), {"type": PUSH_MESSAGE_TYPE, "notification": notification})
    except Exception:
        logger.warning("could not push notification %s to user %s", notification.get("id"), user_id, exc_info=True)
