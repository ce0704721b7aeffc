from config.settings.base import *  # noqa: F401,F403
from shared.conf import env

DEBUG = env.bool("DEBUG", default=True)
