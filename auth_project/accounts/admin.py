from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from accounts.models import OneTimeToken, SessionFamily, User
from accounts.services.accounts import user_activate, user_deactivate
from accounts.services.sessions import sessions_revoke_all


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = ("username", "email", "country", "email_verified", "is_active", "is_staff", "date_joined")
    list_filter = ("email_verified", "is_active", "is_staff", "country")
    search_fields = ("username", "email", "country")
    readonly_fields = ("email_verified_at", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("email", "country", "profile_picture", "email_verified", "email_verified_at")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "country", "password1", "password2")}),
    )
    actions = ["deactivate", "activate"]

    @admin.action(description="Deactivate selected users (ends their sessions)")
    def deactivate(self, request, queryset):
        for user in queryset.filter(is_active=True):
            user_deactivate(user=user)
        self.message_user(request, "The selected users are deactivated.", messages.SUCCESS)

    @admin.action(description="Reactivate selected users")
    def activate(self, request, queryset):
        for user in queryset.filter(is_active=False):
            user_activate(user=user)
        self.message_user(request, "The selected users are active again.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Unticking "active" in the form must end sessions just like the action does.
        if change and "is_active" in form.changed_data and not obj.is_active:
            sessions_revoke_all(user=obj, reason="deactivated")


@admin.register(OneTimeToken)
class OneTimeTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "purpose", "created_at", "expires_at", "used_at")
    list_filter = ("purpose",)
    search_fields = ("user__username", "user__email")
    # The hash is useless to staff and should not be copied around.
    exclude = ("token_hash",)
    readonly_fields = ("user", "purpose", "created_at", "expires_at", "used_at")


@admin.register(SessionFamily)
class SessionFamilyAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "address", "created_at", "last_used_at", "revoked_at", "revoked_reason")
    list_filter = ("revoked_reason",)
    search_fields = ("user__username", "user__email", "id", "address")
    readonly_fields = (
        "id",
        "user",
        "user_agent",
        "address",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_reason",
    )
