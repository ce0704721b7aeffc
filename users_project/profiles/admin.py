"""Buyers and sellers in the staff admin (/admin/users/), through shared.mongoadmin.

Staff may correct profiles but not add or delete them: buyers come from
accounts and sellers from their users, and other services hold their ids.
Saves go through the services so the cache is dropped and
``users.seller.updated`` published, exactly as for an edit through the API;
the statistics are read-only because only events may change them.
"""

from profiles import services
from profiles.documents import Buyer, Seller
from shared import mongoadmin

_IDENTITY = ("user_id", "username", "username_key", "email", "created_at", "updated_at")
_STATISTICS = (
    "ratings_count",
    "rating_sum",
    "rating_categories",
    "ongoing_jobs",
    "completed_jobs",
    "cancelled_jobs",
    "total_earnings_cents",
    "total_gigs",
    "recent_delivery",
)


class _ProfileAdmin(mongoadmin.DocumentAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@mongoadmin.register(Buyer)
class BuyerAdmin(_ProfileAdmin):
    list_display = ("username", "email", "country", "is_seller", "created_at")
    search_fields = ("username", "=email", "=user_id")
    list_filter = ("is_seller", "country")
    ordering = ("-created_at",)
    readonly_fields = (*_IDENTITY, "purchased_gigs")

    def save_document(self, request, document, form, change):
        services.buyer_save_from_admin(buyer=document)


@mongoadmin.register(Seller)
class SellerAdmin(_ProfileAdmin):
    list_display = ("username", "full_name", "ratings_count", "completed_jobs", "total_gigs", "created_at")
    search_fields = ("username", "full_name", "skills", "=user_id")
    list_filter = ("country",)
    ordering = ("-created_at",)
    readonly_fields = (*_IDENTITY, "country", "profile_picture", *_STATISTICS)

    def save_document(self, request, document, form, change):
        services.seller_save_profile(seller=document)
