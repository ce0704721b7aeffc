"""Task events (for Flower) go out without a publisher confirm each; the bus's own publishes keep theirs."""
from __future__ import annotations

import time
import uuid

from kombu import Exchange, Queue


def test_task_events_are_sent_unconfirmed_and_still_arrive(celery_app):
    name = f"test.celeryev.{uuid.uuid4().hex[:8]}"
    with celery_app.connection_for_write() as listening:
        queue = Queue(name, Exchange(celery_app.conf.event_exchange, type="topic"), routing_key="task.#",
                      auto_delete=True, durable=False)(listening.default_channel)
        queue.declare()
        events_connection = celery_app.connection_for_write()  # as the worker opens one for its dispatcher
        dispatcher = celery_app.events.Dispatcher(events_connection, hostname="probe@test")
        try:
            dispatcher.send("task-received", uuid="event-1")
            assert events_connection.default_channel.basic_publish.__name__ == "_basic_publish"  # no confirm wait
        finally:
            dispatcher.close()
            events_connection.release()
        message = None
        for _ in range(50):
            message = queue.get(no_ack=True)
            if message is not None:
                break
            time.sleep(0.05)
        assert message is not None and message.payload["uuid"] == "event-1"
        queue.delete()

    with celery_app.connection_for_write() as publishing:  # what bus.send uses: confirms stay on
        assert publishing.default_channel.basic_publish.__name__ == "basic_publish_confirm"
    assert celery_app.conf.broker_transport_options["confirm_publish"] is True
