"""Staff see every channel's sends with their status, and send a failed one again."""

from django.contrib import admin, messages

from notifications.channels.tasks import delivery_retry
from notifications.models import Delivery, NotificationPreferences, PushSubscription, VerifiedPhone


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "channel", "kind", "user_id", "target", "status", "attempts", "created_at", "sent_at")
    list_filter = ("channel", "status", "kind", "created_at")
    search_fields = ("user_id", "target", "event_id", "key")
    readonly_fields = [field.name for field in Delivery._meta.fields]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]

    @admin.action(description="Send the selected failed deliveries again")
    def retry_failed(self, request, queryset):
        retried = sum(delivery_retry(delivery=delivery) for delivery in queryset.filter(status=Delivery.Status.FAILED))
        skipped = queryset.count() - retried
        self.message_user(
            request,
            f"{retried} queued again; {skipped} skipped (not failed).",
            messages.SUCCESS if retried else messages.WARNING,
        )

    # A record of what was sent: staff retry it, nobody edits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("id", "user_id", "endpoint", "created_at")
    search_fields = ("id", "user_id", "endpoint")
    readonly_fields = ("id", "user_id", "endpoint", "p256dh", "auth", "expiration_time", "created_at")


@admin.register(NotificationPreferences)
class NotificationPreferencesAdmin(admin.ModelAdmin):
    list_display = ("user_id", "updated_at")
    search_fields = ("user_id",)


@admin.register(VerifiedPhone)
class VerifiedPhoneAdmin(admin.ModelAdmin):
    list_display = ("user_id", "phone", "verified_at")
    search_fields = ("user_id", "phone")
