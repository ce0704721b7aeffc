"""Acknowledged means durable: MongoDB writes and commits wait for the journal of a majority; SQL keeps its fsync."""

from __future__ import annotations

import mongoengine
import pytest
from django.conf import settings
from pymongo import monitoring

from shared import mongo
from shared.durability import report


class Recorder(monitoring.CommandListener):
    def __init__(self):
        self.commands = []

    def started(self, event):
        self.commands.append((event.command_name, dict(event.command)))

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


@pytest.fixture
def probe():
    """A second connection (own alias) whose commands are recorded."""
    recorder = Recorder()
    mongo.connect(settings.MONGODB_URL, alias="durability-probe", event_listeners=[recorder])
    yield recorder
    mongoengine.disconnect("durability-probe")


def test_the_connection_every_service_opens_waits_for_a_majority_journal():
    concern = mongo.client().write_concern.document

    assert concern == {"w": "majority", "j": True}
    assert mongo.client().read_concern.level == "majority"


def test_the_url_own_options_win():
    mongo.connect("mongodb://127.0.0.1:27017/test_bus_probe?w=1&journal=false", alias="relaxed")
    try:
        assert mongo.client("relaxed").write_concern.document == {"w": 1, "j": False}
    finally:
        mongoengine.disconnect("relaxed")


def test_a_transaction_reads_a_snapshot_and_commits_with_majority_and_journal(probe):
    with mongo.atomic("durability-probe") as session:
        mongo.database("durability-probe")["orders"].insert_one({"kind": "durability"}, session=session)

    by_name = dict(probe.commands)
    assert by_name["insert"]["readConcern"]["level"] == "snapshot"
    assert by_name["commitTransaction"]["writeConcern"] == {"w": "majority", "j": True}


def test_a_plain_write_carries_the_durable_write_concern(probe):
    mongo.database("durability-probe")["orders"].insert_one({"kind": "durability"})

    insert = dict(probe.commands)["insert"]
    assert insert["writeConcern"] == {"w": "majority", "j": True}


@pytest.mark.django_db
def test_every_store_of_this_process_is_reported_durable():
    assert report() == {"sql:default": "ok", "mongodb": "ok"}


@pytest.mark.django_db
def test_a_relaxed_store_is_reported(monkeypatch):
    from shared import durability

    monkeypatch.setitem(durability.POSTGRES, "fsync", {"off"})  # as if the server ran with fsync=off

    assert report()["sql:default"] == "not durable: fsync=on"
