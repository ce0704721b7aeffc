"""shared.mongo.atomic on the real MongoDB: one transaction, run again only where a function can be."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import mongoengine as me
import pytest
from pymongo.errors import DuplicateKeyError, OperationFailure

from shared import mongo


class Probe(me.Document):
    meta = {"collection": "atomic_probes"}
    id = me.StringField(primary_key=True)
    n = me.IntField(default=0)


@pytest.fixture
def probes():
    mongo.ensure_collections(Probe)  # never created inside a transaction
    Probe.objects.delete()
    Probe(id="x", n=0).save()
    yield mongo.database()["atomic_probes"]
    Probe.objects.delete()


def _conflicting_write(probes, runs: list[int], conflict_on: set[int]):
    """Read in the transaction (its snapshot), let another client commit the same document, then write it."""
    runs.append(len(runs) + 1)
    assert mongo.collection(Probe).find_one({"_id": "x"})["n"] is not None
    if runs[-1] in conflict_on:
        probes.update_one({"_id": "x"}, {"$inc": {"n": 1}})  # no session: commits at once, outside
    mongo.collection(Probe).update_one({"_id": "x"}, {"$inc": {"n": 10}})


def test_a_function_is_run_again_when_a_concurrent_write_conflicted(probes):
    runs: list[int] = []

    @mongo.atomic
    def write():
        _conflicting_write(probes, runs, conflict_on={1})

    write()

    assert runs == [1, 2]
    assert probes.find_one({"_id": "x"})["n"] == 11  # the outside write and one transaction, not two


def test_a_block_runs_once_and_raises_the_conflict(probes):
    runs: list[int] = []

    with pytest.raises(OperationFailure) as raised:
        with mongo.atomic():
            _conflicting_write(probes, runs, conflict_on={1})

    assert mongo.is_transient(raised.value)
    assert runs == [1]
    assert probes.find_one({"_id": "x"})["n"] == 1  # only the outside write


def test_retries_stop_after_the_attempts_allowed(probes):
    runs: list[int] = []

    @mongo.atomic(attempts=3)
    def write():
        _conflicting_write(probes, runs, conflict_on={1, 2, 3})

    with pytest.raises(OperationFailure):
        write()

    assert runs == [1, 2, 3]
    assert probes.find_one({"_id": "x"})["n"] == 3


def test_many_writers_of_one_hot_document_all_commit(probes):
    """Gig search's sequence counter is one document every gig write increments in its transaction."""

    @mongo.atomic
    def increment():
        seen = mongo.collection(Probe).find_one({"_id": "x"})["n"]
        time.sleep(0.005)  # hold the snapshot while the others write, as a gig's other writes do
        mongo.collection(Probe).update_one({"_id": "x"}, {"$set": {"n": seen + 1}})

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: increment(), range(8)))

    assert probes.find_one({"_id": "x"})["n"] == 8  # each run saw the one before it: none lost, none failed


def test_retry_on_names_what_else_is_worth_a_second_run(probes):
    """Two racing first writes of one key: the loser runs again and finds the winner's document."""

    def upsert_factory(runs):
        def upsert():
            runs.append(1)
            if len(runs) == 1:  # as if it had not seen the winner's insert
                mongo.collection(Probe).insert_one({"_id": "x", "n": 5})
            else:
                mongo.collection(Probe).update_one({"_id": "x"}, {"$inc": {"n": 5}})

        return upsert

    plain_runs, retried_runs = [], []
    with pytest.raises(DuplicateKeyError):
        mongo.atomic(upsert_factory(plain_runs))()
    mongo.atomic(retry_on=DuplicateKeyError)(upsert_factory(retried_runs))()

    assert (len(plain_runs), len(retried_runs)) == (1, 2)
    assert probes.find_one({"_id": "x"})["n"] == 5


def test_inside_an_outer_transaction_a_function_joins_it_and_rolls_back_with_it(probes):
    runs: list[int] = []

    @mongo.atomic
    def write():
        runs.append(1)
        mongo.collection(Probe).update_one({"_id": "x"}, {"$inc": {"n": 10}})
        assert mongo.current_session() is outer

    with pytest.raises(RuntimeError):
        with mongo.atomic() as outer:
            write()
            raise RuntimeError("the outer owner fails later")

    assert runs == [1]
    assert probes.find_one({"_id": "x"})["n"] == 0


def test_callbacks_run_once_committed_and_never_after_a_rollback(probes):
    called: list[str] = []

    with mongo.atomic():
        mongo.on_commit(lambda: called.append("committed"))
        assert called == []
    with pytest.raises(RuntimeError):
        with mongo.atomic():
            mongo.on_commit(lambda: called.append("rolled back"))
            raise RuntimeError

    assert called == ["committed"]


def test_collection_operations_join_the_transaction_and_are_a_known_set(probes):
    with pytest.raises(RuntimeError):
        with mongo.atomic():
            mongo.collection(Probe).insert_one({"_id": "y"})
            assert mongo.collection(Probe).count_documents({"_id": "y"}) == 1  # seen inside
            raise RuntimeError

    assert probes.count_documents({"_id": "y"}) == 0
    with pytest.raises(AttributeError, match="drop"):
        mongo.collection(Probe).drop  # noqa: B018 - the attribute access is what must fail
