"""Presence in Redis: several tabs, several processes, and a process that died without closing."""

import time

from chats.presence import _connections_key, _redis, presence_connect, presence_disconnect, presence_of


def test_a_user_is_online_until_the_last_socket_closes():
    assert presence_connect(user_id="2", connection="process-a.tab-1") is True
    assert presence_connect(user_id="2", connection="process-b.tab-2") is False

    assert presence_disconnect(user_id="2", connection="process-a.tab-1") is False
    assert presence_of(user_ids=["2"])["2"]["online"] is True
    assert presence_disconnect(user_id="2", connection="process-b.tab-2") is True
    status = presence_of(user_ids=["2"])["2"]
    assert status["online"] is False and status["last_seen_at"] is not None


def test_closing_a_socket_twice_announces_nothing_the_second_time():
    presence_connect(user_id="2", connection="tab-1")

    assert presence_disconnect(user_id="2", connection="tab-1") is True
    assert presence_disconnect(user_id="2", connection="tab-1") is False


def test_a_socket_of_a_killed_process_stops_counting_when_its_heartbeat_runs_out():
    presence_connect(user_id="2", connection="killed.tab-1")
    _redis().zadd(_connections_key("2"), {"killed.tab-1": time.time() - 1})

    assert presence_of(user_ids=["2"])["2"]["online"] is False
    assert presence_connect(user_id="2", connection="new.tab-1") is True  # back online: announced again


def test_someone_never_seen_is_offline_with_no_last_seen():
    assert presence_of(user_ids=["404"]) == {"404": {"online": False, "last_seen_at": None}}
    assert presence_of(user_ids=[]) == {}
