"""A page of a conversation's messages: the latest page that holds the whole conversation needs no count."""

from chats import selectors
from chats.tests.factories import send
from shared.testing.roundtrips import recorded


def _conversation(alice, messages: int):
    first = send(alice, "bob", "message 0")
    for n in range(1, messages):
        send(alice, "bob", f"message {n}")
    return selectors.conversation_get_for_participant(conversation_id=str(first.conversation_id), user_id=alice.id)


def test_the_latest_page_holding_every_message_costs_one_find(alice, bob, published_events):
    conversation = _conversation(alice, 3)

    with recorded() as recording:
        page = selectors.message_page(conversation=conversation, before=None, after=None, limit=10)

    assert ([m.body for m in page.items], page.total, page.older_cursor) == (
        ["message 0", "message 1", "message 2"],
        3,
        None,
    )
    assert recording.names == ["find messages"]


def test_a_page_with_older_messages_behind_it_counts_them(alice, bob, published_events):
    conversation = _conversation(alice, 3)

    with recorded() as latest:
        page = selectors.message_page(conversation=conversation, before=None, after=None, limit=2)
    with recorded() as older:
        rest = selectors.message_page(conversation=conversation, before=page.older_cursor, after=None, limit=2)

    assert ([m.body for m in page.items], page.total) == (["message 1", "message 2"], 3)
    assert ([m.body for m in rest.items], rest.total, rest.older_cursor) == (["message 0"], 3, None)
    assert latest.names == older.names == ["find messages", "aggregate messages"]
