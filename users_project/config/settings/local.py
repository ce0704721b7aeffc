from config.settings.base import *
