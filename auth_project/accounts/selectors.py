from __future__ import annotations

from accounts.models import SessionFamily, User


def user_get_by_login(*, login: str) -> User | None:
    """The account a sign-in names: an e-mail when it contains '@', else a username (any case)."""
    login = login.strip()
    if not login:
        return None
    field = "email__iexact" if "@" in login else "username__iexact"
    return User.objects.filter(**{field: login}).first()


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def user_get(*, user_id: str) -> User | None:
    if not str(user_id).isdigit():
        return None
    return User.objects.filter(pk=int(user_id)).first()


def user_payload(user: User) -> dict:
    """USER as every route answers it (never the password hash)."""
    return {
        "id": str(user.pk),
        "username": user.username,
        "email": user.email,
        "country": user.country,
        "profile_picture": user.profile_picture_url,
        "email_verified": user.email_verified,
        **_phone_and_two_step(user),
        "created_at": user.date_joined.isoformat(),
    }


def _phone_and_two_step(user: User) -> dict:
    from accounts.models import PhoneNumber, TwoStepSetting

    number = PhoneNumber.objects.filter(user=user).first()
    setting = TwoStepSetting.objects.filter(user=user).first()
    return {
        "phone": number.phone if number else "",
        "phone_verified": bool(number and number.verified),
        "two_step": {"enabled": bool(setting and setting.enabled), "channel": setting.channel if setting else "email"},
    }


def sessions_list(*, user: User, current_session_id: str) -> list[dict]:
    """The user's live sessions, the one asking marked ``current``, most recently used first."""
    families = SessionFamily.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    rows = [
        {
            "id": family.id,
            "device": family.user_agent,
            "address": family.address,
            "created_at": family.created_at.isoformat(),
            "last_used_at": (family.last_used_at or family.created_at).isoformat(),
            "current": family.id == current_session_id,
        }
        for family in families
    ]
    return sorted(rows, key=lambda row: row["last_used_at"], reverse=True)
