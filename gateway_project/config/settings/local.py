from config.settings.base import *
from shared.conf import env

DEBUG = env.bool("DEBUG", default=True)
# Plain http on a developer machine; production and base settings keep cookies Secure.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=False)
