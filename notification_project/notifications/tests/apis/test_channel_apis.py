"""Preferences, the VAPID key and push subscriptions: happy paths, bad input, permissions."""

from http import HTTPStatus

import pytest

from notifications.models import PushSubscription
from shared.testing.push_service import PushService

pytestmark = pytest.mark.django_db

PREFS = "/api/v1/notifications/preferences"
SUBSCRIPTIONS = "/api/v1/notifications/push-subscriptions"


@pytest.fixture
def browser():
    with PushService() as service:
        yield service.subscribe()


def test_preferences_list_every_kind_with_its_defaults(api):
    response = api.as_user(user_id="7").get(PREFS)

    assert response.status_code == HTTPStatus.OK
    kinds = response.json()["kinds"]
    assert kinds["order_received"] == {"email": True, "sms": True, "push": True, "locked": False}
    assert kinds["order_delivered"]["sms"] is True and kinds["order_placed"]["sms"] is False
    assert kinds["chat_message"] == {"email": False, "sms": False, "push": True, "locked": False}
    assert kinds["review_received"]["email"] is True
    for locked in ("email_verification", "password_reset", "password_changed", "signin_code"):
        assert kinds[locked]["email"] is True and kinds[locked]["locked"] is True
    assert {"welcome", "extension_decided", "offer_received", "phone_verification"} <= set(kinds)


def test_preferences_say_which_channels_can_reach_the_user(api, browser):
    from notifications.channels.phones import phone_remember

    assert api.as_user(user_id="7").get(PREFS).json()["reachable"] == {"email": False, "sms": False, "push": False}
    phone_remember(user_id="7", phone="+4791234567")
    api.as_user(user_id="7").post(SUBSCRIPTIONS, browser)

    assert api.as_user(user_id="7").get(PREFS).json()["reachable"] == {"email": False, "sms": True, "push": True}


def test_put_changes_only_what_it_names(api):
    client = api.as_user(user_id="7")

    response = client.put(PREFS, {"kinds": {"order_received": {"sms": False}}})
    client.put(PREFS, {"kinds": {"order_received": {"push": False}, "chat_message": {"email": True}}})

    assert response.status_code == HTTPStatus.OK
    kinds = client.get(PREFS).json()["kinds"]
    assert kinds["order_received"] == {"email": True, "sms": False, "push": False, "locked": False}
    assert kinds["chat_message"]["email"] is True
    assert kinds["order_delivered"]["sms"] is True
    assert (
        api.as_user(user_id="8").get(PREFS).json()["kinds"]["order_received"]["sms"] is True
    )  # one user's choice only


def test_a_locked_kind_cannot_be_turned_off(api):
    response = api.as_user(user_id="7").put(
        PREFS, {"kinds": {"password_reset": {"email": False}, "welcome": {"push": True}}}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.json()["fields"] == {
        "kinds.password_reset": ["password_reset is a security notice and cannot be changed."]
    }
    assert "password_reset" in response.json()["detail"]
    assert api.as_user(user_id="7").get(PREFS).json()["kinds"]["welcome"]["push"] is False  # nothing saved


def test_echoing_a_locked_kind_unchanged_is_fine(api):
    response = api.as_user(user_id="7").put(PREFS, {"kinds": {"password_reset": {"email": True, "locked": True}}})

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kinds": {"no_such_kind": {"email": True}}}, "kinds.no_such_kind"),
        ({"kinds": {"welcome": {"email": "maybe"}}}, "kinds.welcome.email"),
        ({"kinds": {"welcome": {"fax": True}}}, "kinds.welcome.fax"),
        ({"kinds": "all"}, "kinds"),
        ({}, "kinds"),
    ],
)
def test_bad_preferences_are_refused_naming_the_field(api, body, field):
    response = api.as_user(user_id="7").put(PREFS, body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_preferences_need_a_signed_in_user(api):
    assert api.get(PREFS).status_code == HTTPStatus.UNAUTHORIZED
    assert api.put(PREFS, {"kinds": {}}).status_code == HTTPStatus.UNAUTHORIZED


def test_the_public_key_is_public(api):
    from notifications.channels.push import vapid_public_key

    response = api.get("/api/v1/notifications/push/public-key")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"public_key": vapid_public_key()}


def test_a_browser_subscribes_and_unsubscribes(api, browser):
    client = api.as_user(user_id="7")

    response = client.post(SUBSCRIPTIONS, browser)

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["endpoint"] == browser["endpoint"] and body["id"]
    assert PushSubscription.objects.get(id=body["id"]).user_id == "7"
    assert client.delete(f"{SUBSCRIPTIONS}/{body['id']}").status_code == HTTPStatus.NO_CONTENT
    assert not PushSubscription.objects.exists()


def test_subscribing_the_same_browser_again_keeps_one_subscription(api, browser):
    first = api.as_user(user_id="7").post(SUBSCRIPTIONS, browser).json()
    second = api.as_user(user_id="8").post(SUBSCRIPTIONS, browser).json()  # another user signed in on that browser

    assert first["id"] == second["id"]
    assert PushSubscription.objects.get().user_id == "8"


def test_someone_elses_subscription_is_not_found(api, browser):
    subscription_id = api.as_user(user_id="7").post(SUBSCRIPTIONS, browser).json()["id"]

    response = api.as_user(user_id="8").delete(f"{SUBSCRIPTIONS}/{subscription_id}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert PushSubscription.objects.exists()


def test_subscriptions_need_a_signed_in_user(api, browser):
    assert api.post(SUBSCRIPTIONS, browser).status_code == HTTPStatus.UNAUTHORIZED
    assert api.delete(f"{SUBSCRIPTIONS}/abc").status_code == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize(
    "change, field, status",
    [
        ({"endpoint": "https://evil.example.com/push"}, "endpoint", 400),
        ({"endpoint": "http://fcm.googleapis.com/x"}, "endpoint", 400),
        ({"endpoint": "not a url"}, "endpoint", 422),
        ({"keys": {"p256dh": "B" + "A" * 86, "auth": "x" * 18}}, "keys.auth", 400),
        ({"keys": {"p256dh": "A" * 87, "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh", 400),
        ({"keys": {"auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh", 422),
        ({"expirationTime": "soon"}, "expirationTime", 422),
        ({"endpoint": None}, "endpoint", 422),
    ],
)
def test_bad_subscriptions_are_refused_naming_the_field(api, browser, change, field, status):
    response = api.as_user(user_id="7").post(SUBSCRIPTIONS, {**browser, **change})

    assert response.status_code == status, response.json()
    assert field in response.json()["fields"]
    assert not PushSubscription.objects.exists()
