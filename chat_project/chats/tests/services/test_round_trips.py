"""What a message costs in MongoDB round trips: a new one fails here before it slows every message.

Pinned with PyMongo's command monitoring (shared.testing.roundtrips), like assertNumQueries.
"""

from chats.tests.factories import send
from shared.testing.roundtrips import recorded

# In the transaction, one bulkWrite: move the conversation (by _id), insert the message and its outbox
# event; then the commit. After the commit, once the socket push is out: mark the event published (at
# once in the test suites; served, one write per process per EVENTS_MARK_INTERVAL, shared/events/published.py).
MESSAGE_IN_A_KNOWN_CONVERSATION = [
    "bulkWrite conversations,messages,events_outbox",
    "commitTransaction",
    "update events_outbox",
]


def test_a_message_in_a_conversation_this_process_knows_costs_three_round_trips_two_before_the_push(
    alice, bob, published_events
):
    send(alice, "bob", "first")  # the conversation exists and the process knows its id

    with recorded() as recording:
        send(alice, "bob", "second")

    assert recording.names == MESSAGE_IN_A_KNOWN_CONVERSATION


def test_a_reply_by_conversation_id_costs_the_same(alice, bob, published_events):
    conversation_id = str(send(alice, "bob", "first").conversation_id)
    send(bob, conversation_id=conversation_id, body="seen once")  # the process learns who takes part

    with recorded() as recording:
        send(bob, conversation_id=conversation_id, body="reply")

    assert recording.names == MESSAGE_IN_A_KNOWN_CONVERSATION


def test_a_conversation_another_process_made_costs_no_read_here(alice, bob, published_events):
    from chats.services import messages

    send(alice, "bob", "first")
    messages._conversation_ids.clear()  # as in a process that has not seen this pair: another one did

    with recorded() as recording:
        send(alice, "bob", "second")

    assert recording.names == MESSAGE_IN_A_KNOWN_CONVERSATION  # its id came from Redis (chats/shared_memory.py)


def test_a_conversation_no_process_remembers_is_found_by_its_pair_key_once(alice, bob, published_events):
    from chats import shared_memory
    from chats.services import messages

    send(alice, "bob", "first")
    messages._conversation_ids.clear()
    shared_memory.forget()  # Redis lost it too (flushed, or evicted)

    with recorded() as first:
        send(alice, "bob", "second")
    with recorded() as then:
        send(alice, "bob", "third")

    assert first.names == ["find conversations", *MESSAGE_IN_A_KNOWN_CONVERSATION]
    assert then.names == MESSAGE_IN_A_KNOWN_CONVERSATION


def test_a_user_another_process_recorded_is_not_written_again(published_events):
    from chats.services import users

    users.user_remember(user_id="u-shared-1", username="dora")
    users._recorded.clear()  # as in another process

    with recorded() as recording:
        users.user_remember(user_id="u-shared-1", username="dora")

    assert recording.names == []


def test_the_first_message_of_a_pair_creates_the_conversation(alice, bob, published_events):
    with recorded() as recording:
        send(alice, "bob", "hello")

    assert recording.names == [
        "find chat_users",  # the receiver by username, then remembered for a minute
        "find conversations",
        "insert conversations",
        "bulkWrite messages,events_outbox",
        "commitTransaction",
        "update events_outbox",
    ]


def test_a_remembered_conversation_the_database_lost_is_made_again_and_the_lost_attempt_leaves_nothing(
    alice, bob, published_events
):
    from chats.documents import Conversation, Message

    send(alice, "bob", "first")
    Conversation.objects.delete()  # the process still remembers the id

    message = send(alice, "bob", "second")

    conversation = Conversation.objects.get()
    assert message.conversation_id == conversation.pk
    assert [m.body for m in Message.objects(conversation_id=conversation.pk)] == ["second"]
    assert Message.objects.count() == 2  # "first" (its conversation gone) and "second": no copy of the lost attempt
    assert [e["payload"]["message_id"] for e in published_events][-1] == str(message.pk)
    assert len(published_events) == 2
