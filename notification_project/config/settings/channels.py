"""The notification socket's channel layer: Redis, never the in-memory layer."""
from shared.conf import env

CHANNELS_REDIS_URL = env.str("CHANNELS_REDIS_URL", default=env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"))
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [CHANNELS_REDIS_URL], "prefix": "notification"},
    }
}
