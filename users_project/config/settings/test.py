from config.settings.base import *  # noqa: F401,F403
from shared.django_settings import test_overrides

globals().update(test_overrides("users", globals(), mongodb=True))
