"""Reviews and ratings."""
from pathlib import Path

from shared.conf import env  # noqa: F401
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("review", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/review", apps=["reviews"])
)
