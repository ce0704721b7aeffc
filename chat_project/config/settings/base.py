"""Conversations, messages and offers."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("chat", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/chat", apps=["shared.mongoadmin", "chats"], mongodb=True)
)

INSTALLED_APPS.insert(0, "daphne")
INSTALLED_APPS.append("channels")
# redis-py 8 reads with a 5 s socket timeout by default, the same 5 s that channels_redis blocks
# in BZPOPMIN waiting for frames: an idle socket's read then times out client-side and kills its
# consumer. The layer's connections get a longer read timeout than that blocking wait.
CHANNELS_REDIS_SOCKET_TIMEOUT = env.float("CHANNELS_REDIS_SOCKET_TIMEOUT", default=15.0)


def channel_layers(url: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": url, "socket_timeout": CHANNELS_REDIS_SOCKET_TIMEOUT}], "prefix": prefix},
        }
    }


CHANNEL_LAYERS = channel_layers(env.str("CHANNELS_REDIS_URL", default=REDIS_URL), "chat")
