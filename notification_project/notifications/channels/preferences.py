"""Each user's choice of channels per kind: defaults from ``kinds``, overridden by what they changed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

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
    return wanted_of(kind, _choices(user_id))


def wanted_of(kind: str, choices: dict) -> dict[str, bool]:
    if kind not in KINDS:
        return dict.fromkeys(CHANNELS, False)
    return _merged(kind, choices)


@dataclass(frozen=True)
class Reach:
    """What planning one notice needs to know of its user."""

    choices: dict  # the user's changes to the default channels (NotificationPreferences.choices)
    email: str  # "" when auth never told us an address
    phone: str  # "" unless a number is verified
    subscriptions: tuple[str, ...]  # push subscription ids


def _reach_sql() -> str:
    tables = {
        model.__name__: connection.ops.quote_name(model._meta.db_table)
        for model in (NotificationPreferences, Contact, VerifiedPhone, PushSubscription)
    }
    return (
        "SELECT p.choices, c.email, v.phone, s.id FROM (SELECT %s AS user_id) u"
        f" LEFT JOIN {tables['NotificationPreferences']} p ON p.user_id = u.user_id"
        f" LEFT JOIN {tables['Contact']} c ON c.user_id = u.user_id"
        f" LEFT JOIN {tables['VerifiedPhone']} v ON v.user_id = u.user_id"
        f" LEFT JOIN {tables['PushSubscription']} s ON s.user_id = u.user_id"
    )


def _reach_of(rows) -> Reach:
    choices, email, phone, _ = rows[0][-4:]
    if choices is not None:
        field = NotificationPreferences._meta.get_field("choices")
        choices = field.from_db_value(choices, None, connection)  # type: ignore[arg-type]  # raw SQL row
    return Reach(
        choices=choices or {},
        email=email or "",
        phone=phone or "",
        subscriptions=tuple(row[-1] for row in rows if row[-1] is not None),
    )


def notification_insert_with_reach(notification) -> Reach:
    """INSERT an unsaved Notification and read its user's reach, in one round trip on PostgreSQL.

    A data-modifying WITH: the row is inserted as the ORM would (the same columns and
    defaults), its id and created_at come back with the reach joined to them. On other
    databases: the ORM's INSERT, then ``reach_get``.
    """
    if connection.vendor != "postgresql":
        notification.save(force_insert=True)
        return reach_get(user_id=notification.user_id)
    model = type(notification)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
            f.pre_save(notification, add=True)  # sets created_at, as save() would
    values = [f.get_db_prep_save(getattr(notification, f.attname), connection) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"WITH n AS (INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
        f" RETURNING {quote(model._meta.pk.column)}) "
        + _reach_sql()
        .replace("SELECT p.choices", "SELECT n.*, p.choices", 1)
        .replace("FROM (SELECT %s AS user_id) u", "FROM n, (SELECT %s AS user_id) u", 1)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, str(notification.user_id)])
        rows = cursor.fetchall()
    notification.pk = rows[0][0]
    notification._state.adding, notification._state.db = False, connection.alias
    return _reach_of(rows)


def reach_get(*, user_id: str) -> Reach:
    """The user's channel choices, address, verified phone and push subscriptions in one query.

    A notice is planned inside its event's transaction, on the path to the
    inbox: four lookups there were four round trips to the database. Every
    table is keyed (or indexed) by user id; the push subscriptions give one
    row each, the other columns repeat on each.
    """
    with connection.cursor() as cursor:
        cursor.execute(_reach_sql(), [str(user_id)])
        return _reach_of(cursor.fetchall())


def _refusals(changes: dict[str, dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for kind, channels in changes.items():
        if kind not in KINDS:
            fields[f"kinds.{kind}"] = [
                f"No such kind: {kind}. The kinds are listed by GET /api/v1/notifications/preferences."
            ]
            continue
        defaults = KINDS[kind].as_dict()
        if defaults["locked"] and any(value != defaults[channel] for channel, value in channels.items()):
            fields[f"kinds.{kind}"] = [f"{kind} is a security notice and cannot be changed."]
    return fields


def preferences_update(*, user_id: str, changes: dict[str, dict]) -> dict[str, dict]:
    """Change only the kinds and channels named; a locked kind or an unknown one is refused (422, naming it)."""
    changes = {
        kind: {c: v for c, v in channels.items() if c in CHANNELS and v is not None}
        for kind, channels in changes.items()
    }
    refusals = _refusals(changes)
    if refusals:
        raise PreferenceRefused(
            f"Refused: {', '.join(name.removeprefix('kinds.') for name in refusals)}.", fields=refusals
        )
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
