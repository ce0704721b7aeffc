"""A service's own OpenAPI document, printed for whoever builds the public one.

Run from a project's folder, ``python -m shared.openapi`` prints that service's
document as JSON: the Ninja API in ``config/api.py`` (``api``), or, for a
project without one (auth, on DRF), the ``document()`` of ``config/openapi.py``
(drf-spectacular). The gateway runs this in each project (a process, never an
import: projects import only ``shared`` and themselves) and merges the answers
into the public document it serves (gateway_project/proxy/openapi/).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path

# shared.errors.error_body: the one error shape of every service.
ERROR_OUT = {
    "title": "ErrorOut",
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "fields": {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                {"type": "null"},
            ],
            "description": "Only for validation errors: messages per field.",
        },
    },
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def ninja_errors(document: dict) -> dict:
    """What shared.api_ninja answers for every Ninja service: 422 naming the fields, 401 without a valid token.

    Also: ``$defs`` in hand-written bodies become components, and a parameter a route's
    ``openapi_extra`` documents replaces the one Ninja derived from the signature.
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorOut"] = ERROR_OUT
    document["paths"] = _hoist_defs(document.get("paths", {}), schemas)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            # Ninja appends openapi_extra's parameters to its own: the route's refinement wins, once per name.
            refined = {(p["in"], p["name"]): p for p in operation.get("parameters", [])}
            if refined:
                operation["parameters"] = list(refined.values())
            parameters = operation.get("parameters", [])
            # A path segment Ninja reads as a string cannot fail validation; a query, a body or a typed segment can.
            if operation.get("requestBody") or any(
                p["in"] != "path" or p.get("schema", {}).get("type") != "string" for p in parameters
            ):
                responses.setdefault("422", _error("Some fields are not valid (`fields` names them)."))
            if any("BearerAuth" in entry for entry in operation.get("security", [])):
                responses.setdefault("401", _error("Sign in first."))
    return document


# What a route's own error statuses mean (shared.errors.HTTP_STATUSES, and order's 402); the body is ErrorOut.
ERROR_MEANINGS = {
    400: "Not valid: `code` says why, `fields` names the fields.",
    402: "Payment required: the payment is missing, not completed or not the right amount.",
    403: "Not allowed: not the owner, not a party.",
    404: "Not found (or not yours to see).",
    409: "Conflicts with the current state (`code` names it).",
    413: "Too large.",
    502: "A provider this service relies on failed; nothing was changed.",
}


def errors(*statuses: int) -> dict:
    """``openapi_extra`` naming a route's own error answers: ``@router.post(..., openapi_extra=errors(404, 409))``.

    Only the statuses the route's services raise; 401 and 422 are added for every route that can answer them.
    """
    # Keyed by int, as Ninja keys its own responses, so that openapi_extra merges into them.
    return {"responses": {status: _error(ERROR_MEANINGS[status]) for status in statuses}}


DOWNLOAD = (
    "Streamed as `Content-Disposition: attachment` with the type read from the file's bytes at upload "
    "and `X-Content-Type-Options: nosniff`; never cached by shared caches."
)
IMAGE = (
    "Public. `ETag`, `Last-Modified` and `Cache-Control: public, max-age=31536000, immutable` (a new upload "
    "gets a new URL); a conditional request answers 304. `size=thumb` (at most 200 px) or `size=card` "
    "(at most 640x480) for the sizes made at upload; metadata (EXIF, GPS) is stripped from every size."
)
IMAGE_SIZE = {
    "name": "size",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["thumb", "card"]},
    "description": "thumb or card; the original when absent (anything else: 400 naming size).",
}


def file_answer(
    *, content_type: str, description: str, conditional: bool = False, errors: tuple[int, ...] = ()
) -> dict:
    """``openapi_extra`` of a route answering a file's bytes (not JSON): the 200, 304 where validators apply."""
    responses: dict[str, dict] = {
        "200": {
            "description": description,
            "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
        },
        **{str(code): _error("See `detail` and `code`.") for code in errors},
    }
    if conditional:
        responses["304"] = {
            "description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is current."
        }
    return {"responses": responses}


def image_parts(*fields: str) -> dict:
    """The ``encoding`` of multipart parts that take an image (shared.images.image_check): its media types.

    What a client (and a generator such as Schemathesis, which then sends a real file) may upload there.
    """
    from shared.images import CONTENT_TYPES  # Pillow: the gateway imports this module too, and needs none

    return {field: {"contentType": ", ".join(sorted(CONTENT_TYPES.values()))} for field in fields}


