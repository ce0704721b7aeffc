"""The SQL statements an order.created costs notification before its notices are committed.

Each is a round trip to PostgreSQL on the path from the event to the inbox
(issue #9: the event path at the speed of the broker); a new one fails here.
Counted as the worker runs it, outside any test transaction.
"""

import pytest
from django.db import connection, transaction

from notifications.models import Notification, NotificationPreferences, PushSubscription, VerifiedPhone
from notifications.tests import events
from notifications.tests.events import BUYER, SELLER
from notifications.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db(transaction=True)


def statements_of(deliver, envelope) -> list[str]:
    """The statements sent inside the handlers' transaction, i.e. before the notices are committed
    (the e-mail, SMS and push tasks run after the commit, off the path to the inbox)."""
    sent: list[str] = []
    committed: list[bool] = []

    def record(execute, sql, params, many, context):
        if connection.in_atomic_block and not committed:
            if not sent:  # the first on-commit callback of the transaction: it runs before the others
                transaction.on_commit(lambda: committed.append(True))
            sent.append(sql.split(None, 1)[0].upper())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        deliver(envelope)
    assert committed
    return sent


def test_a_new_order_for_users_with_no_channels_costs_four_statements(deliver, envelope_of):
    # the handled marks claimed, the order's parties, then each notice inserted with what its user can be reached by
    assert statements_of(deliver, envelope_of(events.order_created())) == ["INSERT", "INSERT", "WITH", "WITH"]
    assert Notification.objects.filter(user_id__in=[SELLER, BUYER]).count() == 2


def test_every_channel_known_adds_only_the_plan_of_the_deliveries(deliver, envelope_of):
    for user_id in (SELLER, BUYER):
        ContactFactory(user_id=user_id, email=f"{user_id}@example.com")
        NotificationPreferences.objects.create(user_id=user_id, choices={"order_placed": {"email": True}})
        PushSubscription.objects.create(
            user_id=user_id, endpoint=f"https://fcm.googleapis.com/fcm/send/{user_id}", p256dh="k", auth="a"
        )
    VerifiedPhone.objects.create(user_id=SELLER, phone="+15550100")

    # per notice: its deliveries stored in one INSERT and the pending ones' ids read back
    assert statements_of(deliver, envelope_of(events.order_created())) == [
        "INSERT",
        "INSERT",
        "WITH",
        "INSERT",
        "SELECT",
        "WITH",
        "INSERT",
        "SELECT",
    ]
    channels = sorted(
        Notification.objects.get(user_id=SELLER, kind="order_received").deliveries.values_list("channel", flat=True)
    )
    assert channels == ["email", "push", "sms"]
