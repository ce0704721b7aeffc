"""Staff tools: find reviews and orders, hide an abusive review or show it again.

Reviews are read-only here: a review's words and stars belong to its author.
Hiding goes through services so it publishes ``review.hidden`` /
``review.restored`` in the same transaction, letting services that count
ratings follow; the order rows are facts copied from events and never edited.
"""

from django.contrib import admin, messages

from reviews import services
from reviews.models import CompletedOrder, PlacedOrder, Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("id", "order_id", "reviewer_role", "reviewer_username", "rating", "hidden", "created_at")
    list_filter = ("hidden", "reviewer_role", "rating", "created_at")
    search_fields = (
        "=id",
        "=order__order_id",
        "=gig_id",
        "=seller_id",
        "=buyer_id",
        "=reviewer_id",
        "reviewer_username",
        "review",
    )
    date_hierarchy = "created_at"
    actions = ("hide_reviews", "restore_reviews")
    readonly_fields = [field.name for field in Review._meta.fields]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would free the side to review again and leave ratings counted elsewhere.
        return False

    @admin.action(description="Hide the selected reviews from public lists", permissions=["change"])
    def hide_reviews(self, request, queryset):
        hidden = sum(
            services.review_hide(review_id=pk, staff_username=request.user.get_username())
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(request, f"{hidden} review(s) hidden.", messages.SUCCESS)

    @admin.action(description="Show the selected hidden reviews again", permissions=["change"])
    def restore_reviews(self, request, queryset):
        restored = sum(services.review_restore(review_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, f"{restored} review(s) shown again.", messages.SUCCESS)


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CompletedOrder)
class CompletedOrderAdmin(_ReadOnlyAdmin):
    list_display = ("order_id", "gig_id", "seller_id", "seller_user_id", "buyer_id", "completed_at")
    list_filter = ("completed_at",)
    search_fields = ("=order_id", "=gig_id", "=seller_id", "=seller_user_id", "=buyer_id", "=event_id")
    date_hierarchy = "completed_at"


@admin.register(PlacedOrder)
class PlacedOrderAdmin(_ReadOnlyAdmin):
    list_display = ("order_id", "gig_id", "buyer_username", "seller_username", "placed_at")
    list_filter = ("placed_at",)
    search_fields = (
        "=order_id",
        "=gig_id",
        "=seller_id",
        "=seller_user_id",
        "=buyer_id",
        "buyer_username",
        "seller_username",
    )
    date_hierarchy = "placed_at"
