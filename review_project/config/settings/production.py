from config.settings.base import *  # noqa: F401,F403
from shared.django_settings import production_overrides

globals().update(production_overrides("review"))
