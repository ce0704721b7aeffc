"""Staff views of the order documents (shared.mongoadmin), at /admin/order/."""
from orders.documents import Checkout, GigSnapshot, Offer, Order, PayoutAccount
from orders.payments.sandbox import SandboxPaymentIntent, SandboxPayout, SandboxRefund
from shared import mongoadmin

mongoadmin.site.register(
    Order,
    list_display=["__str__", "status", "total", "created_at", "delivery_due_at"],
    search_fields=["=payment_intent_id", "gig__title", "=buyer__user_id", "=seller__user_id"],
    list_filter=["status"],
    ordering=["-created_at"],
)
mongoadmin.site.register(
    GigSnapshot,
    list_display=["gig_id", "title", "price", "active", "deleted", "updated_at"],
    search_fields=["title", "=gig_id", "=seller_user_id"],
    list_filter=["active", "deleted"],
)
mongoadmin.site.register(
    Offer,
    list_display=["message_id", "gig_id", "price", "status", "order_id"],
    search_fields=["=message_id", "=buyer_id", "=seller_user_id"],
    list_filter=["status"],
)
mongoadmin.site.register(
    Checkout,
    list_display=["payment_intent_id", "provider", "total", "status", "created_at"],
    search_fields=["=payment_intent_id", "=order_id"],
    list_filter=["status", "provider"],
    ordering=["-created_at"],
)
mongoadmin.site.register(PayoutAccount, list_display=["seller_user_id", "provider_account_id", "updated_at"])
mongoadmin.site.register(
    SandboxPaymentIntent, list_display=["intent_id", "status", "amount", "amount_refunded", "created_at"],
    search_fields=["=intent_id"], ordering=["-created_at"],
)
mongoadmin.site.register(SandboxRefund, list_display=["refund_id", "intent_id", "amount", "created_at"],
                         ordering=["-created_at"])
mongoadmin.site.register(SandboxPayout, list_display=["payout_id", "seller_user_id", "amount", "created_at"],
                         ordering=["-created_at"])
