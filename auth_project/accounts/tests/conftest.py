import pytest

from accounts.tests.factories import PASSWORD, UserFactory


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(username="alice", email="alice@example.com")


@pytest.fixture
def signed_in(api, user, password) -> dict:
    """alice signed in through the API: the signin answer, with her real tokens."""
    response = api.post("/api/v1/auth/signin", {"username": "alice", "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def bearer(tokens: dict) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens['access']}"}


@pytest.fixture
def outbox():
    """Payloads written to the outbox (in the data's transaction), oldest first, by event name."""
    from shared.events.django_app.models import OutboxEvent

    def payloads(name: str) -> list[dict]:
        return [row.envelope["payload"] for row in OutboxEvent.objects.filter(name=name).order_by("id")]

    return payloads
