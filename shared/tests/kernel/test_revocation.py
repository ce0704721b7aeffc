"""shared.revocation: what auth writes is what a reader (gateway copy or RevocationCheck) refuses."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import redis
from django.conf import settings

from shared import revocation


@pytest.fixture
def client():
    return redis.Redis.from_url(settings.REVOCATION_REDIS_URL)


def ids():
    return str(uuid.uuid4().int % 10**9), uuid.uuid4().hex


def test_a_session_entry_refuses_that_session_only():
    entries = {revocation.session_member("s1"): 1.0}

    assert revocation.is_revoked(entries, user_id="1", session_id="s1", issued_at=5)
    assert not revocation.is_revoked(entries, user_id="1", session_id="s2", issued_at=5)
    assert not revocation.is_revoked(entries, user_id="1", session_id="", issued_at=5)


def test_a_not_before_refuses_older_tokens_of_that_user_only():
    entries = {revocation.user_member("1"): 100.0}

    assert revocation.is_revoked(entries, user_id="1", session_id="", issued_at=99)
    assert not revocation.is_revoked(entries, user_id="1", session_id="", issued_at=100)
    assert not revocation.is_revoked(entries, user_id="2", session_id="", issued_at=1)


def test_the_write_is_stored_published_and_read_back_alike(client):
    user_id, sid = ids()
    pubsub = client.pubsub()
    pubsub.subscribe(revocation.CHANNEL)
    pubsub.get_message(timeout=2)  # the subscribe confirmation

    now = int(time.time())  # members older than the retention are pruned by the write itself
    revocation.write(client, user_id=user_id, session_ids=[sid], not_before=now, retention=900)
    published = pubsub.get_message(timeout=5)
    pubsub.close()

    copy: dict[str, float] = {}
    assert revocation.apply(copy, published["data"]) == user_id
    assert json.loads(published["data"]) == {"user_id": user_id, "sessions": [sid], "not_before": now}
    check = revocation.RevocationCheck(client)
    for reader in (lambda **kw: revocation.is_revoked(copy, **kw), check.revoked):
        assert reader(user_id=user_id, session_id=sid, issued_at=now + 5)
        assert reader(user_id=user_id, session_id="other", issued_at=now - 1)
        assert not reader(user_id=user_id, session_id="other", issued_at=now)


def test_a_later_not_before_never_moves_back():
    copy: dict[str, float] = {}
    revocation.apply(copy, json.dumps({"user_id": "1", "sessions": [], "not_before": 300}))
    revocation.apply(copy, json.dumps({"user_id": "1", "sessions": [], "not_before": 200}))

    assert copy[revocation.user_member("1")] == 300


@pytest.mark.parametrize(
    "message", [b"", b"not json", b"[]", b'{"sessions": ["x"]}', b'{"user_id": 1, "not_before": "x"}']
)
def test_an_unreadable_message_is_ignored(message):
    assert revocation.apply({}, message) is None
