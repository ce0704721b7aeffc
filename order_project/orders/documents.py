"""Orders, the checkouts that pay for them, and the read models order keeps from events.

Money is Decimal128 (exact), times are UTC. Gig snapshots and offers are fed
by gig and chat events, so prices always come from this service's own data.
"""

from __future__ import annotations

from datetime import datetime, timezone

import mongoengine as me

from orders.file_documents import DeliveryFileField

ORDER_STATUSES = ("in_progress", "delivered", "completed", "cancelled")
EXTENSION_STATUSES = ("pending", "approved", "rejected", "withdrawn")
MONEY_STATUSES = ("pending", "succeeded", "failed")


def now():
    """UTC now at the millisecond, the precision MongoDB stores (events then match the stored times)."""
    moment = datetime.now(timezone.utc)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


# --- read models fed by events -------------------------------------------------


class GigSnapshot(me.Document):
    """What order knows about a gig, from gig.created/updated/deleted."""

    gig_id = me.StringField(primary_key=True)
    seller_id = me.StringField(required=True)  # the seller's profile id
    seller_user_id = me.StringField(required=True)
    seller_username = me.StringField(default="")
    title = me.StringField(default="")
    price = me.Decimal128Field(required=True, precision=2)
    expected_delivery_days = me.IntField(default=0)
    revisions = me.IntField(default=1)  # included in an order of this gig
    cover_image = me.StringField(default="")
    active = me.BooleanField(default=True)
    deleted = me.BooleanField(default=False)
    # occurred_at of the event that wrote this version: an older event arriving late is ignored.
    source_event_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(default=now)

    meta = {"collection": "gig_snapshots"}

    def __str__(self):
        return f"{self.title} ({self.gig_id})"


class Offer(me.Document):
    """A custom offer a buyer accepted in chat (chat.offer.accepted), until ordered or cancelled."""

    message_id = me.StringField(primary_key=True)
    conversation_id = me.StringField(default="")
    gig_id = me.StringField(default="")  # blank on a cancellation that arrived before its acceptance
    seller_user_id = me.StringField(required=True)
    seller_username = me.StringField(default="")
    buyer_id = me.StringField(required=True)
    buyer_username = me.StringField(default="")
    price = me.Decimal128Field(required=True, precision=2)
    delivery_in_days = me.IntField(required=True)
    description = me.StringField(default="")
    expires_at = me.DateTimeField(null=True, default=None)  # past it the offer cannot be paid
    status = me.StringField(choices=("accepted", "cancelled"), default="accepted")
    order_id = me.StringField(null=True, default=None)
    source_event_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(default=now)

    meta = {"collection": "offers"}

    def __str__(self):
        return f"offer {self.message_id} ({self.status})"


class PayoutAccount(me.Document):
    """Where a seller's money goes at the payment provider (a Stripe connected account id); set by staff."""

    seller_user_id = me.StringField(primary_key=True)
    provider_account_id = me.StringField(required=True)
    updated_at = me.DateTimeField(default=now)

    meta = {"collection": "payout_accounts"}


# --- checkout ----------------------------------------------------------------------


class SellerRef(me.EmbeddedDocument):
    seller_id = me.StringField(required=True)  # profile id
    user_id = me.StringField(required=True)
    username = me.StringField(default="")


class BuyerRef(me.EmbeddedDocument):
    user_id = me.StringField(required=True)
    username = me.StringField(default="")


class GigRef(me.EmbeddedDocument):
    gig_id = me.StringField(required=True)
    title = me.StringField(default="")
    cover_image = me.StringField(default="")


class Checkout(me.Document):
    """The server's quote behind one payment intent: what is paid for, by whom, for how much.

    Keyed by the provider's intent id. POST /orders trusts these amounts (and
    the provider's word that they were paid), never the client's.
    """

    payment_intent_id = me.StringField(primary_key=True)
    provider = me.StringField(required=True)
    buyer = me.EmbeddedDocumentField(BuyerRef, required=True)
    seller = me.EmbeddedDocumentField(SellerRef, required=True)
    gig = me.EmbeddedDocumentField(GigRef, required=True)
    offer_id = me.StringField(null=True, default=None)
    quantity = me.IntField(required=True, min_value=1)
    price = me.Decimal128Field(required=True, precision=2)
    subtotal = me.Decimal128Field(required=True, precision=2)
    service_fee = me.Decimal128Field(required=True, precision=2)
    total = me.Decimal128Field(required=True, precision=2)
    currency = me.StringField(default="usd")
    client_secret = me.StringField(required=True)
    delivery_days = me.IntField(required=True, min_value=1)
    revisions = me.IntField(default=1)
    status = me.StringField(choices=("open", "ordered", "refunded"), default="open")
    order_id = me.StringField(null=True, default=None)
    created_at = me.DateTimeField(default=now)

    meta = {"collection": "checkouts", "indexes": [("buyer.user_id", "offer_id", "status")]}

    def __str__(self):
        return f"{self.payment_intent_id} ({self.status})"


