"""Conversations, messages and offers."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import channel_layers, common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("chat", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/chat", apps=["shared.mongoadmin", "chats"], mongodb=True)
)

INSTALLED_APPS.insert(0, "daphne")
INSTALLED_APPS.append("channels")
CHANNEL_LAYERS = channel_layers(env.str("CHANNELS_REDIS_URL", default=REDIS_URL), "chat")

# Presence (chats/presence.py): open sockets per user in Redis, each counted for this long unless renewed.
CHAT_PRESENCE_REDIS_URL = env.str("CHAT_PRESENCE_REDIS_URL", default=REDIS_URL)  # noqa: F821 - from common_settings
CHAT_PRESENCE_PREFIX = env.str("CHAT_PRESENCE_PREFIX", default="chat:presence")
CHAT_PRESENCE_TTL_SECONDS = env.float("CHAT_PRESENCE_TTL_SECONDS", default=60.0)

# Message attachments: the same bound as a delivered file (the gateway refuses larger bodies anyway).
CHAT_ATTACHMENT_MAX_BYTES = env.int("CHAT_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
