"""POST /chat/messages as JSON (any message, offers too) or as multipart form data with a ``file``.

One route takes both, so Django Ninja cannot parse the body for it: JSON is
validated against MessageIn here, with the same 422 field errors Ninja gives.
"""

from __future__ import annotations

from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from chats.schemas import ONE_RECEIVER, MessageFormIn, MessageIn
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


def _form_fields() -> dict:
    """MessageFormIn's fields as form parts (a part is sent or left out, never null), and the file."""
    fields = {}
    for name, schema in MessageFormIn.model_json_schema()["properties"].items():
        options = [option for option in schema.pop("anyOf", [schema]) if option.get("type") != "null"]
        fields[name] = {key: value for key, value in {**schema, **options[0]}.items() if value is not None}
    fields["body"]["description"] = "Optional with a file: the file's name is used."
    # shared.files.upload_check: an empty file is refused (400 naming file).
    return {**fields, "file": {"type": "string", "format": "binary", "minLength": 1}}


MESSAGE_BODY_DOCS = {
    "requestBody": {
        "content": {
            "application/json": {"schema": MessageIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {"type": "object", "required": ["file"], "properties": _form_fields(), **ONE_RECEIVER}
            },
        },
        "required": True,
    }
}
