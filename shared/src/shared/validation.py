"""Input every service refuses the same way: JSON too deep or too big, text no store should hold, numbers no store can.

Used by the shared parsers (``shared.api_drf.SafeJSONParser``,
``shared.api_ninja.SafeParser``), by hand-parsed bodies (``parse_json``) and
by schemas (``Text``, ``SingleLineText``, ``PageNumber``, ``PageSize`` for
Ninja; ``no_control_characters`` for DRF). The answers name the field:
``{"detail", "code", "fields": {"items.0.title": [...]}}``.

Why at parse time: Python's JSON decoder recurses, so ``[`` x 100,000 is a
RecursionError deep in a request (a 500) before any schema runs; a NUL is
stored happily by MongoDB and then refused by PostgreSQL wherever the text
travels next; a lone surrogate cannot be encoded to UTF-8 by any store; an
integer past 64 bits overflows MongoDB's BSON and SQL's BIGINT.
"""

from __future__ import annotations

import json
import math
import re
from typing import Annotated, Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from pydantic import AfterValidator, BeforeValidator, Field

from shared.errors import Rejected, TooLarge, ValidationFailed, domain_error_response

MAX_JSON_DEPTH = 32
MAX_JSON_BYTES = 1024 * 1024  # the gateway's JSON limit; a service behind it never needs more
MAX_INTEGER = 2**63 - 1  # BSON int64 and SQL BIGINT
MAX_STRING = 100_000  # characters: no text of this API needs more; schemas set tighter limits
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100

# C0 controls but tab, newline and carriage return, DEL, and lone surrogates (UTF-16 halves).
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]")
TEXT_MESSAGE = "Control characters (such as NUL) and unpaired surrogates are not allowed."
LINE_MESSAGE = "Line breaks and tabs are not allowed here."


class BodyTooLarge(TooLarge):
    code = "body_too_large"


class InvalidInput(Rejected):
    """Like a schema's refusal (422 at the edge): the fields named are not acceptable values."""

    code = "invalid"
    detail = "Some fields are not valid."


def text_problem(value: str, *, multiline: bool = True) -> str | None:
    """Why this text may not be stored, or None."""
    if _BAD_TEXT.search(value):
        return TEXT_MESSAGE
    if not multiline and _LINE_BREAKS.search(value):
        return LINE_MESSAGE
    return None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_json(body: bytes | str, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Decode a request body, refusing what would crash or poison a service (see the module's docstring)."""
    if len(body) > max_bytes:
        raise BodyTooLarge(f"The JSON body is larger than {max_bytes} bytes.")
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationFailed("The body is not valid UTF-8.", "malformed_json") from exc
    if _nesting_bound(body) > max_depth and _depth(body) > max_depth:
        raise ValidationFailed(f"The JSON is nested deeper than {max_depth} levels.", "json_too_deep")
    try:
        data = json.loads(body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise ValidationFailed("The body is not valid JSON.", "malformed_json") from exc
    problems = value_problems(data)
    if problems:
        raise InvalidInput(fields=problems)
    return data


def _nesting_bound(text: str) -> int:
    # Counting brackets is C-speed; only a body with many of them needs the real depth scan.
    return text.count("[") + text.count("{")


def _depth(text: str) -> int:
    """The deepest nesting outside strings, without building anything (so it cannot recurse)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def value_problems(data: Any) -> dict[str, list[str]]:
    """Every string, key and number of a decoded body checked; problems by dotted field path."""
    problems: dict[str, list[str]] = {}
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            message = text_problem(value) or (f"At most {MAX_STRING} characters." if len(value) > MAX_STRING else None)
        elif isinstance(value, bool) or value is None:
            message = None
        elif isinstance(value, int):
            message = None if -MAX_INTEGER - 1 <= value <= MAX_INTEGER else "The number is too large."
        elif isinstance(value, float):
            message = None if math.isfinite(value) else "The number is too large."
        elif isinstance(value, dict):
            message = None
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if text_problem(key):
                    problems.setdefault(child, []).append("Field names may not contain control characters.")
                else:
                    stack.append((child, item))
        else:  # list
            message = None
            stack.extend((f"{path}.{index}" if path else str(index), item) for index, item in enumerate(value))
        if message:
            problems.setdefault(path or "__all__", []).append(message)
    return problems


def _check_text(value: str) -> str:
    message = text_problem(value)
    if message:
        raise ValueError(message)
    return value


def _check_line(value: str) -> str:
    message = text_problem(value, multiline=False)
    if message:
        raise ValueError(message)
    return value


# Ninja/pydantic field types: a 422 naming the field, for query and form fields as well as JSON.
# With other constraints, put the rule after them: Annotated[str, StringConstraints(...), TEXT_RULE]
# (a constraint placed after a validator is not applied to the string).
TEXT_RULE = AfterValidator(_check_text)
LINE_RULE = AfterValidator(_check_line)
Text = Annotated[str, TEXT_RULE]
SingleLineText = Annotated[str, LINE_RULE]


def _whole_number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A strict integer field (neither "7" nor true) taking what JSON Schema's "integer" takes: 7.0 is 7 (an encoder
# may write it so), 7.5 is still refused. After the Field: Annotated[int, Field(ge=1, strict=True), WHOLE_NUMBER].
WHOLE_NUMBER = BeforeValidator(_whole_number)
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]


def no_control_characters(value: str) -> None:
    """A Django/DRF validator: ``CharField(validators=[no_control_characters])``."""
    from django.core.exceptions import ValidationError

    message = text_problem(value)
    if message:
        raise ValidationError(message, code="control_characters")


class InputGuardMiddleware:
    """The same text rule for what no JSON parser sees: the path, query parameters and form fields.

    A 422 naming the parameter, before any view runs (so a NUL in ``?q=`` never
    reaches a SQL driver that cannot hold it).
    """

    FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
    # Async too: a sync-only middleware makes Django run the chain above it in a thread under ASGI.
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        problems = self.problems(request)
        if problems:
            return domain_error_response(InvalidInput(fields=problems))
        return self.get_response(request)

    async def __acall__(self, request):
        # Parsing a form (an upload: files on disk) runs in a thread; the path and query are checked here.
        if request.method in ("POST", "PUT", "PATCH") and request.content_type in self.FORM_TYPES:
            problems = await sync_to_async(self.problems)(request)
        else:
            problems = self.problems(request)
        if problems:
            return domain_error_response(InvalidInput(fields=problems))
        return await self.get_response(request)

    def problems(self, request) -> dict[str, list[str]]:
        if not request.path.startswith("/api/"):
            return {}  # the admin and static files have their own rules
        problems: dict[str, list[str]] = {}
        if text_problem(request.path):
            problems["path"] = [TEXT_MESSAGE]
        sources = [request.GET]
        if request.method in ("POST", "PUT", "PATCH") and request.content_type in self.FORM_TYPES:
            sources.append(request.POST)
        for source in sources:
            for key, values in source.lists():
                if text_problem(key) or any(text_problem(value) for value in values):
                    problems.setdefault(key if not text_problem(key) else "__all__", []).append(TEXT_MESSAGE)
        return problems
