import logging
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.channels.dispatch import direct_delivery_plan, notice_deliveries_plan
from notifications.channels.kinds import EMAIL_VERIFICATION, PASSWORD_CHANGED, PASSWORD_RESET
from notifications.channels.preferences import notification_insert_with_reach
from notifications.models import Contact, Notification, OrderParties
from notifications.push import push_to_user
from notifications.schemas import notification_as_json
from notifications.selectors import notification_get_for_user

logger = logging.getLogger(__name__)


def notification_create(
    *, user_id: str, kind: str, title: str, body: str = "", link: str = "", data: dict | None = None, event_id: str = ""
) -> Notification:
    """Store a notification and push it to the owner's sockets once it is committed."""
    notification = Notification.objects.create(
        user_id=str(user_id), kind=kind, title=title[:200], body=body, link=link, data=data or {}, event_id=event_id
    )
    _push_after_commit(notification)
    return notification


def _push_after_commit(notification: Notification) -> None:
    # After commit: a rolled-back handler must not push a notice that does not exist.
    transaction.on_commit(partial(push_to_user, notification.user_id, notification_as_json(notification)))


def notification_mark_read(*, notification_id: str, user_id: str) -> Notification:
    notification = notification_get_for_user(notification_id=notification_id, user_id=user_id)
    if not notification.read:
        notification.read, notification.read_at = True, timezone.now()
        notification.save(update_fields=["read", "read_at"])
    return notification


def notification_mark_all_read(*, user_id: str) -> int:
    return Notification.objects.filter(user_id=user_id, read=False).update(read=True, read_at=timezone.now())


def contact_remember(*, user_id: str, username: str, email: str) -> Contact:
    contact, _ = Contact.objects.update_or_create(user_id=str(user_id), defaults={"username": username, "email": email})
    return contact


def order_parties_remember(
    *,
    order_id: str,
    buyer_id: str,
    seller_id: str,
    seller_user_id: str,
    buyer_username: str = "",
    seller_username: str = "",
) -> OrderParties:
    """Record who buys and who sells; later events without usernames keep the ones we know.

    One upsert statement (INSERT ... ON CONFLICT DO UPDATE): update_or_create
    costs six (savepoints, a locking read, the insert) on every order event.
    """
    parties = OrderParties(
        order_id=order_id,
        buyer_id=buyer_id,
        seller_id=seller_id,
        seller_user_id=seller_user_id,
        buyer_username=buyer_username,
        seller_username=seller_username,
    )
    changed = ["buyer_id", "seller_id", "seller_user_id", "updated_at"]
    changed += [name for name in ("buyer_username", "seller_username") if getattr(parties, name)]
    OrderParties.objects.bulk_create(
        [parties], update_conflicts=True, unique_fields=["order_id"], update_fields=changed
    )
    return parties


def notice_notify(*, user_id: str, notice, event_id: str = "") -> Notification:
    """The inbox notice, and its e-mail, SMS and push as the user's preferences say (planned in this transaction).

    The notice's INSERT also reads what the plan needs of the user (one round trip on PostgreSQL).
    """
    notification = Notification(
        user_id=str(user_id),
        kind=notice.kind,
        title=notice.title[:200],
        body=notice.body,
        link=notice.link,
        data=notice.data or {},
        event_id=event_id,
    )
    reach = notification_insert_with_reach(notification)
    _push_after_commit(notification)
    payload = notification_as_json(notification)
    notice_deliveries_plan(notification=notification, notice=notice, payload=payload, reach=reach)
    return notification


def _account_email(*, kind: str, template: str, user_id: str, username: str, email: str, event_id: str, **context):
    """An account e-mail (locked kind: always sent) through the e-mail channel's task."""
    if not email:
        logger.warning("auth event %s has no e-mail address for user %s: %s not sent", event_id, user_id, template)
        return None
    content = {"template": template, "context": {"username": username, **context}}
    return direct_delivery_plan(
        channel="email", kind=kind, user_id=user_id, target=email, content=content, event_id=event_id
    )


def verification_email_send(*, user_id: str, username: str, email: str, token: str, event_id: str = ""):
    link = f"{settings.CLIENT_URL}/confirm_email?{urlencode({'token': token})}"
    return _account_email(
        kind=EMAIL_VERIFICATION,
        template="verify_email",
        user_id=user_id,
        username=username,
        email=email,
        event_id=event_id,
        link=link,
    )


def password_reset_email_send(*, user_id: str, username: str, email: str, token: str, event_id: str = ""):
    link = f"{settings.CLIENT_URL}/reset_password?{urlencode({'token': token})}"
    return _account_email(
        kind=PASSWORD_RESET,
        template="reset_password",
        user_id=user_id,
        username=username,
        email=email,
        event_id=event_id,
        link=link,
    )


def password_changed_email_send(*, user_id: str, username: str, email: str, event_id: str = ""):
    link = f"{settings.CLIENT_URL}/forgot_password"
    return _account_email(
        kind=PASSWORD_CHANGED,
        template="password_changed",
        user_id=user_id,
        username=username,
        email=email,
        event_id=event_id,
        link=link,
    )
