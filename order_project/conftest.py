import pytest

pytest_plugins = ["shared.testing.plugin"]


@pytest.fixture(autouse=True)
def _empty_mongo(clean_mongo):
    """Each test starts from an empty service database."""
    yield
