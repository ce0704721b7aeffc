"""Reading a message's attachment: the conversation's participants only, streamed as a download."""

from __future__ import annotations

from ninja import Router

from chats.attachments import attachment_download
from shared.api_ninja import BearerAuth
from shared.openapi import DOWNLOAD, file_answer

router = Router(tags=["chat"], auth=BearerAuth())


@router.get(
    "/chat/messages/{message_id}/attachment",
    summary="A message's attached file",
    description=DOWNLOAD,
    openapi_extra=file_answer(content_type="application/octet-stream", description="The file's bytes.", errors=(404,)),
)
def attachment_get(request, message_id: str):
    return attachment_download(user=request.auth, message_id=message_id)
