from __future__ import annotations

import json


def take_one(channel, queue: str):
    """The next message's envelope from ``queue``, or None."""
    message = channel.basic_get(queue, no_ack=True)
    return None if message is None else json.loads(message.body)[0][0]
