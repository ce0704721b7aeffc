"""Staff views of conversations and messages (shared.mongoadmin)."""

from chats.documents import ChatUser, Conversation, Message
from shared import mongoadmin

mongoadmin.site.register(
    Conversation,
    list_display=["__str__", "gig_id", "last_message_at", "created_at"],
    search_fields=["participants__username", "=participant_ids", "=gig_id"],
    ordering=["-last_message_at"],
    readonly_fields=["pair_key", "participant_ids", "created_at"],
)
mongoadmin.site.register(
    Message,
    list_display=["sender_username", "receiver_username", "body", "gig_id", "read_at", "created_at"],
    search_fields=["sender_username", "receiver_username", "body", "=conversation_id"],
    ordering=["-created_at"],
    # An offer's status moves only through the routes, which publish what order relies on.
    readonly_fields=[
        "conversation_id",
        "sender_id",
        "sender_username",
        "receiver_id",
        "receiver_username",
        "offer",
        "created_at",
    ],
)
mongoadmin.site.register(
    ChatUser, list_display=["username", "user_id", "updated_at"], search_fields=["username", "=user_id"]
)
