"""A NUL or another control character in any text field of any write route answers 422 naming the field.

The routes are walked from the gateway's public OpenAPI, so a route added later is walked too: every
string a JSON body, a form or a file upload of a POST, PUT, PATCH or DELETE can carry gets the bad
character, one field at a time, from a signed-in account (so that authentication is not what refuses
it). A value refused at the API never reaches a store or an event (issue #16: a NUL accepted by a
MongoDB service rode an event to every SQL consumer and was parked there).
"""

from __future__ import annotations

import json
import random
import re
import uuid

import httpx
import pytest
from conftest import GATEWAY, PASSWORD, csrf_headers, poll

WRITES = ("post", "put", "patch", "delete")
BAD = {"NUL": "bad\u0000value", "escape": "bad\u001bvalue", "DEL": "bad\u007fvalue"}
BAD_FILE_NAMES = {"NUL in a file name": "a\u0000b.png", "escape in a file name": "a\u001bb.png"}  # cleaned by Django
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _address() -> str:
    return f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"


@pytest.fixture(scope="module")
def spec() -> dict:
    with httpx.Client(base_url=GATEWAY, timeout=15) as client:
        answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()


@pytest.fixture(scope="module")
def signed_in():
    """A fresh account, signed in through the gateway (cookies and the CSRF header of a browser)."""
    name = f"e2e_nul_{uuid.uuid4().hex[:10]}"
    client = httpx.Client(base_url=GATEWAY, timeout=20, headers={"X-Forwarded-For": _address()})
    answer = client.post(
        "/api/v1/auth/signup",
        json={"username": name, "email": f"{name}@example.com", "password": PASSWORD, "country": "Portugal"},
    )
    assert answer.status_code == 201, answer.text[:300]
    poll(lambda: client.get("/api/v1/buyers/me"), lambda r: r.status_code == 200)
    yield client
    client.close()


