from django.db import models


class OutboxEvent(models.Model):
    """An event written with its data; ``published_at`` is set once the broker confirmed it."""

    event_id = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=100, db_index=True)
    envelope = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["published_at", "created_at"], name="events_outbox_pending")]

    def __str__(self) -> str:
        return f"{self.name} {self.event_id}"


class ProcessedEvent(models.Model):
    """The mark that one handler has handled one event (idempotent consumers)."""

    event_id = models.CharField(max_length=32)
    handler = models.CharField(max_length=200)
    processed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event_id", "handler"], name="events_processed_once")]

    def __str__(self) -> str:
        return f"{self.handler} {self.event_id}"


class DeadLetter(models.Model):  # noqa: DJ008 - no rows, so nothing to print: the admin's handle
    """Not a table: the admin's handle on the messages parked in the broker's dead-letter queue.

    Being a model gives the admin page its place in every service's index and
    the usual view/change/delete permissions (view to look, change to replay,
    delete to discard).
    """

    class Meta:
        managed = False
        default_permissions = ("view", "change", "delete")
        verbose_name = "dead letter"
        verbose_name_plural = "dead letters"
