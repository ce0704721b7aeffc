from django.contrib import admin

from notifications.models import Contact, Notification, OrderParties, SentEmail


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("id", "user_id", "kind", "title", "read", "created_at")
    list_filter = ("kind", "read", "created_at")
    search_fields = ("user_id", "title", "body", "event_id")
    readonly_fields = ("created_at", "read_at", "event_id")
    date_hierarchy = "created_at"


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ("id", "to_email", "subject", "template", "user_id", "sent_at")
    list_filter = ("template", "sent_at")
    search_fields = ("to_email", "subject", "user_id", "event_id")
    date_hierarchy = "sent_at"

    # The log records what was sent: staff read it, nobody edits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user_id", "username", "email", "updated_at")
    search_fields = ("user_id", "username", "email")


@admin.register(OrderParties)
class OrderPartiesAdmin(admin.ModelAdmin):
    list_display = ("order_id", "buyer_id", "buyer_username", "seller_user_id", "seller_username", "updated_at")
    search_fields = ("order_id", "buyer_id", "seller_id", "seller_user_id", "buyer_username", "seller_username")


from notifications.channels import admin as channel_admin  # noqa: E402,F401 - deliveries, subscriptions, preferences
