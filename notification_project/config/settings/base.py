"""E-mails and in-app notifications."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("notification", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/notification", apps=["notifications"])
)

# daphne first: its runserver serves the notification socket as well as HTTP.
INSTALLED_APPS.insert(0, "daphne")
INSTALLED_APPS.append("channels")

from config.settings.channels import *  # noqa: E402,F401,F403
from config.settings.email import *  # noqa: E402,F401,F403
from config.settings.delivery import *  # noqa: E402,F401,F403

# Where the links in e-mails and notifications point: the web client.
CLIENT_URL = env.str("CLIENT_URL", default="http://localhost:3000").rstrip("/")
NOTIFICATION_PAGE_SIZE_MAX = 100
