from django.db import models


class Notification(models.Model):
    """An in-app notice for one user (an auth user id), shown in their inbox and pushed to their socket."""

    class Kind(models.TextChoices):
        WELCOME = "welcome"
        ORDER_PLACED = "order_placed"
        ORDER_RECEIVED = "order_received"
        ORDER_DELIVERED = "order_delivered"
        ORDER_COMPLETED = "order_completed"
        ORDER_CANCELLED = "order_cancelled"
        EXTENSION_REQUESTED = "extension_requested"
        EXTENSION_DECIDED = "extension_decided"
        REVIEW_RECEIVED = "review_received"
        CHAT_MESSAGE = "chat_message"
        REVISION_REQUESTED = "revision_requested"
        ORDER_LATE = "order_late"
        OFFER_RECEIVED = "offer_received"

    user_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    link = models.CharField(max_length=500, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    read = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    event_id = models.CharField(max_length=32, blank=True, default="", help_text="The event that caused it.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The inbox page in its sort (selectors.notification_inbox): no sort step, whatever the inbox's size.
            models.Index(fields=["user_id", "-created_at", "-id"], name="notif_inbox"),
            models.Index(fields=["user_id"], condition=models.Q(read=False), name="notif_unread"),
            # The unread-only page in the same sort.
            models.Index(
                fields=["user_id", "-created_at", "-id"], condition=models.Q(read=False), name="notif_unread_inbox"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title}"


class SentEmail(models.Model):
    """The log of e-mails handed to the mail server (written in the same transaction as the send)."""

    to_email = models.EmailField()
    user_id = models.CharField(max_length=64, blank=True, default="")
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    event_id = models.CharField(max_length=32, blank=True, default="", db_index=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class Contact(models.Model):
    """Where to e-mail a user, learnt from auth events (order events carry ids, not addresses)."""

    user_id = models.CharField(max_length=64, primary_key=True)
    username = models.CharField(max_length=150, blank=True, default="")
    email = models.EmailField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.username or self.user_id} <{self.email}>"


class OrderParties(models.Model):
    """Who is on each side of an order, learnt from order events.

    Some later events name only the seller's profile id (extensions) or only the
    reviewer (reviews); this tells us which auth user to notify without calling
    another service.
    """

    order_id = models.CharField(max_length=64, primary_key=True)
    buyer_id = models.CharField(max_length=64)
    seller_id = models.CharField(max_length=64, db_index=True)
    seller_user_id = models.CharField(max_length=64)
    buyer_username = models.CharField(max_length=150, blank=True, default="")
    seller_username = models.CharField(max_length=150, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "order parties"

    def __str__(self) -> str:
        return f"order {self.order_id}: buyer {self.buyer_id}, seller {self.seller_user_id}"


from notifications.channels.models import (  # noqa: E402,F401 - the channel models live beside their code
    Delivery,
    NotificationPreferences,
    PushSubscription,
    VerifiedPhone,
)
