"""Staff views of gigs and sellers (shared.mongoadmin), at /admin/gig/."""

from django.contrib import admin

from gigs.documents import Gig, Seller
from gigs.services import gig_change, gig_remove
from shared import mongoadmin


@mongoadmin.register(Gig)
class GigAdmin(mongoadmin.DocumentAdmin):
    list_display = ("title", "username", "category", "price", "active", "rating")
    search_fields = ("title", "=username", "=seller_id", "tags")
    list_filter = ("category", "active")
    ordering = ("-created_at",)
    readonly_fields = (
        "seller_id",
        "seller_user_id",
        "username",
        "ratings_count",
        "rating_sum",
        "rating_categories",
        "created_at",
        "updated_at",
    )

    @admin.display(description="Rating")
    def rating(self, gig):
        return f"{gig.average_rating:.2f} ({gig.ratings_count})"

    def has_add_permission(self, request):
        return False  # a gig belongs to a seller: sellers create them through the API

    def save_document(self, request, document, form, change):
        # Through the service, so the listing, the event and the search index follow.
        gig_change(gig=document, changes={name: getattr(document, name) for name in form.changed_data})

    def delete_document(self, request, document):
        gig_remove(gig=document)


@mongoadmin.register(Seller)
class SellerAdmin(mongoadmin.DocumentAdmin):
    """A copy of the users service's sellers, fed by events: read only here."""

    list_display = ("username", "full_name", "seller_id", "user_id", "updated_at")
    search_fields = ("=username", "full_name", "=seller_id", "=user_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
