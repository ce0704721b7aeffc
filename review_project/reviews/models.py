"""Reviews and the order facts that decide who may write them.

Who may review is learnt from order events, never from the client: a
PlacedOrder row says an order exists and who its parties are, a
CompletedOrder row says it may now be reviewed.
"""

from django.db import models
from django.db.models import Q


class PlacedOrder(models.Model):
    """An order the order service created (from ``order.created``)."""

    order_id = models.CharField(max_length=64, unique=True)
    gig_id = models.CharField(max_length=64)
    seller_id = models.CharField(max_length=64, help_text="Seller profile id.")
    seller_user_id = models.CharField(max_length=64, help_text="Seller's auth user id.")
    buyer_id = models.CharField(max_length=64, help_text="Buyer's auth user id.")
    buyer_username = models.CharField(max_length=150, blank=True, default="")
    seller_username = models.CharField(max_length=150, blank=True, default="")
    placed_at = models.DateTimeField()
    event_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-placed_at", "-id"]

    def __str__(self) -> str:
        return f"order {self.order_id} (placed)"


class CompletedOrder(models.Model):
    """An order its buyer approved (from ``order.completed``): both parties may now review it."""

    order_id = models.CharField(max_length=64, unique=True)
    gig_id = models.CharField(max_length=64)
    seller_id = models.CharField(max_length=64, help_text="Seller profile id.")
    seller_user_id = models.CharField(max_length=64, help_text="Seller's auth user id.")
    buyer_id = models.CharField(max_length=64, help_text="Buyer's auth user id.")
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField()
    event_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-completed_at", "-id"]

    def __str__(self) -> str:
        return f"order {self.order_id} (completed)"


class Review(models.Model):
    class Role(models.TextChoices):
        BUYER = "buyer", "Buyer reviews the seller's work"
        SELLER = "seller", "Seller reviews the buyer"

    # to_field keeps the public order id in the column, so `review.order_id` is that id.
    order = models.ForeignKey(
        CompletedOrder, to_field="order_id", db_column="order_id", on_delete=models.PROTECT, related_name="reviews"
    )
    # Copied from the order so public lists filter one table through one index.
    gig_id = models.CharField(max_length=64)
    seller_id = models.CharField(max_length=64)
    seller_user_id = models.CharField(max_length=64)
    buyer_id = models.CharField(max_length=64)
    reviewer_id = models.CharField(max_length=64)
    reviewer_username = models.CharField(max_length=150, blank=True, default="")
    reviewer_role = models.CharField(max_length=10, choices=Role.choices)
    rating = models.PositiveSmallIntegerField()
    review = models.TextField(max_length=2000)
    hidden = models.BooleanField(default=False, help_text="Hidden by staff: left out of public lists and summaries.")
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "reviewer_role"], name="review_once_per_side"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
            models.CheckConstraint(condition=Q(reviewer_role__in=["buyer", "seller"]), name="review_role_known"),
        ]
        # Partial indexes match the public lists exactly: visible reviews of one side, newest first.
        indexes = [
            models.Index(
                fields=["gig_id", "-created_at", "-id"],
                condition=Q(reviewer_role="buyer", hidden=False),
                name="review_gig_newest",
            ),
            models.Index(
                fields=["seller_id", "-created_at", "-id"],
                condition=Q(reviewer_role="buyer", hidden=False),
                name="review_seller_newest",
            ),
            models.Index(
                fields=["buyer_id", "-created_at", "-id"],
                condition=Q(reviewer_role="seller", hidden=False),
                name="review_buyer_newest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ by {self.reviewer_role} {self.reviewer_username or self.reviewer_id} on {self.order_id}"

    @property
    def review_type(self) -> str:
        """The reference app's name for the side: "buyer-review" or "seller-review"."""
        return f"{self.reviewer_role}-review"
