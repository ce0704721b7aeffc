"""Files sent with a message: checked like every upload, stored privately, read by the two participants.

The file is stored first and the message written after; a message that fails
takes its file with it, and the hourly sweep removes what a crash between the
two left behind. Clients fetch it at ``/api/v1/chat/messages/{id}/attachment``,
streamed through this service so the participant check holds on every read.
"""

from __future__ import annotations

from datetime import timedelta

from bson import ObjectId
from bson.errors import InvalidId
from django.conf import settings
from django.core.files.storage import default_storage

from chats.documents import Attachment, Message
from chats.services import message_send
from shared.errors import NotFound
from shared.files import FileLimits, download_response, safe_filename, stored_name, upload_check
from shared.storage import stored_delete
from shared.sweep import GRACE, storage_sweep
from shared.tokens import TokenUser

FOLDER = "chat-attachments"


def attachment_store(*, sender: TokenUser, upload) -> Attachment:
    content_type = upload_check(upload, limits=FileLimits(max_bytes=settings.CHAT_ATTACHMENT_MAX_BYTES, field="file"))
    name = safe_filename(upload.name)
    path = default_storage.save(stored_name(f"{FOLDER}/{sender.id}", name), upload)
    return Attachment(name=name, path=path, size=upload.size, content_type=content_type)


def message_send_with_file(*, sender: TokenUser, upload, body: str | None, **target) -> Message:
    """Send a message carrying ``upload``; a blank body becomes the file's name."""
    attachment = attachment_store(sender=sender, upload=upload)
    try:
        return message_send(
            sender=sender, body=(body or "").strip() or attachment.name, attachment=attachment, **target
        )
    except Exception:
        stored_delete(default_storage, [attachment.path])
        raise


def _message_for_participant(*, message_id: str, user_id: str) -> Message:
    try:
        message = Message.objects(pk=ObjectId(message_id)).first()
    except InvalidId:
        message = None
    # One answer for "no such message" and "not yours": a stranger learns nothing about ids.
    if message is None or user_id not in (message.sender_id, message.receiver_id) or message.attachment is None:
        raise NotFound("No such attachment.", code="attachment_not_found")
    return message


def attachment_download(*, user: TokenUser, message_id: str):
    file = _message_for_participant(message_id=message_id, user_id=user.id).attachment
    try:
        return download_response(default_storage, file.path, filename=file.name, content_type=file.content_type)
    except FileNotFoundError as exc:
        raise NotFound("This file is no longer stored.", code="attachment_not_found") from exc


def _referenced(names: list[str]) -> set[str]:
    return {message.attachment.path for message in Message.objects(attachment__path__in=names).only("attachment")}


def attachments_sweep(*, grace: timedelta = GRACE) -> list[str]:
    """Delete stored attachments no message holds."""
    return storage_sweep(default_storage, folder=FOLDER, referenced=_referenced, grace=grace)
