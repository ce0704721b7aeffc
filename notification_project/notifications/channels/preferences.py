"""Each user's choice of channels per kind: defaults from ``kinds``, overridden by what they changed."""
from __future__ import annotations

from django.db import transaction

from notifications.channels.kinds import CHANNELS, KINDS
from notifications.models import Contact, NotificationPreferences, PushSubscription, VerifiedPhone
from shared.errors import Rejected


class PreferenceRefused(Rejected):
    code = "preference_refused"
    detail = "These preferences cannot be saved."


def _choices(user_id: str) -> dict:
    row = NotificationPreferences.objects.filter(user_id=str(user_id)).values_list("choices", flat=True).first()
    return row or {}


def _merged(kind: str, choices: dict) -> dict:
    merged = KINDS[kind].as_dict()
    if not merged["locked"]:
        merged.update({channel: value for channel, value in choices.get(kind, {}).items() if channel in CHANNELS})
    return merged


def preferences_get(*, user_id: str) -> dict[str, dict]:
    """Every kind with its channels as this user has them (the answer of GET .../preferences)."""
    choices = _choices(user_id)
    return {kind: _merged(kind, choices) for kind in KINDS}


def channels_wanted(*, user_id: str, kind: str) -> dict[str, bool]:
    """The channels one kind goes by for this user (one query)."""
    if kind not in KINDS:
        return dict.fromkeys(CHANNELS, False)
    return _merged(kind, _choices(user_id))


def _refusals(changes: dict[str, dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for kind, channels in changes.items():
        if kind not in KINDS:
            fields[f"kinds.{kind}"] = [f"No such kind: {kind}. The kinds are listed by GET /api/v1/notifications/preferences."]
            continue
        defaults = KINDS[kind].as_dict()
        if defaults["locked"] and any(value != defaults[channel] for channel, value in channels.items()):
            fields[f"kinds.{kind}"] = [f"{kind} is a security notice and cannot be changed."]
    return fields


def preferences_update(*, user_id: str, changes: dict[str, dict]) -> dict[str, dict]:
    """Change only the kinds and channels named; a locked kind or an unknown one is refused (422, naming it)."""
    changes = {kind: {c: v for c, v in channels.items() if c in CHANNELS and v is not None} for kind, channels in changes.items()}
    refusals = _refusals(changes)
    if refusals:
        raise PreferenceRefused(f"Refused: {', '.join(name.removeprefix('kinds.') for name in refusals)}.", fields=refusals)
    with transaction.atomic():
        row, _ = NotificationPreferences.objects.select_for_update().get_or_create(user_id=str(user_id))
        for kind, channels in changes.items():
            if not KINDS[kind].locked and channels:
                row.choices.setdefault(kind, {}).update(channels)
        row.save()
    return preferences_get(user_id=user_id)


def channels_reachable(*, user_id: str) -> dict[str, bool]:
    """Which channels can reach this user now: a known address, a verified phone, a subscribed browser."""
    user_id = str(user_id)
    return {
        "email": Contact.objects.filter(user_id=user_id).exists(),
        "sms": VerifiedPhone.objects.filter(user_id=user_id).exists(),
        "push": PushSubscription.objects.filter(user_id=user_id).exists(),
    }
