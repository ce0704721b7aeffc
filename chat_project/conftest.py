import pytest

pytest_plugins = ["shared.testing.plugin"]


@pytest.fixture(autouse=True)
def _empty_mongo(clean_mongo):
    """Each test starts from an empty service database, and the process forgets whom it recorded."""
    from chats.services.users import forget_local_cache

    forget_local_cache()
    yield
    forget_local_cache()
