from __future__ import annotations

import pytest
from django.conf import settings

from shared import mongo
from shared.events import bus
from shared.events.celery import make_celery_app
from shared.events.stores import get_store
from shared.events.topology import dead_letter_queue, events_queue

pytest_plugins = ["shared.testing.plugin"]

APP = make_celery_app("review")
# The queues these tests read, bound to what each service consumes as far as the tests need: in a deployment
# each service binds its own when it migrates, from its handlers (this project plays "review").
QUEUES = {
    "review": ("order.completed", "order.created"),
    "users": ("order.completed",),
    "notification": ("order.completed",),
    "gig": ("order.created",),
}


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
    """A channel on the test vhost with those queues declared and emptied."""
    with celery_app.connection_for_write() as connection:
        channel = connection.channel()
        for service, names in QUEUES.items():
            for queue in (events_queue(service, names), dead_letter_queue(service)):
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
