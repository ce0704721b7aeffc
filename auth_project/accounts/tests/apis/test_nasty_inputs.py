"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, assert_refused, nasty_bodies

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/signin"
VALID = {"username": "alice", "password": "Correct-Horse-42"}


@pytest.mark.parametrize("case", nasty_bodies(VALID, field="username"), ids=str)
def test_nasty_bodies_are_a_4xx_naming_the_field(api, user, case):
    assert_refused(api.post(URL, case.body, content_type=JSON), case)


def test_the_nesting_bomb_is_a_400_not_a_recursion_error(api):
    body = assert_refused(api.post(URL, b"[" * 100_000 + b"]" * 100_000, content_type=JSON))

    assert body["code"] == "json_too_deep"


@pytest.mark.parametrize("password", ["a\u0000b", "a\u0007b"])
def test_a_control_character_in_a_multipart_field_is_a_422_naming_it(api, password):
    response = api.post_multipart(
        "/api/v1/auth/signup", {"username": "zed", "email": "z@example.com", "password": password, "country": "Peru"}
    )

    assert response.status_code == 422
    assert "password" in response.json().get("fields", {})
