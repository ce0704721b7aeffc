from __future__ import annotations

import pytest
from django.conf import settings

from shared import mongo
from shared.events import bus
from shared.events.celery import make_celery_app
from shared.events.stores import get_store
from shared.events.topology import all_queues

pytest_plugins = ["shared.testing.plugin"]

APP = make_celery_app("review")


@pytest.fixture(scope="session", autouse=True)
def _mongo():
    mongo.connect(settings.MONGODB_URL)
    mongo.ensure_collections()
    if "orders" not in mongo.database().list_collection_names():
        mongo.database().create_collection("orders")  # the tests' stand-in for a service's data


@pytest.fixture
def celery_app():
    bus.set_celery_app(APP)
    return APP


@pytest.fixture
def broker(celery_app):
    """A channel on the test vhost with every queue declared and emptied."""
    with celery_app.connection_for_write() as connection:
        channel = connection.channel()
        for queue in all_queues():
            queue(channel).declare()
            queue(channel).purge()
        yield channel


@pytest.fixture
def store_kind(settings, request):
    """Switch the outbox store for one test ("django" or "mongo")."""
    settings.EVENTS_STORE = request.param
    get_store.cache_clear()
    yield request.param
    get_store.cache_clear()
