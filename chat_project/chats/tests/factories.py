"""People and conversations for tests, written through the services as production does."""

from __future__ import annotations

from chats import services
from shared.testing.tokens import token_user

ALICE = ("1", "alice")
BOB = ("2", "bob")
CAROL = ("3", "carol")


def known_user(user_id: str, username: str):
    """A user chat has heard of (as after auth.user.created), as the TokenUser their token describes."""
    services.user_record(user_id=user_id, username=username)
    return token_user(user_id, username)


def send(sender, receiver_username: str | None = None, body: str = "Hello!", **fields):
    return services.message_send(sender=sender, receiver_username=receiver_username, body=body, **fields)


def offer_data(**overrides) -> dict:
    data = {"gig_id": "gig-1", "price": "40.00", "description": "A logo in three styles.", "delivery_in_days": 3}
    data.update(overrides)
    return data
