from config.settings.base import *  # noqa: F401,F403
from shared.conf import env
from shared.django_settings import channel_layers, test_overrides

globals().update(test_overrides("notification", globals()))

# The socket tests use the real Redis layer, on the test Redis db and a prefix of their own.
CHANNEL_LAYERS = channel_layers(env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1"), "test_notification")
CLIENT_URL = "http://client.test"

# The channel tasks run in the test's thread (after the on_commit that queues them), so a
# test sees each send; the journey tests still run the real worker for events.
CELERY_TASK_ALWAYS_EAGER = True
NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP = True