def _deref(spec: dict, schema: dict) -> dict:
    """Follow $ref, and take the first alternative of anyOf/oneOf that is not null (an optional field)."""
    for _ in range(20):
        if "$ref" in schema:
            target = spec
            for part in schema["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            schema = target
            continue
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [option for option in schema[key] if option.get("type") != "null"]
                schema = options[0] if options else {}
                break
        else:
            if "allOf" in schema and len(schema["allOf"]) == 1:
                schema = schema["allOf"][0]
                continue
            return schema
    return schema


def text_fields(spec: dict, schema: dict, path: tuple = (), depth: int = 0) -> list[tuple[tuple, dict]]:
    """(path, schema) of every string a body of ``schema`` can hold; a path of keys and list indexes."""
    schema = _deref(spec, schema)
    if depth > 6:
        return []
    kind = schema.get("type")
    if kind == "string":
        return [(path, schema)]
    if kind == "array":
        return text_fields(spec, schema.get("items", {}), (*path, 0), depth + 1)
    found = []
    for name, child in (schema.get("properties") or {}).items():
        found += text_fields(spec, child, (*path, name), depth + 1)
    return found


def body_with(path: tuple, value):
    """The smallest body that puts ``value`` at ``path``."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    return [body_with(rest, value)] if isinstance(head, int) else {head: body_with(rest, value)}


def dotted(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def _url(spec_path: str, operation: dict) -> str:
    url = spec_path
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path":
            kind = (parameter.get("schema") or {}).get("type")
            url = url.replace("{" + parameter["name"] + "}", "1" if kind == "integer" else "0" * 24)
    return url


def cases(spec: dict) -> list[tuple]:
    """(method, url, kind, field, payload) for every text a write route can take."""
    found = []
    for spec_path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in WRITES:
                continue
            url = _url(spec_path, operation)
            content = (operation.get("requestBody") or {}).get("content") or {}
            if "application/json" in content:
                for path, _schema in text_fields(spec, content["application/json"]["schema"]):
                    for label, value in BAD.items():
                        found.append((method, url, f"JSON {label}", dotted(path), body_with(path, value)))
            if "multipart/form-data" in content:
                form = _deref(spec, content["multipart/form-data"]["schema"])
                for name, field in (form.get("properties") or {}).items():
                    field = _deref(spec, field)
                    binary = field.get("format") == "binary" or (
                        _deref(spec, field.get("items", {})).get("format") == "binary"
                    )
                    if binary:
                        for label, file_name in BAD_FILE_NAMES.items():
                            found.append((method, url, f"form {label}", name, ("file", name, file_name)))
                    elif field.get("type") in ("string", None):
                        found.append((method, url, "form NUL", name, ("field", name, BAD["NUL"])))
    return found


def _is_file(payload) -> bool:
    return isinstance(payload, tuple) and payload[0] == "file"


def _send(client: httpx.Client, method: str, url: str, payload):
    headers = {**csrf_headers(client), "X-Forwarded-For": _address()}
    if isinstance(payload, tuple) and payload[0] == "file":
        _kind, name, file_name = payload
        return client.request(method.upper(), url, headers=headers, files={name: (file_name, PNG, "image/png")})
    if isinstance(payload, tuple):
        _kind, name, value = payload
        return client.request(
            method.upper(), url, headers=headers, files={"_": ("x.txt", b"x", "text/plain")}, data={name: value}
        )
    return client.request(
        method.upper(),
        url,
        headers={**headers, "Content-Type": "application/json"},
        content=json.dumps(payload).encode(),
    )


def test_the_walk_covers_the_write_routes_of_every_service(spec):
    routes = {(method, url.split("/")[3]) for method, url, *_ in cases(spec)}
    assert {service for _method, service in routes} >= {
        "auth",
        "sellers",
        "gigs",
        "chat",
        "orders",
        "reviews",
        "notifications",
    }


def test_every_text_field_of_every_write_route_refuses_control_characters(spec, signed_in):
    wrong = []
    for method, url, kind, field, payload in cases(spec):
        if _is_file(payload):
            continue  # the next test: Django drops what is not printable from a file's name
        answer = _send(signed_in, method, url, payload)
        try:
            body = answer.json()
        except ValueError:
            body = {}
        named = body.get("fields") or {}
        if answer.status_code != 422 or not any(key == field or key.startswith(field + ".") for key in named):
            wrong.append(f"{method.upper()} {url} {kind} in {field!r}: {answer.status_code} {answer.text[:200]}")
    assert not wrong, f"{len(wrong)} writes did not answer 422 naming the field:\n" + "\n".join(wrong)


def test_a_control_character_in_an_uploaded_files_name_is_never_a_server_error(spec, signed_in):
    """Django's multipart parser removes what is not printable from a file's name before any view sees it
    (pinned in shared's test_input_limits): an upload named so is judged on its other fields, never a 5xx."""
    uploads = [case for case in cases(spec) if _is_file(case[4])]
    assert uploads
    wrong = []
    for method, url, kind, field, payload in uploads:
        answer = _send(signed_in, method, url, payload)
        if not 400 <= answer.status_code < 500 or "json" not in answer.headers.get("content-type", ""):
            wrong.append(f"{method.upper()} {url} {kind} in {field!r}: {answer.status_code} {answer.text[:200]}")
    assert not wrong, "\n".join(wrong)


def test_a_nul_in_a_path_parameter_of_a_write_route_never_reaches_the_service(spec, signed_in):
    """The gateway refuses a percent-encoded NUL in any path (400 path_not_canonical) before forwarding it;
    a service behind it refuses one too (its input guard: 422 naming the path, shared's test_input_limits)."""
    wrong, walked = [], 0
    for spec_path, operations in spec["paths"].items():
        for method in operations:
            if method not in WRITES or "{" not in spec_path:
                continue
            walked += 1
            url = re.sub(r"\{[^}]+\}", "ab%00cd", spec_path)
            answer = signed_in.request(
                method.upper(), url, headers={**csrf_headers(signed_in), "X-Forwarded-For": _address()}
            )
            body = answer.json() if "json" in answer.headers.get("content-type", "") else {}
            refused = (answer.status_code == 400 and body.get("code") == "path_not_canonical") or (
                answer.status_code == 422 and "path" in (body.get("fields") or {})
            )
            if not refused:
                wrong.append(f"{method.upper()} {url}: {answer.status_code} {answer.text[:200]}")
    assert walked and not wrong, "\n".join(wrong)
