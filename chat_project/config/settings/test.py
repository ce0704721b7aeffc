from config.settings.base import *  # noqa: F401,F403
from shared.conf import env
from shared.django_settings import channel_layers, test_overrides

globals().update(test_overrides("chat", globals(), mongodb=True))

# The real Redis layer, on the test Redis db and its own prefix, so a running system's sockets never see test frames.
CHANNEL_LAYERS = channel_layers(env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1"), "chat-test")
CHAT_PRESENCE_REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1")
CHAT_PRESENCE_PREFIX = "chat-test:presence"

# Tests count the MongoDB round trips of a message (chats.roundtrips): the listener must exist before the client.
from chats import roundtrips  # noqa: E402

roundtrips.install()
