import pytest

pytest_plugins = ["shared.testing.plugin"]


@pytest.fixture(scope="session", autouse=True)
def _mongo_collections(django_db_setup, django_db_blocker):
    """Collections and indexes exist before any test opens a transaction, as after `migrate`."""
    from orders.documents import ensure_collections

    ensure_collections()


@pytest.fixture(autouse=True)
def _empty_mongo(clean_mongo):
    """Each test starts from an empty service database."""
    yield
