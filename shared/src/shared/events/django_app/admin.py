from django.contrib import admin

from shared.events.django_app.dead_letters_admin import DeadLetterAdmin
from shared.events.django_app.models import DeadLetter, OutboxEvent, ProcessedEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ("name", "event_id", "created_at", "published_at", "attempts")
    list_filter = ("name", ("published_at", admin.EmptyFieldListFilter))
    search_fields = ("event_id", "name")
    readonly_fields = ("event_id", "name", "envelope", "created_at", "published_at", "attempts", "last_error")


@admin.register(ProcessedEvent)
class ProcessedEventAdmin(admin.ModelAdmin):
    list_display = ("handler", "event_id", "processed_at")
    search_fields = ("event_id", "handler")
    readonly_fields = ("event_id", "handler", "processed_at")


admin.site.register(DeadLetter, DeadLetterAdmin)
