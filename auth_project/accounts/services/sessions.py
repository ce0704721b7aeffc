"""Sessions: token pairs, refresh rotation with reuse detection, revocation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from accounts.models import SessionFamily, User
from accounts.services.revocations import revoke_sessions
from accounts.tokens import FAMILY_CLAIM, SESSION_CLAIM, SessionRefreshToken
from shared.errors import NotAuthenticated, NotFound


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    access_expires_in: int
    refresh_expires_in: int

    def as_dict(self) -> dict:
        return {
            "access": self.access,
            "refresh": self.refresh,
            "access_expires_in": self.access_expires_in,
            "refresh_expires_in": self.refresh_expires_in,
        }


@dataclass(frozen=True)
class ClientInfo:
    """Who is asking, as the gateway forwarded it: shown to the user in their list of sessions."""

    user_agent: str = ""
    address: str = ""

    @classmethod
    def of(cls, *, user_agent: str, address: str) -> ClientInfo:
        return cls(user_agent=user_agent[:256], address=address[:45])


def _pair(user: User, family_id: str) -> TokenPair:
    refresh = SessionRefreshToken.for_session(user, family_id)
    access = refresh.access_token
    # The session id rides in the access token so the gateway can refuse it the moment it ends.
    access[SESSION_CLAIM] = family_id
    return TokenPair(
        access=str(access),
        refresh=str(refresh),
        access_expires_in=int(access.lifetime.total_seconds()),
        refresh_expires_in=int(refresh.lifetime.total_seconds()),
    )


def session_start(*, user: User, client: ClientInfo = ClientInfo()) -> TokenPair:
    """A new session (family) for a user who just proved who they are."""
    family = SessionFamily.objects.create(user=user, user_agent=client.user_agent, address=client.address)
    return _pair(user, family.id)


def _decode_refresh(raw: str) -> SessionRefreshToken:
    try:
        return SessionRefreshToken(raw)
    except ExpiredTokenError as exc:
        raise NotAuthenticated("The refresh token has expired. Sign in again.", "token_expired") from exc
    except TokenError as exc:
        raise NotAuthenticated("The refresh token is not valid.", "token_invalid") from exc


def _family_revoke(family: SessionFamily, reason: str) -> None:
    if family.revoked_at is None:
        family.revoked_at, family.revoked_reason = timezone.now(), reason
        family.save(update_fields=["revoked_at", "revoked_reason"])
        revoke_sessions(user_id=family.user_id, session_ids=[family.id])
    live = OutstandingToken.objects.filter(
        user_id=family.user_id,
        created_at__gte=family.created_at,
        expires_at__gt=timezone.now(),
        blacklistedtoken__isnull=True,
    )
    # The family check at refresh already refuses these; blacklisting them too keeps
    # simplejwt's blacklist (and its admin) truthful. The row's token names its family.
    family_tokens = [row for row in live if _family_of(row) == family.id]
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=row) for row in family_tokens], ignore_conflicts=True)


def _family_of(row: OutstandingToken) -> str | None:
    try:
        return SessionRefreshToken(row.token, verify=False).get(FAMILY_CLAIM)
    except TokenError:
        return None


def _rotate(token: SessionRefreshToken, client: ClientInfo) -> tuple[User, TokenPair] | NotAuthenticated:
    """Returns the problem instead of raising it, so a revocation still commits."""
    outstanding = OutstandingToken.objects.select_for_update().filter(jti=token["jti"]).first()
    family = SessionFamily.objects.select_for_update().filter(pk=token[FAMILY_CLAIM]).first()
    if outstanding is None or family is None or str(family.user_id) != str(token["user_id"]):
        return NotAuthenticated("The refresh token is not valid.", "token_invalid")
    if family.revoked_at is not None:
        return NotAuthenticated("This session has ended. Sign in again.", "token_revoked")
    if BlacklistedToken.objects.filter(token=outstanding).exists():
        # A rotated token came back: someone kept a copy. End the whole session.
        _family_revoke(family, reason="reuse")
        return NotAuthenticated("This refresh token was already used. Sign in again.", "token_reused")
    user = family.user
    if not user.is_active:
        return NotAuthenticated("This account is disabled.", "account_disabled")
    BlacklistedToken.objects.create(token=outstanding)
    family.last_used_at = timezone.now()
    family.address = client.address or family.address
    family.save(update_fields=["last_used_at", "address"])
    return user, _pair(user, family.id)


def session_refresh(*, raw: str, client: ClientInfo = ClientInfo()) -> tuple[User, TokenPair]:
    """Rotate: the presented refresh token is spent, a new pair is minted from the stored user."""
    token = _decode_refresh(raw)
    with transaction.atomic():
        outcome = _rotate(token, client)
    if isinstance(outcome, NotAuthenticated):
        raise outcome
    return outcome


def session_end(*, raw: str) -> None:
    """Sign out: the refresh token and its whole family stop working."""
    token = _decode_refresh(raw)
    with transaction.atomic():
        family = SessionFamily.objects.select_for_update().filter(pk=token[FAMILY_CLAIM]).first()
        if family is None or str(family.user_id) != str(token["user_id"]):
            raise NotAuthenticated("The refresh token is not valid.", "token_invalid")
        _family_revoke(family, reason="signout")


def sessions_revoke_all(*, user: User, reason: str) -> int:
    """End every session of a user (password change/reset, deactivation, sign out everywhere); returns how many."""
    now = timezone.now()
    live_families = SessionFamily.objects.filter(user=user, revoked_at__isnull=True)
    ids = list(live_families.values_list("id", flat=True))
    ended = SessionFamily.objects.filter(id__in=ids).update(revoked_at=now, revoked_reason=reason)
    live = OutstandingToken.objects.filter(user=user, expires_at__gt=now, blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=row) for row in live], ignore_conflicts=True)
    # Every access token issued before now, whatever its session (older tokens carry none).
    revoke_sessions(user_id=user.pk, session_ids=ids, whole_user=True)
    return ended


def session_end_by_id(*, user: User, session_id: str) -> None:
    """End one of the user's own sessions; another user's (or an ended one) is simply not found."""
    with transaction.atomic():
        family = (
            SessionFamily.objects.select_for_update().filter(pk=session_id, user=user, revoked_at__isnull=True).first()
        )
        if family is None:
            raise NotFound("No such session.", "session_not_found")
        _family_revoke(family, reason="ended_by_user")
