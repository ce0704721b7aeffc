"""The same hostile input for every service (issue 10): each must answer 4xx JSON, never a 5xx.

A project's test picks one JSON-body route and one list route and runs these:

    @pytest.mark.parametrize("case", nasty_bodies(VALID, field="title"), ids=str)
    def test_nasty_bodies_are_refused(api, case):
        assert_refused(api.as_user().post(URL, case.body, content_type=JSON), case)

``case.field`` is the field the answer must name, when the flaw is in one field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

JSON = "application/json"
# Page numbers no store can take as an offset, and spellings that are not numbers at all.
NASTY_PAGES = ("99999999999999999999", "9" * 5000, "-1", "0", "1e3", "abc", "1.5", "")


@dataclass(frozen=True)
class Nasty:
    name: str
    body: bytes
    field: str | None = None  # the answer's ``fields`` must name it

    def __str__(self) -> str:
        return self.name


def _with(valid: dict, field: str, raw_value: str) -> bytes:
    """The valid body with one field's value replaced by raw JSON text (which json.dumps could not write)."""
    marker = "__nasty_value__"
    text = json.dumps({**valid, field: marker})
    return text.replace(json.dumps(marker), raw_value, 1).encode("utf-8")


def nasty_bodies(valid: dict, *, field: str) -> list[Nasty]:
    """Hostile variants of a valid body; ``field`` is one of its text fields."""
    return [
        Nasty("nesting bomb", b"[" * 100_000 + b"]" * 100_000),
        Nasty("object nesting bomb", b'{"a":' * 5_000 + b"1" + b"}" * 5_000),
        Nasty("deep value in a field", _with(valid, field, "[" * 1_000 + "]" * 1_000)),
        Nasty("NUL in text", _with(valid, field, json.dumps("good\u0000buyer")), field),
        Nasty("bell control character in text", _with(valid, field, json.dumps("ring\u0007ring")), field),
        Nasty("lone high surrogate", _with(valid, field, '"\\ud800"'), field),
        Nasty("lone low surrogate", _with(valid, field, '"ab\\udfffcd"'), field),
        Nasty("huge integer", _with(valid, field, "1" + "0" * 40), field),
        Nasty("integer past the parser's digit limit", _with(valid, field, "9" * 5_000)),
        Nasty("infinite float", _with(valid, field, "1e999"), field),
        Nasty("NaN literal", _with(valid, field, "NaN")),
        Nasty("operator object instead of text", _with(valid, field, '{"$gt": ""}'), field),
        Nasty("list instead of text", _with(valid, field, '["a", "b"]'), field),
        Nasty("boolean instead of text", _with(valid, field, "true"), field),
        Nasty("null instead of text", _with(valid, field, "null"), field),
        Nasty("overlong text", _with(valid, field, json.dumps("x" * 200_000)), field),
        Nasty("invalid UTF-8", _with(valid, field, '"cafe"').replace(b'"cafe"', b'"caf\xff"')),
        Nasty("byte order mark before the JSON", b"\xef\xbb\xbf" + json.dumps(valid).encode()),
        Nasty("an array instead of an object", json.dumps([valid]).encode()),
        Nasty("truncated JSON", json.dumps(valid).encode()[:-1]),
        Nasty("body over a megabyte", json.dumps({**valid, field: "y" * (1024 * 1024 + 10)}).encode()),
    ]


def _json_of(response) -> dict:
    content_type = (
        response.headers.get("Content-Type", "") if hasattr(response, "headers") else response["Content-Type"]
    )
    assert "json" in content_type, f"answered {content_type}, not JSON"
    return json.loads(response.content)


def assert_refused(response, case: Nasty | None = None) -> dict:
    """A client error in the shared shape, naming ``case.field`` when there is one."""
    name = case.name if case else "input"
    assert 400 <= response.status_code < 500, f"{name}: answered {response.status_code}: {response.content[:300]!r}"
    body = _json_of(response)
    assert isinstance(body.get("detail"), str) and isinstance(body.get("code"), str), f"{name}: {body}"
    if case is not None and case.field is not None:
        named = body.get("fields") or {}
        assert any(key == case.field or key.startswith(case.field + ".") for key in named), f"{name}: fields {named}"
    return body
