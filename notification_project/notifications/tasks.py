"""Celery discovers ``<app>.tasks``: the channel task lives with its channels."""

from notifications.channels.tasks import delivery_send_task  # noqa: F401
