"""Pytest fixtures every service suite uses."""

from __future__ import annotations

import pytest

from shared.testing.storage import file_storage, s3_server  # noqa: F401 - fixtures for every suite
from shared.testing.tokens import gateway_token, user_token


class GatewayClient:
    """Django's test client, signed by the gateway for this service, optionally as a user."""

    def __init__(self, client, service: str, token: str | None = None):
        self._client = client
        self._service = service
        self._token = token

    def as_user(self, user_id="1", username="alice", **claims) -> GatewayClient:
        return GatewayClient(self._client, self._service, user_token(user_id, username, **claims))

    def anonymous(self) -> GatewayClient:
        return GatewayClient(self._client, self._service)

    def _headers(self, extra: dict) -> dict:
        headers = {"HTTP_X_GATEWAY_TOKEN": gateway_token(self._service)}
        if self._token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self._token}"
        headers.update(extra)
        return headers

    def _call(self, method: str, path: str, data=None, content_type="application/json", **extra):
        call = getattr(self._client, method)
        if method in ("get", "delete") and data is None:
            return call(path, **self._headers(extra))
        if method == "get":
            return call(path, data, **self._headers(extra))
        return call(path, data, content_type=content_type, **self._headers(extra))

    def get(self, path, data=None, **extra):
        return self._call("get", path, data, **extra)

    def post(self, path, data=None, **extra):
        return self._call("post", path, data if data is not None else {}, **extra)

    def put(self, path, data=None, **extra):
        return self._call("put", path, data if data is not None else {}, **extra)

    def patch(self, path, data=None, **extra):
        return self._call("patch", path, data if data is not None else {}, **extra)

    def delete(self, path, **extra):
        return self._call("delete", path, **extra)

    def post_multipart(self, path, data, **extra):
        return self._client.post(path, data, **self._headers(extra))


@pytest.fixture
def api(client, settings) -> GatewayClient:
    """A client whose requests carry a valid gateway token for this service."""
    return GatewayClient(client, settings.SERVICE_NAME)


@pytest.fixture
def published_events(monkeypatch):
    """Every envelope published in the test, in order (the broker is not called)."""
    from shared.events import bus

    sent: list[dict] = []

    def capture(envelope):
        sent.append(envelope)
        bus.get_store().mark_published(envelope["event_id"])
        return True

    monkeypatch.setattr(bus, "try_send", capture)
    return sent


@pytest.fixture
def deliver():
    """Hand an envelope to this service's consumers as the worker would."""
    from shared.events.consumers import dispatch

    return dispatch


@pytest.fixture
def envelope_of():
    """Build the wire form of a payload (for consumer tests)."""
    from shared.events.contracts import make_envelope

    return make_envelope


@pytest.fixture(scope="session")
def mongo_collections(django_db_setup, django_db_blocker):
    """Collections and indexes exist before any test opens a transaction, as after ``migrate``."""
    from shared.mongo_apps import ensure_all_collections

    ensure_all_collections()


@pytest.fixture
def clean_mongo(mongo_collections):
    """Empty every collection of the service's (test) MongoDB database, keeping indexes."""
    from shared import mongo

    db = mongo.database()
    for name in db.list_collection_names():
        db[name].delete_many({})
    yield db


@pytest.fixture
def bound_queue():
    """``bound_queue(keys)``: a private queue on the real (test vhost) events exchange, bound to
    ``keys``, so a test sees exactly what was routed to them; deleted after the test."""
    from shared.testing.broker import bound_queues

    yield from bound_queues()


@pytest.fixture(autouse=True)
def _fresh_channel_layers():
    """Each test gets new channel-layer instances, bound to its own event loop.

    channels_redis keeps its receive lock and receive count on the layer instance. A consumer
    still receiving when a test's event loop closed left that lock held and bound to the dead
    loop, so a later test's socket failed ("bound to a different event loop") or its loop's
    teardown waited forever on the receive.
    """
    try:
        from channels.layers import channel_layers
    except ImportError:  # a suite without Channels
        yield
        return
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
