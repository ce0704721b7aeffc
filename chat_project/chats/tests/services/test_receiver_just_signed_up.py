"""Messaging someone who has just signed up: chat waits (bounded) for their auth.user.created, not a 404."""

import threading
import uuid

from chats.services.users import user_record
from chats.tests.factories import send
from shared.consistency.marks import mark_applied
from shared.consistency.subjects import note_subject
from shared.events.contracts import UserCreated, make_envelope


def _signup_in_flight(username: str) -> dict:
    envelope = make_envelope(
        UserCreated(user_id=uuid.uuid4().hex[:12], username=username, email=f"{username}@example.com", country="PT")
    )
    note_subject(envelope)  # as auth's commit does, before chat's worker has applied it
    return envelope


def test_a_receiver_whose_signup_is_still_in_flight_is_found_once_chat_applies_it(alice, published_events):
    username = f"fresh_{uuid.uuid4().hex[:8]}"
    envelope = _signup_in_flight(username)

    def chat_worker_applies_it():
        payload = envelope["payload"]
        user_record(user_id=payload["user_id"], username=payload["username"])
        mark_applied(envelope["event_id"], service="chat")

    worker = threading.Timer(0.3, chat_worker_applies_it)
    worker.start()
    try:
        message = send(alice, username.upper(), "Welcome!")  # usernames match without case
    finally:
        worker.join()

    assert message.receiver_username == username


def test_a_username_nobody_is_signing_up_with_is_refused_without_waiting(alice, published_events):
    import pytest

    from shared.errors import NotFound

    with pytest.raises(NotFound) as refused:
        send(alice, f"nobody_{uuid.uuid4().hex[:8]}", "Hello?")

    assert refused.value.code == "receiver_not_found"
