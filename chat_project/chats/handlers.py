"""Event consumers: the directory of users that messages are addressed to by username."""

from __future__ import annotations

from chats.services import user_record
from shared.events import consumes
from shared.events.contracts import UserCreated


@consumes(UserCreated)
def record_new_user(event: UserCreated, meta) -> None:
    user_record(user_id=event.user_id, username=event.username)
