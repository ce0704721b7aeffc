"""Staff views of the order documents (shared.mongoadmin), at /admin/order/.

Orders, checkouts, the read models and the sandbox ledger are read-only
here: their writes must go through the services (events, refunds, payouts)
or come from events, and an admin edit would bypass all of that. Payout
accounts are the one thing staff maintain by hand.
"""

from orders.documents import Checkout, GigSnapshot, Offer, Order, PayoutAccount
from orders.payments.sandbox import SandboxPaymentIntent, SandboxPayout, SandboxRefund
from shared import mongoadmin


class ReadOnlyAdmin(mongoadmin.DocumentAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(self.perm("view")) or request.user.has_perm(self.perm("change"))


@mongoadmin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "total", "created_at", "delivery_due_at")
    search_fields = ("=payment_intent_id", "gig__title", "=buyer__user_id", "=seller__user_id")
    list_filter = ("status",)
    ordering = ("-created_at",)


@mongoadmin.register(Checkout)
class CheckoutAdmin(ReadOnlyAdmin):
    list_display = ("payment_intent_id", "provider", "total", "status", "created_at")
    search_fields = ("=payment_intent_id", "=order_id")
    list_filter = ("status", "provider")
    ordering = ("-created_at",)


@mongoadmin.register(GigSnapshot)
class GigSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("gig_id", "title", "price", "active", "deleted", "updated_at")
    search_fields = ("title", "=gig_id", "=seller_user_id")
    list_filter = ("active", "deleted")


@mongoadmin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ("message_id", "gig_id", "price", "status", "order_id")
    search_fields = ("=message_id", "=buyer_id", "=seller_user_id")
    list_filter = ("status",)


@mongoadmin.register(SandboxPaymentIntent)
class SandboxPaymentIntentAdmin(ReadOnlyAdmin):
    list_display = ("intent_id", "status", "amount", "amount_refunded", "created_at")
    search_fields = ("=intent_id",)
    ordering = ("-created_at",)


@mongoadmin.register(SandboxRefund)
class SandboxRefundAdmin(ReadOnlyAdmin):
    list_display = ("refund_id", "intent_id", "amount", "created_at")
    ordering = ("-created_at",)


@mongoadmin.register(SandboxPayout)
class SandboxPayoutAdmin(ReadOnlyAdmin):
    list_display = ("payout_id", "seller_user_id", "amount", "created_at")
    ordering = ("-created_at",)


mongoadmin.site.register(PayoutAccount, list_display=["seller_user_id", "provider_account_id", "updated_at"])
