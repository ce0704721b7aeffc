from __future__ import annotations

import json
from contextlib import contextmanager

from shared.events.contracts import OrderCompleted


def take_one(channel, queue: str):
    """The next message's envelope from ``queue``, or None."""
    message = channel.basic_get(queue, no_ack=True)
    return None if message is None else json.loads(message.body)[0][0]


_COMPLETED = {
    "gig_id": "g",
    "seller_id": "s",
    "buyer_id": "7",
    "seller_user_id": "8",
    "seller_earnings": "10.00",
    "delivered_at": "2026-11-25T10:00:00+00:00",
}


def completed(order_id: str = "o-1", **facts) -> OrderCompleted:
    """The kernel tests' event: an order completed (review, the kernel's consuming service, takes it)."""
    return OrderCompleted(**{**_COMPLETED, "order_id": order_id, **facts})


@contextmanager
def review_worker(celery_app, *, shutdown_timeout: float = 10, loglevel: str = "WARNING"):
    """A solo Celery worker on ``review.events`` for the block (the solo loop sees the stop on its next
    wake-up, up to about 10 s later)."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        celery_app,
        pool="solo",
        perform_ping_check=False,
        loglevel=loglevel,
        queues=["review.events"],
        shutdown_timeout=shutdown_timeout,
    ) as worker:
        yield worker
