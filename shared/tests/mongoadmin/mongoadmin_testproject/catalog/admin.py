from decimal import Decimal

from django.contrib import admin

from mongoadmin_testproject.catalog.documents import Gig, Seller
from mongoadmin_testproject.catalog.models import Note
from shared import mongoadmin

mongoadmin.site.register(
    Seller,
    list_display=["username", "email", "country", "is_verified", "jobs_completed"],
    search_fields=["username", "email", "skills"],
    list_filter=["country", "is_verified"],
    list_per_page=5,
)


@mongoadmin.register(Gig)
class GigAdmin(mongoadmin.DocumentAdmin):
    list_display = ("title", "slug", "seller_name", "status")
    search_fields = ("title", "=slug")
    list_filter = ("status",)
    readonly_fields = ("tags", "price_with_fee")

    @admin.display(description="Seller")
    def seller_name(self, gig):
        return gig.seller.username if gig.seller else None

    @admin.display(description="Price with the 10% fee")
    def price_with_fee(self, gig):
        return (gig.price * Decimal("1.10")).quantize(Decimal("0.01"))


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    pass
