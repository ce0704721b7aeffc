"""Run a write in one MongoDB transaction, again when a concurrent one got in the way.

Two messages at once in one conversation both move its counters (a write
conflict), and two first messages between the same pair both try to create
its conversation (a duplicate pair key): the loser runs again and finds the
winner's writes. ``shared.mongo.atomic`` itself does not retry. Inside an
outer transaction (an event handler) the outer owner decides.
"""
from __future__ import annotations

import random
import time

from pymongo.errors import DuplicateKeyError, OperationFailure

from shared import mongo

WRITE_CONFLICT = 112
ATTEMPTS = 6


def _worth_retrying(exc: OperationFailure) -> bool:
    return (
        isinstance(exc, DuplicateKeyError)
        or exc.has_error_label("TransientTransactionError")
        or getattr(exc, "code", None) == WRITE_CONFLICT
    )


def atomically(write, **options):
    """``write()`` inside a transaction; what it registers with on_commit runs once that commits.

    ``options`` go to ``shared.mongo.atomic`` (``read_concern``)."""
    if mongo.current_session() is not None:
        return write()
    for attempt in range(ATTEMPTS):
        try:
            with mongo.atomic(**options):
                return write()
        except OperationFailure as exc:
            if attempt == ATTEMPTS - 1 or not _worth_retrying(exc):
                raise
            time.sleep(random.uniform(0.002, 0.01) * (attempt + 1))
    raise AssertionError("unreachable")
