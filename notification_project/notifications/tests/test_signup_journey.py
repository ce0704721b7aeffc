"""The first journey: an account event published to RabbitMQ ends as a message in the SMTP sink's mailbox.

Real parts only: the outbox and publisher confirms of shared.events, the test
RabbitMQ vhost, this project's Celery worker (in a thread), Postgres and the
project's SMTP sink writing .eml files.
"""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.worker import state as worker_state
from config.celery import app as celery_app
from django.db import transaction

from notifications.models import Notification, SentEmail
from shared.devtools.mailbox import body_text, wait_for_message
from shared.events import publish
from shared.events.bus import declare_topology
from shared.events.contracts import EmailVerificationRequested, UserCreated
from shared.events.topology import events_queue_name

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker():
    declare_topology()
    with celery_app.connection_for_write() as connection:
        assert connection.as_uri().endswith("/marketplace_test"), "never purge a queue outside the test vhost"
        # Leftovers from other suites sharing the test vhost would be handled first and slow this test down.
        connection.default_channel.queue_purge(events_queue_name("notification"))
    with start_worker(
        celery_app, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
    ):
        yield
        # The test worker notices it should stop only when a message wakes its loop: send one.
        worker_state.should_terminate = 0
        celery_app.control.ping(timeout=0.2)


def test_a_signup_leads_to_a_verification_email_in_the_mailbox(smtp_sink, worker):
    user_id, address = uuid.uuid4().hex[:8], f"journey-{uuid.uuid4().hex[:8]}@example.com"

    with transaction.atomic():
        publish(UserCreated(user_id=user_id, username="journey", email=address, country="NO"))
        publish(EmailVerificationRequested(user_id=user_id, username="journey", email=address, token="journey-token"))

    message = wait_for_message(address, timeout=20, mailbox=smtp_sink)
    assert message["Subject"] == "Verify your e-mail address"
    assert "http://client.test/confirm_email?token=journey-token" in body_text(message)
    assert SentEmail.objects.filter(to_email=address, template="verify_email").count() == 1
    assert Notification.objects.filter(user_id=user_id, kind="welcome").count() == 1
