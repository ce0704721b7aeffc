"""Racing writes end in one consistent state (real MongoDB transactions, real threads)."""

from concurrent.futures import ThreadPoolExecutor

from chats import services
from chats.documents import Conversation, Message
from chats.tests.factories import offer_data, send
from shared.errors import Conflict


def _together(*calls):
    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
    outcomes = []
    for future in futures:
        try:
            outcomes.append(future.result())
        except Conflict as exc:
            outcomes.append(exc)
    return outcomes


def test_two_first_messages_between_a_pair_make_one_conversation(alice, bob, published_events):
    _together(*[lambda s=s, r=r: send(s, r, "first!") for s, r in [(alice, "bob"), (bob, "alice")] * 3])

    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 6
    assert Conversation.objects.get().unread_counts == {"1": 3, "2": 3}
    assert len(published_events) == 6


def test_racing_decisions_on_one_offer_have_one_winner(alice, bob, published_events):
    offer_id = str(send(bob, "alice", "Offer", offer=offer_data()).pk)
    published_events.clear()

    outcomes = _together(
        lambda: services.offer_accept(user=alice, message_id=offer_id),
        lambda: services.offer_cancel(user=alice, message_id=offer_id),
        lambda: services.offer_withdraw(user=bob, message_id=offer_id),
    )

    assert sum(not isinstance(o, Conflict) for o in outcomes) == 1
    assert len(published_events) == 1
    final = Message.objects.get(pk=offer_id).offer.status
    expected = {"chat.offer.accepted": "accepted", "chat.offer.cancelled": "cancelled"}[published_events[0]["name"]]
    assert final == expected


def test_a_message_is_kept_with_its_event_when_the_broker_is_down(alice, bob, monkeypatch):
    from shared.events import bus
    from shared.events.mongo_documents import OutboxEvent

    def refuse(envelope):
        raise ConnectionError("broker down")

    monkeypatch.setattr(bus, "send", refuse)

    message = send(alice, "bob", "Still saved")

    outbox = OutboxEvent.objects.get()
    assert Message.objects.get(pk=message.pk).body == "Still saved"
    assert (outbox.name, outbox.published_at, outbox.attempts) == ("chat.message.sent", None, 1)
    assert outbox.envelope["payload"]["message_id"] == str(message.pk)


def test_racing_messages_in_a_known_conversation_each_count_once(alice, bob, published_events):
    send(alice, "bob", "first")  # the conversation exists; the racers move it with one bulkWrite each

    _together(*[lambda n=n: send(alice, "bob", f"racing {n}") for n in range(6)])

    conversation = Conversation.objects.get()
    latest = Message.objects.order_by("-id").first()
    assert Message.objects.count() == 7
    assert conversation.unread_counts == {"1": 0, "2": 7}
    assert conversation.last_message_id == latest.pk
    assert len(published_events) == 7
