"""Planning sends: which channels a notice goes by, as ``Delivery`` rows keyed so a replay finds them.

Called inside the transaction that stores the notice (or handles the account
event), so the plan commits with it; the rows are handed to the channel task
after commit. A row whose key exists is not planned again, and the task sends
a row at most once, so a redelivered event sends nothing twice on any channel.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

from django.conf import settings
from django.db import transaction

from notifications.channels.email import template_for
from notifications.channels.preferences import Reach, reach_get, wanted_of
from notifications.models import Delivery, Notification

PUSH_FIELDS = ("id", "kind", "title", "body", "link", "data")
SMS_MAX = 320  # two segments: an SMS is a nudge, the app has the rest


def _key(*parts: str) -> str:
    return ":".join(str(part) for part in parts)[:255]


def sms_text(notice) -> str:
    link = f" {settings.CLIENT_URL}{notice.link}" if notice.link else ""
    text = f"{notice.title}. {notice.body}".strip()
    return text[: SMS_MAX - len(link)] + link


def _notice_email(notice, base: str, reach: Reach) -> Delivery | None:
    address = reach.email
    if not address:
        return None
    context = {"notice": asdict(notice), "action_url": f"{settings.CLIENT_URL}{notice.link}"}
    return Delivery(
        key=_key(base, "email"),
        channel="email",
        target=address,
        content={"template": template_for(notice.kind), "context": context},
    )


def _notice_sms(notice, base: str, reach: Reach) -> Delivery | None:
    phone = reach.phone  # SMS go only to numbers the user proved
    if not phone:
        return None
    return Delivery(key=_key(base, "sms"), channel="sms", target=phone, content={"body": sms_text(notice)})


def _notice_push(payload: dict, base: str, reach: Reach) -> list[Delivery]:
    return [
        Delivery(key=_key(base, "push", sub), channel="push", target=sub, content={"payload": payload})
        for sub in reach.subscriptions
    ]


def notice_deliveries_plan(
    *, notification: Notification, notice, payload: dict, reach: Reach | None = None
) -> list[int]:
    """Plan the e-mail, SMS and push of one stored notice, as the user's preferences say.

    What it needs of the user (choices, address, phone, subscriptions) is one query (``reach_get``),
    or was read with the notice's INSERT (``reach``).
    """
    reach = reach or reach_get(user_id=notification.user_id)
    wanted = wanted_of(notification.kind, reach.choices)
    base = _key(notification.event_id or f"n{notification.pk}", notification.user_id, notification.kind)
    planned: list[Delivery] = []
    if wanted["email"]:
        planned.append(_notice_email(notice, base, reach))
    if wanted["sms"]:
        planned.append(_notice_sms(notice, base, reach))
    if wanted["push"]:
        planned += _notice_push({name: payload[name] for name in PUSH_FIELDS}, base, reach)
    return deliveries_enqueue(
        [d for d in planned if d is not None],
        kind=notification.kind,
        user_id=notification.user_id,
        event_id=notification.event_id,
        notification=notification,
    )


def direct_delivery_plan(
    *, channel: str, kind: str, user_id: str, target: str, content: dict, event_id: str
) -> list[int]:
    """A send that is not an inbox notice (account e-mails, codes); secrets are erased once sent."""
    delivery = Delivery(
        key=_key(event_id, user_id, kind, channel), channel=channel, target=target, content={**content, "secret": True}
    )
    return deliveries_enqueue([delivery], kind=kind, user_id=user_id, event_id=event_id)


def deliveries_enqueue(planned: list[Delivery], **common) -> list[int]:
    """Store the plan (skipping keys already planned) and hand the pending rows to the task after commit."""
    if not planned:
        return []
    for delivery in planned:
        for name, value in common.items():
            setattr(delivery, name, value)
    Delivery.objects.bulk_create(planned, ignore_conflicts=True)
    ids = list(
        Delivery.objects.filter(key__in=[d.key for d in planned], status=Delivery.Status.PENDING).values_list(
            "id", flat=True
        )
    )
    for delivery_id in ids:
        transaction.on_commit(partial(delivery_enqueue, delivery_id))
    return ids


def delivery_enqueue(delivery_id: int) -> None:
    from notifications.channels.tasks import delivery_send_task

    delivery_send_task.delay(delivery_id)
