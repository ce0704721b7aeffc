"""Preferences and Web Push subscriptions: thin, one operation a function."""

from http import HTTPStatus

from ninja import Router, Status

from notifications.channel_schemas import (
    PreferencesIn,
    PreferencesOut,
    PublicKeyOut,
    PushSubscriptionIn,
    PushSubscriptionOut,
)
from notifications.channels.preferences import channels_reachable, preferences_get, preferences_update
from notifications.channels.push import vapid_public_key
from notifications.channels.subscriptions import push_subscription_delete, push_subscription_save
from shared.api_ninja import BearerAuth
from shared.openapi import errors

router = Router(tags=["notifications"], auth=BearerAuth())


@router.get("/preferences", response=PreferencesOut, summary="Every kind of notice and the channels it goes by for you")
def preferences_read(request):
    return {"kinds": preferences_get(user_id=request.auth.id), "reachable": channels_reachable(user_id=request.auth.id)}


@router.put("/preferences", response=PreferencesOut, summary="Change only the kinds and channels named")
def preferences_write(request, payload: PreferencesIn):
    changes = {kind: channels.dict(exclude={"locked"}) for kind, channels in payload.kinds.items()}
    kinds = preferences_update(user_id=request.auth.id, changes=changes)
    return {"kinds": kinds, "reachable": channels_reachable(user_id=request.auth.id)}


@router.get("/push/public-key", response=PublicKeyOut, auth=None, summary="The VAPID key a browser subscribes with")
def push_public_key(request):
    return {"public_key": vapid_public_key()}


@router.post(
    "/push-subscriptions",
    response={HTTPStatus.CREATED: PushSubscriptionOut},
    summary="Save this browser's PushSubscription",
    openapi_extra=errors(400),
)
def push_subscription_create(request, payload: PushSubscriptionIn):
    subscription = push_subscription_save(
        user_id=request.auth.id,
        endpoint=payload.endpoint,
        p256dh=payload.keys.p256dh,
        auth=payload.keys.auth,
        expiration_time=payload.expirationTime,
    )
    return Status(HTTPStatus.CREATED, subscription)


@router.delete(
    "/push-subscriptions/{subscription_id}",
    response={HTTPStatus.NO_CONTENT: None},
    summary="Stop pushing to that browser",
    openapi_extra=errors(404),
)
def push_subscription_remove(request, subscription_id: str):
    push_subscription_delete(user_id=request.auth.id, subscription_id=subscription_id)
    return Status(HTTPStatus.NO_CONTENT, None)
