import pytest

from chats.tests.factories import ALICE, BOB, CAROL, known_user


@pytest.fixture
def alice():
    return known_user(*ALICE)


@pytest.fixture
def bob():
    return known_user(*BOB)


@pytest.fixture
def carol():
    return known_user(*CAROL)


@pytest.fixture
def as_alice(api, alice):
    return api.as_user(user_id=alice.id, username=alice.username)


@pytest.fixture
def as_bob(api, bob):
    return api.as_user(user_id=bob.id, username=bob.username)


@pytest.fixture
def as_carol(api, carol):
    return api.as_user(user_id=carol.id, username=carol.username)


@pytest.fixture(autouse=True)
def clean_presence(settings):
    """Presence lives in Redis: each test starts with nobody online."""
    from chats.presence import _redis

    def clear():
        keys = list(_redis().scan_iter(f"{settings.CHAT_PRESENCE_PREFIX}:*"))
        if keys:
            _redis().delete(*keys)

    clear()
    yield
    clear()