def _hoist_defs(node, schemas: dict):
    """Pydantic's ``$defs`` (a model's JSON schema put in ``openapi_extra`` by hand) become components."""
    if isinstance(node, dict):
        for name, schema in node.pop("$defs", {}).items():
            schemas.setdefault(name, _hoist_defs(schema, schemas))
        return {
            key: (
                "#/components/schemas/" + value[len("#/$defs/") :]
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
                else _hoist_defs(value, schemas)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_hoist_defs(item, schemas) for item in node]
    return node


# shared.validation refuses these in every string and field name of a body or query (422/400 naming the field):
# C0 controls but tab, newline and carriage return, DEL, lone surrogates. Documented as a pattern on each string,
# without the surrogates: validators and generators on UTF-8 strings (Rust's regex, as in Schemathesis, Go's RE2)
# cannot compile a surrogate escape, and drop the whole pattern; a lone surrogate only travels as a `\ud800`
# JSON escape, which the public description names instead (gateway_project/proxy/openapi/public.py).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


JSON_VALUE_REF = {"$ref": "#/components/schemas/JsonValue"}
# Any JSON the shared rules let through, at any depth: what an object that ignores unknown fields takes in them.
JSON_VALUE = {
    "title": "JsonValue",
    "anyOf": [
        {"type": "null"},
        {"type": "boolean"},
        {"type": "number"},
        {"type": "string", "pattern": TEXT_PATTERN},
        {"type": "array", "items": JSON_VALUE_REF},
        {"type": "object", "propertyNames": {"pattern": TEXT_PATTERN}, "additionalProperties": JSON_VALUE_REF},
    ],
}


def _text_rule(node):
    """Every string the document takes carries the shared text rule, unless its own pattern or enum is tighter."""
    if isinstance(node, dict):
        node = {key: _text_rule(value) for key, value in node.items()}
        if node.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(node):
            node["pattern"] = TEXT_PATTERN
        # Unless an object forbids other fields, any may come (JSON Schema's default): the rule holds in them too.
        if node.get("type") == "object" and node.get("additionalProperties") is not False:
            node.setdefault("propertyNames", {"pattern": TEXT_PATTERN})
            if node.get("additionalProperties") in (None, True):
                node["additionalProperties"] = JSON_VALUE_REF
        return node
    if isinstance(node, list):
        return [_text_rule(item) for item in node]
    return node


def _query_parameters_are_absent_not_null(document: dict) -> None:
    """A query parameter is left out or sent; ``?size=null`` is the string "null", which no integer parses."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
                if parameter["in"] == "query" and "anyOf" in schema and len(options) == 1:
                    parameter["schema"] = {**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]}


def shared_rules(document: dict) -> dict:
    """What shared/ checks for every service, stated in its document: the text rule, absent-not-null queries."""
    _query_parameters_are_absent_not_null(document)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if "parameters" in operation:
                operation["parameters"] = _text_rule(operation["parameters"])
            if "requestBody" in operation:
                operation["requestBody"] = _text_rule(operation["requestBody"])
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in list(schemas):
        if name != "ErrorOut":
            schemas[name] = _text_rule(schemas[name])
    schemas["JsonValue"] = JSON_VALUE
    return document


def service_document() -> dict:
    """The OpenAPI document of the service whose settings are loaded (``django.setup()`` done)."""
    if importlib.util.find_spec("config.openapi") is not None:
        return shared_rules(importlib.import_module("config.openapi").document())
    return shared_rules(ninja_errors(importlib.import_module("config.api").api.get_openapi_schema()))


DOCUMENT_FILE = "openapi.json"  # each project commits its own document beside its manage.py


def render(document: dict) -> str:
    """The committed form: through JSON once (Ninja may key responses by int, which sort_keys cannot order
    among strings), keys sorted, one space of indent, so a change reads as a small diff."""
    return (
        json.dumps(json.loads(json.dumps(document, default=str)), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    )


def run_export(folder: Path, *flags: str):
    """``python -m shared.openapi [flags]`` as a process in a project's folder, with that project's local settings."""
    import subprocess

    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, "-m", "shared.openapi", *flags]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def main() -> None:
    """``python -m shared.openapi [--write | --check]`` in a project's folder: print its document, write it to
    ``openapi.json`` there, or fail when that file is not what the service documents today."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    text = render(service_document())
    target = Path(os.getcwd()) / DOCUMENT_FILE
    if "--write" in sys.argv[1:]:
        target.write_text(text)
    elif "--check" in sys.argv[1:]:
        if not target.exists() or target.read_text() != text:
            sys.exit(f"{target} is out of date: run `python -m shared.openapi --write` in {target.parent}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
