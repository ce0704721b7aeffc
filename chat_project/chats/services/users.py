"""The local directory of users, so a message can name its receiver by username.

Chat may not call auth: it learns users from ``auth.user.created`` and from
the access tokens of the people who use it.
"""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from chats import shared_memory
from chats.documents import ChatUser, now
from shared import mongo

# user id -> username already recorded by this process: a signed-in user's
# every request would otherwise rewrite the same directory entry.
_recorded: dict[str, str] = {}
_RECORDED_LIMIT = 50_000


def user_record(*, user_id: str, username: str) -> None:
    """Insert or refresh one user (idempotent; safe to replay)."""
    key = username.strip().lower()

    @mongo.atomic(retry_on=DuplicateKeyError)
    def write():
        # Auth frees a username only with its account, so another id holding it is stale.
        mongo.collection(ChatUser).delete_many({"username_key": key, "_id": {"$ne": user_id}})
        mongo.update_one(
            ChatUser,
            {"_id": user_id},
            {"$set": {"username": username.strip(), "username_key": key, "updated_at": now()}},
            upsert=True,
        )

    write()
    mongo.on_commit(lambda: _remember(user_id, username))  # an event handler's transaction may still roll back


def _remember(user_id: str, username: str) -> None:
    _remember_locally(user_id, username)
    shared_memory.remember(f"user:{user_id}", username)


def user_remember(*, user_id: str, username: str) -> None:
    """Record the user a token describes, unless this process already has."""
    if not username or _recorded.get(user_id) == username:
        return
    if shared_memory.recall(f"user:{user_id}") == username:  # another process recorded it
        _remember_locally(user_id, username)
        return
    user_record(user_id=user_id, username=username)


def _remember_locally(user_id: str, username: str) -> None:
    if len(_recorded) >= _RECORDED_LIMIT:
        _recorded.clear()
    _recorded[user_id] = username


def forget_local_cache() -> None:
    """Tests empty the database between cases; the process-wide memory must follow."""
    from chats.services.messages import forget_receivers

    _recorded.clear()
    forget_receivers()
    shared_memory.forget()