# --- orders --------------------------------------------------------------------------


class Delivery(me.EmbeddedDocument):
    message = me.StringField(required=True)
    files = me.ListField(DeliveryFileField())  # uploads and links (plain strings in older records)
    delivered_at = me.DateTimeField(required=True)


class ExtensionRequest(me.EmbeddedDocument):
    days = me.IntField(required=True, min_value=1)
    reason = me.StringField(required=True)
    status = me.StringField(choices=EXTENSION_STATUSES, default="pending")
    requested_at = me.DateTimeField(required=True)
    decided_at = me.DateTimeField(null=True, default=None)


class RevisionRequest(me.EmbeddedDocument):
    message = me.StringField(required=True)
    requested_at = me.DateTimeField(required=True)


class TimelineEntry(me.EmbeddedDocument):
    kind = me.StringField(required=True)
    at = me.DateTimeField(required=True)
    by = me.StringField(default="")  # user id, or "" for the system
    note = me.StringField(default="")


class MoneyMovement(me.EmbeddedDocument):
    """A refund to the buyer or a payout to the seller, settled with the provider after the state change."""

    amount = me.Decimal128Field(required=True, precision=2)
    status = me.StringField(choices=MONEY_STATUSES, default="pending")
    reference = me.StringField(default="")
    error = me.StringField(default="")
    attempts = me.IntField(default=0)
    settled_at = me.DateTimeField(null=True, default=None)


class Order(me.Document):
    gig = me.EmbeddedDocumentField(GigRef, required=True)
    seller = me.EmbeddedDocumentField(SellerRef, required=True)
    buyer = me.EmbeddedDocumentField(BuyerRef, required=True)
    offer_id = me.StringField(null=True, default=None)
    quantity = me.IntField(required=True, min_value=1)
    price = me.Decimal128Field(required=True, precision=2)  # per unit
    subtotal = me.Decimal128Field(required=True, precision=2)  # price * quantity: the seller's earnings
    service_fee = me.Decimal128Field(required=True, precision=2)
    total = me.Decimal128Field(required=True, precision=2)  # what the buyer paid
    currency = me.StringField(default="usd")
    requirements = me.StringField(default="")
    status = me.StringField(choices=ORDER_STATUSES, default="in_progress")
    payment_intent_id = me.StringField(required=True, unique=True)
    payment_provider = me.StringField(required=True)
    delivery_due_at = me.DateTimeField(required=True)
    # What the buyer bought: the days each (re)start of the work gets, and the revisions included.
    delivery_days = me.IntField(default=0)
    revisions_included = me.IntField(default=1)
    revisions = me.ListField(me.EmbeddedDocumentField(RevisionRequest))
    # Set on delivery: the sweeper completes the order then unless the buyer decided first.
    auto_complete_at = me.DateTimeField(null=True, default=None)
    # Set (atomically, once per due date) when the parties were told the order is late.
    late_notified_at = me.DateTimeField(null=True, default=None)
    delivered_at = me.DateTimeField(null=True, default=None)
    completed_at = me.DateTimeField(null=True, default=None)
    cancelled_at = me.DateTimeField(null=True, default=None)
    cancelled_by = me.StringField(default="")  # "buyer" or "seller"
    deliveries = me.ListField(me.EmbeddedDocumentField(Delivery))
    extensions = me.ListField(me.EmbeddedDocumentField(ExtensionRequest))
    timeline = me.ListField(me.EmbeddedDocumentField(TimelineEntry))
    refund = me.EmbeddedDocumentField(MoneyMovement, null=True, default=None)
    payout = me.EmbeddedDocumentField(MoneyMovement, null=True, default=None)
    # Bumped by every state change; a write expecting an older version lost a race (409).
    version = me.IntField(default=0)
    created_at = me.DateTimeField(default=now)
    updated_at = me.DateTimeField(default=now)

    meta = {
        "collection": "orders",
        "indexes": [
            ("buyer.user_id", "-created_at"),
            ("seller.user_id", "-created_at"),
            "refund.status",
            "payout.status",
            ("status", "auto_complete_at"),
            ("status", "delivery_due_at"),
        ],
    }

    def __str__(self):
        return f"order {self.pk} ({self.status})"

    @property
    def pending_extension(self) -> ExtensionRequest | None:
        return next((ext for ext in self.extensions if ext.status == "pending"), None)

    @property
    def revisions_used(self) -> int:
        return len(self.revisions)

    @property
    def revisions_left(self) -> int:
        return max(0, self.revisions_included - self.revisions_used)

    def is_late(self, at: datetime | None = None) -> bool:
        """Still being worked on after its due date."""
        return self.status == "in_progress" and self.delivery_due_at < (at or now())

    def role_of(self, user_id: str) -> str | None:
        if str(user_id) == self.buyer.user_id:
            return "buyer"
        if str(user_id) == self.seller.user_id:
            return "seller"
        return None
