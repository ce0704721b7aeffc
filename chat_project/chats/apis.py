"""The chat routes of API.md, plus ``/offers/{id}/withdraw`` for the offer's sender."""

from __future__ import annotations

from http import HTTPStatus

from ninja import Query, Router, Status

from chats import presenters, selectors, services
from chats.attachments import message_send_with_file
from chats.message_input import MESSAGE_BODY_DOCS, message_form_input, message_json_input
from chats.presence import presence_of
from chats.schemas import (
    ConversationPageOut,
    MessageOut,
    MessagePageOut,
    MessagePageParams,
    PageParams,
    ReadOut,
)
from shared.api_ninja import BearerAuth
from shared.openapi import errors

router = Router(tags=["chat"], auth=BearerAuth())


def _signed_in(request):
    user = request.auth
    services.user_remember(user_id=user.id, username=user.username)
    return user


@router.post("/chat/messages", response={201: MessageOut}, openapi_extra={**MESSAGE_BODY_DOCS, **errors(400, 403, 404)})
def message_send(request):
    if request.content_type == "multipart/form-data":
        payload, upload = message_form_input(request)
        message = message_send_with_file(sender=request.auth, upload=upload, **payload)
    else:
        message = services.message_send(sender=request.auth, **message_json_input(request).model_dump())
    return Status(HTTPStatus.CREATED, presenters.message_data(message))


@router.get("/chat/conversations", response=ConversationPageOut)
def conversation_list(request, params: Query[PageParams]):
    user = _signed_in(request)
    rows, total = selectors.conversation_list(user_id=user.id, page=params.page, size=params.size)
    partners = {c.pk: c.other_participant(user.id).user_id for c, _latest in rows}
    online = presence_of(user_ids=list(dict.fromkeys(partners.values())))
    items = [
        presenters.conversation_data(c, user_id=user.id, latest=latest, presence=online.get(partners[c.pk]))
        for c, latest in rows
    ]
    return {"items": items, "total": total, "page": params.page, "size": params.size}


@router.get(
    "/chat/conversations/{conversation_id}/messages", response=MessagePageOut, openapi_extra=errors(400, 403, 404)
)
def message_list(request, conversation_id: str, params: Query[MessagePageParams]):
    user = _signed_in(request)
    conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user_id=user.id)
    page = selectors.message_page(
        conversation=conversation, before=params.before, after=params.after, limit=params.limit
    )
    items = [presenters.message_data(m) for m in page.items]
    return {"items": items, "total": page.total, "older_cursor": page.older_cursor, "newer_cursor": page.newer_cursor}


@router.post("/chat/conversations/{conversation_id}/read", response=ReadOut, openapi_extra=errors(403, 404))
def conversation_read(request, conversation_id: str):
    marked = services.conversation_mark_read(user=_signed_in(request), conversation_id=conversation_id)
    return {"conversation_id": conversation_id, "marked_read": marked, "unread_count": 0}


@router.post("/chat/offers/{message_id}/accept", response=MessageOut, openapi_extra=errors(403, 404, 409))
def offer_accept(request, message_id: str):
    return presenters.message_data(services.offer_accept(user=_signed_in(request), message_id=message_id))


@router.post("/chat/offers/{message_id}/cancel", response=MessageOut, openapi_extra=errors(403, 404, 409))
def offer_cancel(request, message_id: str):
    return presenters.message_data(services.offer_cancel(user=_signed_in(request), message_id=message_id))


@router.post("/chat/offers/{message_id}/withdraw", response=MessageOut, openapi_extra=errors(403, 404, 409))
def offer_withdraw(request, message_id: str):
    return presenters.message_data(services.offer_withdraw(user=_signed_in(request), message_id=message_id))
