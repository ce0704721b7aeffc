"""Event consumers: each translates one event into a service call.

Each handler runs at most once per event (the bus keeps a processed mark in
the handler's transaction). The in-app handlers commit together first, and
the account e-mail ones are marked ``external`` so each runs afterwards in its
own transaction. No handler talks
to a mail server, SMS provider or push service: ``notice_notify`` plans the
notice's e-mail, SMS and push (``notifications.channels``) in the handler's
transaction, and each is sent by its channel's task after commit, so an
unreachable mail server delays only the e-mail and never the in-app notice.
Within each group, handlers run in the order they are declared here.
"""

import logging

from notifications import notices
from notifications.selectors import order_parties_get, seller_user_id_find
from notifications.services import (
    contact_remember,
    notice_notify,
    order_parties_remember,
    password_changed_email_send,
    password_reset_email_send,
    verification_email_send,
)
from shared.events import consumes
from shared.events.contracts import (
    ChatMessageSent,
    EmailVerificationRequested,
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    OrderDelivered,
    OrderExtensionDecided,
    OrderExtensionRequested,
    OrderLate,
    OrderRevisionRequested,
    PasswordChanged,
    PasswordResetRequested,
    ReviewCreated,
    UserCreated,
)

logger = logging.getLogger(__name__)

# --- accounts -----------------------------------------------------------------


@consumes(UserCreated)
@consumes(EmailVerificationRequested)
@consumes(PasswordResetRequested)
@consumes(PasswordChanged)
def remember_contact(event, meta) -> None:
    if event.email:
        contact_remember(user_id=event.user_id, username=event.username, email=event.email)


@consumes(EmailVerificationRequested, external=True)
def email_verification_link(event: EmailVerificationRequested, meta) -> None:
    verification_email_send(
        user_id=event.user_id, username=event.username, email=event.email, token=event.token, event_id=meta.event_id
    )


@consumes(PasswordResetRequested, external=True)
def email_password_reset_link(event: PasswordResetRequested, meta) -> None:
    password_reset_email_send(
        user_id=event.user_id, username=event.username, email=event.email, token=event.token, event_id=meta.event_id
    )


@consumes(PasswordChanged, external=True)
def email_password_changed(event: PasswordChanged, meta) -> None:
    password_changed_email_send(
        user_id=event.user_id, username=event.username, email=event.email, event_id=meta.event_id
    )


# --- orders -------------------------------------------------------------------


@consumes(OrderCreated)
@consumes(OrderDelivered)
def remember_order_parties_with_names(event, meta) -> None:
    order_parties_remember(
        order_id=event.order_id,
        buyer_id=event.buyer_id,
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        buyer_username=event.buyer_username,
        seller_username=event.seller_username,
    )


@consumes(OrderCompleted)
@consumes(OrderCancelled)
def remember_order_parties(event, meta) -> None:
    order_parties_remember(
        order_id=event.order_id, buyer_id=event.buyer_id, seller_id=event.seller_id, seller_user_id=event.seller_user_id
    )


# --- notices to one party: the same handler but for who is told and what ---------------


def _notify_party(event_class, party: str, notice, name: str):
    """A handler telling the user in ``event.<party>`` the ``notice`` of the event.

    ``name`` is the handler's name as before this table: the processed marks
    of events already handled are keyed by it, so it must not change.
    """

    def handler(event, meta) -> None:
        notice_notify(user_id=getattr(event, party), notice=notice(event), event_id=meta.event_id)

    handler.__name__ = handler.__qualname__ = name
    return consumes(event_class)(handler)


# (event, the field naming who is told, the notice, the handler's name). Declared after the handlers that
# remember contacts and order parties, which the notice's channels read, so those run first.
PARTY_NOTICES = (
    (UserCreated, "user_id", notices.welcome, "welcome_new_user"),
    (OrderCreated, "seller_user_id", notices.order_received, "notify_seller_of_new_order"),
    (OrderCreated, "buyer_id", notices.order_placed, "notify_buyer_of_placed_order"),
    (OrderDelivered, "buyer_id", notices.order_delivered, "notify_buyer_of_delivery"),
    (OrderCompleted, "seller_user_id", notices.order_completed, "notify_seller_of_completion"),
    (OrderCancelled, "buyer_id", notices.order_cancelled_for_buyer, "notify_buyer_of_cancellation"),
    (OrderCancelled, "seller_user_id", notices.order_cancelled_for_seller, "notify_seller_of_cancellation"),
    (OrderExtensionRequested, "buyer_id", notices.extension_requested, "notify_buyer_of_extension_request"),
    (ChatMessageSent, "receiver_id", notices.chat_message, "notify_receiver_of_message"),
    (OrderRevisionRequested, "seller_user_id", notices.revision_requested, "notify_seller_of_revision_request"),
    (OrderLate, "buyer_id", notices.order_late_for_buyer, "notify_buyer_of_late_order"),
    (OrderLate, "seller_user_id", notices.order_late_for_seller, "notify_seller_of_late_order"),
)
PARTY_HANDLERS = {row[3]: _notify_party(*row) for row in PARTY_NOTICES}


@consumes(OrderExtensionDecided)
def notify_seller_of_extension_decision(event: OrderExtensionDecided, meta) -> None:
    # The event names the seller's profile, not their account: the order's earlier events told us the account.
    seller_user_id = seller_user_id_find(order_id=event.order_id, seller_id=event.seller_id)
    if seller_user_id:
        notice_notify(user_id=seller_user_id, notice=notices.extension_decided(event), event_id=meta.event_id)
    else:
        logger.warning(
            "extension decision on order %s: seller %s unknown here, not notified", event.order_id, event.seller_id
        )


# --- reviews and chat -----------------------------------------------------------


@consumes(ReviewCreated)
def notify_reviewed_party(event: ReviewCreated, meta) -> None:
    if event.reviewer_role == "seller":
        parties = order_parties_get(order_id=event.order_id)
        recipient = parties.buyer_id if parties else ""
    else:
        recipient = seller_user_id_find(order_id=event.order_id, seller_id=event.seller_id)
    if recipient:
        notice_notify(user_id=recipient, notice=notices.review_received(event), event_id=meta.event_id)
    else:
        logger.warning(
            "review %s on order %s: the reviewed party is unknown here, not notified", event.review_id, event.order_id
        )


from notifications import channel_handlers  # noqa: E402,F401 - phone numbers and sign-in codes
