"""Ending a session also ends its access tokens: the Redis list the gateway reads (ADR 0009)."""

import pytest
import redis
from django.conf import settings

from accounts.services.accounts import user_deactivate
from accounts.services.passwords import password_change
from accounts.services.sessions import ClientInfo, session_end, session_end_by_id, session_start, sessions_revoke_all
from accounts.tests.factories import PASSWORD, UserFactory
from shared import revocation
from shared.errors import NotFound
from shared.tokens import verify_user_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def check():
    return revocation.RevocationCheck(redis.Redis.from_url(settings.REVOCATION_REDIS_URL))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what services defer to after commit (the Redis write), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def revoked(check, access: str) -> bool:
    user = verify_user_token(access)
    return check.revoked(user_id=user.id, session_id=user.session_id, issued_at=user.issued_at)


def test_an_access_token_names_its_session(user):
    pair = session_start(user=user, client=ClientInfo.of(user_agent="Firefox", address="203.0.113.9"))

    session = user.session_families.get()
    assert verify_user_token(pair.access).session_id == session.id
    assert (session.user_agent, session.address) == ("Firefox", "203.0.113.9")


def test_signout_revokes_that_sessions_access_tokens_only(user, check, committed):
    ended, kept = session_start(user=user), session_start(user=user)

    with committed():
        session_end(raw=ended.refresh)

    assert revoked(check, ended.access)
    assert not revoked(check, kept.access)


def test_revoking_all_sessions_revokes_every_older_token_but_not_a_newer_one(user, check, committed):
    first, second = session_start(user=user), session_start(user=user)

    with committed():
        ended = sessions_revoke_all(user=user, reason="signout_all")
    after = session_start(user=user)

    assert ended == 2
    assert revoked(check, first.access) and revoked(check, second.access)
    assert not revoked(check, after.access)


def test_password_change_keeps_only_the_session_it_starts(user, check, committed):
    before = session_start(user=user)

    with committed():
        fresh = password_change(user=user, current_password=PASSWORD, new_password="Another-Horse-43")

    assert revoked(check, before.access)
    assert not revoked(check, fresh.access)


def test_deactivation_revokes_the_users_tokens(user, check, committed):
    pair = session_start(user=user)

    with committed():
        user_deactivate(user=user)

    assert revoked(check, pair.access)


def test_nothing_is_revoked_when_the_transaction_rolls_back(user, check, django_capture_on_commit_callbacks):
    pair = session_start(user=user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session_end(raw=pair.refresh)

    assert len(callbacks) == 1  # deferred to the commit, which never comes here
    assert not revoked(check, pair.access)


def test_a_session_is_ended_by_its_owner_only(user, check, committed):
    pair = session_start(user=user)
    session_id = verify_user_token(pair.access).session_id
    mallory = UserFactory(username="mallory")

    with pytest.raises(NotFound):
        session_end_by_id(user=mallory, session_id=session_id)
    with committed():
        session_end_by_id(user=user, session_id=session_id)

    assert revoked(check, pair.access)
    with pytest.raises(NotFound):  # already ended: nothing left to end
        session_end_by_id(user=user, session_id=session_id)


def test_entries_older_than_an_access_token_life_are_pruned(user, check):
    client = redis.Redis.from_url(settings.REVOCATION_REDIS_URL)
    client.zadd(revocation.KEY, {"s:stale-entry-for-the-prune-test": 1.0})

    revocation.write(client, user_id="1", session_ids=["fresh-entry"], retention=900)

    assert client.zscore(revocation.KEY, "s:stale-entry-for-the-prune-test") is None
    assert client.zscore(revocation.KEY, "s:fresh-entry") is not None
