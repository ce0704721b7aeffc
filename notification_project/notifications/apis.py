from ninja import Query, Router

from notifications.schemas import NotificationOut, NotificationPageIn, NotificationPageOut, ReadAllOut
from notifications.selectors import notification_inbox
from notifications.services import notification_mark_all_read, notification_mark_read
from shared.api_ninja import BearerAuth
from shared.openapi import errors

router = Router(tags=["notifications"], auth=BearerAuth())


@router.get("", response=NotificationPageOut, summary="The signed-in user's notifications, newest first")
def notifications_list(request, query: Query[NotificationPageIn]):
    items, total, unread = notification_inbox(
        user_id=request.auth.id, page=query.page, size=query.size, unread_only=query.unread_only
    )
    return {"items": items, "total": total, "unread": unread, "page": query.page, "size": query.size}


@router.post("/read-all", response=ReadAllOut, summary="Mark every notification of the signed-in user read")
def notifications_read_all(request):
    return {"updated": notification_mark_all_read(user_id=request.auth.id), "unread": 0}


@router.post(
    "/{notification_id}/read",
    response=NotificationOut,
    summary="Mark one of your notifications read",
    openapi_extra=errors(404),
)
def notification_read(request, notification_id: str):
    return notification_mark_read(notification_id=notification_id, user_id=request.auth.id)
