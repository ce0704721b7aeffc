from django.db.models import Count, Q, QuerySet

from notifications.models import Contact, Notification, OrderParties
from shared.errors import NotFound


def notification_inbox(
    *, user_id: str, page: int, size: int, unread_only: bool = False
) -> tuple[list[Notification], int, int]:
    """The inbox: one page newest first, how many there are (of the kind asked) and how many unread.

    One query when the first page holds the whole inbox (most people's), else the page and one count of both.
    """
    queryset: QuerySet[Notification] = Notification.objects.filter(user_id=user_id)
    if unread_only:
        queryset = queryset.filter(read=False)
    start = (page - 1) * size
    items = list(queryset.order_by("-created_at", "-id")[start : start + size])
    if page == 1 and len(items) < size:  # the whole inbox (of this kind) is on this page
        return items, len(items), len(items) if unread_only else sum(1 for item in items if not item.read)
    counts = Notification.objects.filter(user_id=user_id).aggregate(
        total=Count("id"), unread=Count("id", filter=Q(read=False))
    )
    return items, counts["unread"] if unread_only else counts["total"], counts["unread"]


def notification_get_for_user(*, notification_id: str, user_id: str) -> Notification:
    """The user's own notification; someone else's answers 404 so ids cannot be probed."""
    if not str(notification_id).isdigit():
        raise NotFound("No such notification.", "notification_not_found")
    notification = Notification.objects.filter(id=int(notification_id), user_id=user_id).first()
    if notification is None:
        raise NotFound("No such notification.", "notification_not_found")
    return notification


def contact_email(*, user_id: str) -> str:
    """The user's e-mail address as auth last told us, or "" when we never heard of them."""
    return Contact.objects.filter(user_id=user_id).values_list("email", flat=True).first() or ""


def order_parties_get(*, order_id: str) -> OrderParties | None:
    return OrderParties.objects.filter(order_id=order_id).first()


def seller_user_id_find(*, order_id: str, seller_id: str) -> str:
    """The auth user id of an order's seller, from the order or any order of the same seller profile."""
    parties = order_parties_get(order_id=order_id)
    if parties is None:
        parties = OrderParties.objects.filter(seller_id=seller_id).order_by("-updated_at").first()
    return parties.seller_user_id if parties else ""


def notifications_missed(*, user_id: str, after_id: int, limit: int) -> tuple[list[Notification], bool]:
    """The user's notifications newer than ``after_id``, oldest first, and whether more were left out."""
    rows = list(Notification.objects.filter(user_id=user_id, id__gt=after_id).order_by("id")[: limit + 1])
    return rows[:limit], len(rows) > limit
