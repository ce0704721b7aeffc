"""The channel task: one delivery per task, retried with backoff, parked as ``failed`` when spent.

The row is locked while it is sent, and a row already sent is skipped, so a
task redelivered by the broker (or queued twice) never sends twice. A failed
row is the channel's dead letter: ``delivery_retry`` (the admin's action)
sends it again.
"""

from __future__ import annotations

import logging
import random

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from notifications.channels.base import PermanentFailure, TargetGone
from notifications.channels.email import EmailSender
from notifications.channels.push import PushSender
from notifications.channels.sms import SmsSender
from notifications.models import Delivery

logger = logging.getLogger(__name__)

SENDERS = {sender.channel: sender for sender in (EmailSender(), SmsSender(), PushSender())}
MAX_RETRIES = 6
MAX_BACKOFF = 600
Status = Delivery.Status


class SendFailed(Exception):
    """The send failed in a way a retry may fix; the row says so already."""


def _finish(delivery: Delivery, status: str, error: str = "") -> None:
    delivery.status, delivery.last_error = status, error[:2000]
    if status == Status.SENT:
        delivery.sent_at, delivery.last_error = timezone.now(), ""
        if delivery.content.get("secret"):
            delivery.content = {"secret": True}  # a code or reset link must not outlive its send
    delivery.save(update_fields=["status", "last_error", "sent_at", "content", "attempts", "updated_at"])


def delivery_send(*, delivery_id: int) -> Delivery | None:
    """Send one delivery unless it was sent or given up; raises ``SendFailed`` when a retry may help."""
    failure = None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(id=delivery_id).first()
        if delivery is None or delivery.status not in (Status.PENDING, Status.RETRYING):
            return delivery
        delivery.attempts += 1
        try:
            with transaction.atomic():  # a failed send leaves no log row behind (SentEmail)
                SENDERS[delivery.channel].send(delivery)
        except TargetGone as exc:
            SENDERS[delivery.channel].forget(delivery)
            _finish(delivery, Status.GONE, str(exc))
        except PermanentFailure as exc:
            logger.error("%s delivery %s refused: %s", delivery.channel, delivery.id, exc)
            _finish(delivery, Status.FAILED, str(exc))
        except Exception as exc:
            failure = exc
            _finish(delivery, Status.RETRYING, f"{type(exc).__name__}: {exc}")
        else:
            _finish(delivery, Status.SENT)
    if failure is not None:
        raise SendFailed(str(failure)) from failure
    return delivery


def delivery_give_up(*, delivery_id: int) -> None:
    Delivery.objects.filter(id=delivery_id, status=Status.RETRYING).update(
        status=Status.FAILED, updated_at=timezone.now()
    )


def delivery_retry(*, delivery: Delivery) -> bool:
    """Staff's retry of a failed send: back to pending and queued again; False if it was not failed."""
    with transaction.atomic():
        if not Delivery.objects.filter(id=delivery.id, status=Status.FAILED).update(
            status=Status.PENDING, last_error=""
        ):
            return False
        from notifications.channels.dispatch import delivery_enqueue

        transaction.on_commit(lambda: delivery_enqueue(delivery.id))
    return True


def _backoff(retries: int) -> float:
    return min(5 * 2**retries, MAX_BACKOFF) * random.uniform(0.8, 1.2)


@shared_task(
    name="notifications.delivery.send", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES
)
def delivery_send_task(self, delivery_id: int) -> None:
    try:
        delivery_send(delivery_id=delivery_id)
    except SendFailed as exc:
        if self.request.retries >= self.max_retries:
            logger.error(
                "delivery %s failed %s times; parked as failed (retry it from the admin)",
                delivery_id,
                self.request.retries + 1,
            )
            delivery_give_up(delivery_id=delivery_id)
            return
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
