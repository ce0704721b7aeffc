"""shared.validation through a real Ninja API: depth, size, text and numbers refused as 4xx JSON naming the field."""

from __future__ import annotations

import pytest

from shared.errors import ApiError, http_status
from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies
from shared.testing.tokens import gateway_token
from shared.validation import MAX_JSON_DEPTH, parse_json, text_problem

VALID = {"title": "A title", "body": "Line one\nline two\ttabbed\r\n", "count": 2}


@pytest.fixture
def post(client):
    def send(body, content_type=JSON):
        return client.post("/api/echo", body, content_type=content_type, HTTP_X_GATEWAY_TOKEN=gateway_token("review"))

    return send


def test_a_valid_body_with_multiline_text_passes(post):
    response = post(VALID)

    assert response.status_code == 200, response.content
    assert response.json()["body"] == VALID["body"]


@pytest.mark.parametrize("case", nasty_bodies(VALID, field="body"), ids=str)
def test_every_nasty_body_is_a_4xx_naming_the_field(post, case):
    assert_refused(post(case.body), case)


def test_the_nesting_bomb_is_refused_before_the_decoder_recurses(post):
    body = assert_refused(post(b"[" * 100_000 + b"]" * 100_000))

    assert body["code"] == "json_too_deep"


def test_a_nul_is_a_422_naming_a_nested_field():
    with pytest.raises(ApiError) as raised:
        parse_json(b'{"items": [{"name": "ok"}, {"name": "a\\u0000b"}]}')

    assert http_status(raised.value) == 422
    assert raised.value.fields == {"items.1.name": [raised.value.fields["items.1.name"][0]]}


def test_single_line_text_refuses_line_breaks_but_text_allows_them(post):
    response = post({**VALID, "title": "two\nlines"})

    assert response.status_code == 422
    assert "title" in response.json()["fields"]


def test_brackets_inside_strings_do_not_count_as_depth():
    text = '{"a": "' + "[" * 5_000 + '"}'

    assert parse_json(text) == {"a": "[" * 5_000}


def test_depth_up_to_the_limit_is_accepted():
    ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH

    assert parse_json(ok) is not None
    with pytest.raises(ApiError):
        parse_json("[" + ok + "]")


@pytest.mark.parametrize("text", ["plain", "tab\there", "new\nline", "crlf\r\n", "emoji 😀", "ümlaut", "\u202eRTL"])
def test_ordinary_text_is_fine(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("text", ["\x00", "a\x07b", "\x1b[31m", "del\x7f", "\ud800", "x\udfff"])
def test_controls_and_lone_surrogates_are_not(text):
    assert text_problem(text) is not None


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(client, page):
    response = client.get("/api/pages", {"page": page}, HTTP_X_GATEWAY_TOKEN=gateway_token("review"))

    assert_refused(response)


def test_a_nul_in_a_query_parameter_is_a_422_naming_it(client):
    response = client.get("/api/pages?page=1&q=a%00b", HTTP_X_GATEWAY_TOKEN=gateway_token("review"))

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["q"]


def test_a_nul_in_a_form_field_is_a_422_naming_it(client):
    response = client.post("/api/echo", {"title": "a\x00b"}, HTTP_X_GATEWAY_TOKEN=gateway_token("review"))

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["title"]


@pytest.mark.parametrize("name", ["a\x00b.png", "a\x1bb.png", "a\x7fb.png", "a&#0;b.png"])
def test_an_uploaded_files_name_reaches_a_view_without_control_characters(rf, name):
    """No 422 needed: Django's multipart parser drops what is not printable from a file's name (and its
    directories), so the name a view stores or sends in an event holds no NUL. Pinned here: our uploads rely on it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = rf.post(
        "/api/files", {"title": "fine", "picture": SimpleUploadedFile(name, b"\x89PNG", content_type="image/png")}
    )

    stored = request.FILES["picture"].name
    assert text_problem(stored) is None and stored.endswith("b.png"), repr(stored)


def test_the_django_validator_refuses_what_the_parser_refuses():
    from django.core.exceptions import ValidationError

    from shared.validation import no_control_characters

    no_control_characters("fine\ttext\n")
    with pytest.raises(ValidationError) as raised:
        no_control_characters("bad\x00")

    assert raised.value.code == "control_characters"


# Under ASGI the middleware chain runs async (shared.validation.InputGuardMiddleware.__acall__): the
# services run so, while Django's test client drives the sync path above.
@pytest.mark.asyncio
@pytest.mark.django_db
async def test_a_nul_in_a_form_field_is_a_422_naming_it_on_the_async_path(async_client):
    response = await async_client.post(
        "/api/echo", {"title": "a\x00b"}, headers={"X-Gateway-Token": gateway_token("review")}
    )

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["title"]


@pytest.mark.asyncio
async def test_a_nul_in_a_query_parameter_is_a_422_naming_it_on_the_async_path(async_client):
    response = await async_client.get("/api/pages?page=1&q=a%00b", headers={"X-Gateway-Token": gateway_token("review")})

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["q"]
