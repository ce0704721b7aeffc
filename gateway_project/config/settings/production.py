from config.settings.base import *  # noqa: F401,F403
from shared.conf import env
from shared.django_settings import production_overrides

globals().update(production_overrides("gateway"))
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
