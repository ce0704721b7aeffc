"""Run a write in one MongoDB transaction, retrying when a concurrent one conflicted.

Gig writes share the search sequence counter (see search/mongo.py), so two
writes at once conflict and one must run again; shared.mongo.atomic does not
retry. Inside an outer transaction (an event handler) the outer owner retries.
"""
from __future__ import annotations

import random
import time

from pymongo.errors import OperationFailure, PyMongoError

from shared import mongo

WRITE_CONFLICT = 112
ATTEMPTS = 6


def _transient(exc: PyMongoError) -> bool:
    return exc.has_error_label("TransientTransactionError") or getattr(exc, "code", None) == WRITE_CONFLICT


def atomically(write):
    """``write()`` inside a transaction; its events publish once it commits."""
    if mongo.current_session() is not None:
        return write()
    attempt = 1
    while True:
        try:
            with mongo.atomic():
                return write()
        except OperationFailure as exc:
            if attempt >= ATTEMPTS or not _transient(exc):
                raise
        time.sleep(random.uniform(0.005, 0.02) * attempt)
        attempt += 1
