"""The one interface every channel implements, and how a send may fail."""

from __future__ import annotations

from typing import Protocol

from notifications.models import Delivery


class PermanentFailure(Exception):
    """Sending again cannot help (a refused number, a malformed subscription): no retry."""


class TargetGone(PermanentFailure):
    """The target no longer exists (a push service's 404/410): forget it."""


class ChannelSender(Protocol):
    channel: str

    def send(self, delivery: Delivery) -> None:
        """Send one delivery; raise ``PermanentFailure`` to stop, anything else to be retried."""

    def forget(self, delivery: Delivery) -> None:
        """The target is gone (``TargetGone``): drop what points at it."""
