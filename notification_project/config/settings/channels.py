"""The notification socket's channel layer: Redis, never the in-memory layer."""

from shared.conf import env
from shared.django_settings import channel_layers

CHANNEL_LAYERS = channel_layers(
    env.str(
        "CHANNELS_REDIS_URL",
        default=env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"),
    ),
    "notification",
)
