"""Writes of the chat service (keyword-only, ``<entity>_<action>``)."""

from chats.services.conversations import conversation_mark_read
from chats.services.messages import message_send
from chats.services.offers import offer_accept, offer_cancel, offer_withdraw
from chats.services.users import user_record, user_remember

__all__ = [
    "conversation_mark_read",
    "message_send",
    "offer_accept",
    "offer_cancel",
    "offer_withdraw",
    "user_record",
    "user_remember",
]
