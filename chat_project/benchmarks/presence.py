"""What presence adds per socket and per conversation list, against bare Redis round trips, in one run.

    cd chat_project && ../.venv/bin/python -m benchmarks.presence

Uses Redis db 1 under its own key prefix and removes its keys afterwards.
"""

from __future__ import annotations

import os
import time


def _per_call(function, rounds: int) -> float:
    started = time.perf_counter()
    for number in range(rounds):
        function(number)
    return (time.perf_counter() - started) / rounds * 1e6


def main(rounds: int = 2000) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["CHAT_PRESENCE_PREFIX"] = "chat-bench:presence"
    import django

    django.setup()
    from chats import presence
    from django.conf import settings

    settings.CHAT_PRESENCE_PREFIX = "chat-bench:presence"
    client = presence._redis()
    partners = [str(n) for n in range(20)]
    for user_id in partners:
        presence.presence_connect(user_id=user_id, connection=f"bench-{user_id}")
    ping = _per_call(lambda n: client.ping(), rounds)
    connect_close = _per_call(
        lambda n: (
            presence.presence_connect(user_id="bench", connection=f"c{n}"),
            presence.presence_disconnect(user_id="bench", connection=f"c{n}"),
        ),
        rounds,
    )
    listing = _per_call(lambda n: presence.presence_of(user_ids=partners), rounds)
    for key in client.scan_iter("chat-bench:presence:*"):
        client.delete(key)
    print(f"bare Redis PING:                         {ping:8.1f} us")
    print(f"socket connect + close (2 MULTI/EXEC):   {connect_close:8.1f} us  ({connect_close / ping:.1f}x a PING)")
    print(f"presence of a 20-conversation page:      {listing:8.1f} us  ({listing / ping:.1f}x a PING)")


if __name__ == "__main__":
    main()
