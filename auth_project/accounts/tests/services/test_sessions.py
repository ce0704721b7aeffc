import threading

import pytest
from django.db import connection

from accounts.models import SessionFamily
from accounts.services.sessions import session_refresh, session_start, sessions_revoke_all
from accounts.tests.factories import UserFactory
from shared.errors import NotAuthenticated


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_of_one_token_succeed_once():
    user = UserFactory(username="racer")
    raw = session_start(user=user).refresh
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def attempt():
        start.wait()
        try:
            session_refresh(raw=raw)
            outcomes.append("rotated")
        except NotAuthenticated as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # The row lock serialises them: the loser sees a spent token, which is reuse.
    assert sorted(outcomes) == ["rotated", "token_reused"]


@pytest.mark.django_db
def test_revoking_all_sessions_counts_only_live_ones():
    user = UserFactory()
    session_start(user=user)
    session_start(user=user)

    assert sessions_revoke_all(user=user, reason="test") == 2
    assert sessions_revoke_all(user=user, reason="test") == 0
    assert set(SessionFamily.objects.values_list("revoked_reason", flat=True)) == {"test"}
