import pytest
from django.core.cache import cache

from shared.keys import ensure_dev_keys

pytest_plugins = ["shared.testing.plugin"]

ensure_dev_keys()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Only this service's keys (KEY_PREFIX "auth"): other suites share Redis db 1.
    cache.delete_pattern("*")
    yield
    cache.delete_pattern("*")
