"""The conversation list reads an index in the order it answers, and costs a fixed number of round trips.

The MongoDB stand-in reports a SORT stage for every sorted find, index or not (it always sorts in memory),
so the plan check is on what mongod decides by: the winning plan scans an index whose keys are the
filter's equality field followed by exactly the query's sort, which mongod walks instead of sorting.
"""

from chats import selectors
from chats.documents import Conversation
from chats.tests.factories import send
from shared.testing.roundtrips import recorded

LIST_INDEX = {"participant_ids": 1, "last_message_at": -1, "_id": -1}


def _index_scans(stage: dict) -> list[dict]:
    found = [stage] if stage.get("stage") == "IXSCAN" else []
    for child in [stage.get("inputStage"), *stage.get("inputStages", [])]:
        if child:
            found += _index_scans(child)
    return found


def test_the_list_query_scans_the_index_that_holds_its_order(alice, bob, carol, published_events):
    send(bob, "alice", "hello")
    send(carol, "alice", "hello too")

    query = selectors.conversations_in_order(user_id=alice.id).limit(20)
    plan = query.explain()["queryPlanner"]["winningPlan"]

    scans = _index_scans(plan)
    assert [dict(scan["keyPattern"]) for scan in scans] == [LIST_INDEX]
    sort = dict(query._ordering)
    assert list(LIST_INDEX.items())[1:] == list(sort.items())  # the index's keys after the filter's = the sort


def test_the_index_it_replaced_is_gone(mongo_collections):
    names = Conversation._get_collection().index_information()
    assert "participant_ids_1_last_message_at_-1__id_-1" in names
    assert "participant_ids_1_last_message_at_-1" not in names


def test_a_first_page_that_holds_the_list_costs_two_round_trips(alice, bob, carol, published_events):
    send(bob, "alice", "hello")
    send(carol, "alice", "hello too")

    with recorded() as recording:
        rows, total = selectors.conversation_list(user_id=alice.id, page=1, size=20)

    assert (len(rows), total) == (2, 2)
    assert recording.names == ["find conversations", "find messages"]


def test_a_full_page_also_counts_the_list(alice, bob, carol, published_events):
    send(bob, "alice", "hello")
    send(carol, "alice", "hello too")

    with recorded() as first_full:
        rows, total = selectors.conversation_list(user_id=alice.id, page=1, size=2)
    with recorded() as second:
        later_rows, later_total = selectors.conversation_list(user_id=alice.id, page=2, size=1)

    assert (len(rows), total, len(later_rows), later_total) == (2, 2, 1, 2)
    assert first_full.names == ["find conversations", "aggregate conversations", "find messages"]
    assert second.names == ["find conversations", "aggregate conversations", "find messages"]


def test_an_empty_list_costs_one_round_trip(alice, published_events):
    with recorded() as recording:
        rows, total = selectors.conversation_list(user_id=alice.id, page=1, size=20)

    assert (rows, total) == ([], 0)
    assert recording.names == ["find conversations"]
