"""Accounts, passwords, e-mail verification and token minting."""
from pathlib import Path

from shared.conf import env  # noqa: F401
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings(
        "auth",
        base_dir=BASE_DIR,
        sql_default="mysql://root@127.0.0.1:3306/auth",
        apps=["rest_framework", "rest_framework_simplejwt.token_blacklist", "accounts"],
    )
)

from config.settings.accounts import *  # noqa: E402,F401,F403
from config.settings.jwt import *  # noqa: E402,F401,F403
