"""POST /chat/messages as JSON (any message, offers too) or as multipart form data with a ``file``.

One route takes both, so Django Ninja cannot parse the body for it: JSON is
validated against MessageIn here, with the same 422 field errors Ninja gives.
"""

from __future__ import annotations

from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from chats.schemas import MessageFormIn, MessageIn
from shared.errors import ValidationFailed
from shared.validation import parse_json


def _validated(schema, data: dict):
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        # Located as Ninja locates a body field, so a field itself named "body" keeps its name.
        errors = [{**error, "loc": ("body", "payload", *error["loc"])} for error in exc.errors(include_url=False)]
        raise NinjaValidationError(errors) from exc


def message_json_input(request) -> MessageIn:
    data = parse_json(request.body or b"{}")  # the depth, size and text rules every JSON body of every service obeys
    if not isinstance(data, dict):
        raise ValidationFailed("Send a JSON object.", code="malformed_json")
    return _validated(MessageIn, data)


def message_form_input(request) -> tuple[dict, object]:
    """The form's fields (offers travel as JSON only) and its one ``file``."""
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationFailed(
            "Attach the file as the form field 'file'.",
            code="file_required",
            fields={"file": ["This field is required with multipart form data."]},
        )
    data = {name: request.POST[name] for name in MessageFormIn.model_fields if name in request.POST}
    return _validated(MessageFormIn, data).model_dump(), upload


FORM_FIELDS = {
    "receiver_username": {"type": "string"},
    "conversation_id": {"type": "string"},
    "body": {"type": "string", "description": "Optional with a file: the file's name is used."},
    "gig_id": {"type": "string"},
    "file": {"type": "string", "format": "binary"},
}
MESSAGE_BODY_DOCS = {
    "requestBody": {
        "content": {
            "application/json": {"schema": MessageIn.model_json_schema()},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": FORM_FIELDS}},
        },
        "required": True,
    }
}
