"""Auth (auth_project): the gateway turns issued tokens into cookies.

Auth validates with DRF serializers and answers 400 (not 422) to bad input, so
these bodies are documented without Ninja parsing them: served directly by
Django, a bad body still gets auth's own answer.
"""
from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema
from pydantic import Field

from proxy.api.common import SIGNED_IN, DetailOut, ErrorOut, body_docs, errors
from proxy.django_adapter import relay

router = Router(tags=["auth"])

USERNAME_PATTERN = r"^[A-Za-z0-9_-]{3,30}$"
COUNTRY_PATTERN = r"^[^\W\d_][\w .,'()-]*$"
Password = Field(max_length=128, description="Not trimmed.")


class UserOut(Schema):
    id: str
    username: str
    email: str
    country: str
    profile_picture: str = Field(description='URL of the uploaded picture; "" when there is none.')
    email_verified: bool
    created_at: datetime


class UserEnvelope(Schema):
    user: UserOut


class SignupIn(Schema):
    username: str = Field(pattern=USERNAME_PATTERN, max_length=30, description="3 to 30 letters, digits, '_' or '-'.")
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    password: str = Password
    country: str = Field(pattern=COUNTRY_PATTERN, min_length=2, max_length=64, description="A country name.")


SIGNUP_MULTIPART = {
    "type": "object",
    "required": ["username", "email", "password", "country"],
    "properties": {
        **SignupIn.model_json_schema()["properties"],
        "profile_picture": {"type": "string", "format": "binary", "description": "Optional JPEG, PNG, WebP or GIF."},
    },
}


class SigninIn(Schema):
    username: str = Field(max_length=254, description="The username or the e-mail.")
    password: str = Password


class TokenIn(Schema):
    token: str = Field(max_length=256)


class EmailIn(Schema):
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})


class ResetPasswordIn(Schema):
    token: str = Field(max_length=256)
    password: str = Password
    confirm_password: str = Field(max_length=128, description="Must equal password.")


class ChangePasswordIn(Schema):
    current_password: str = Password
    new_password: str = Field(max_length=128, description="Must differ from the current one.")


class CsrfOut(Schema):
    csrf_token: str


class SessionOut(Schema):
    id: str = Field(description="The session id; the access token's `sid`.")
    device: str = Field(description="The user agent that signed in.")
    address: str = Field(description="The client address of the sign-in, then of the latest refresh.")
    created_at: datetime
    last_used_at: datetime = Field(description="The latest refresh (the sign-in, before any).")
    current: bool = Field(description="True for the session making this request.")


class SessionList(Schema):
    items: list[SessionOut]
    total: int


class SignoutAllOut(DetailOut):
    ended: int = Field(description="How many sessions ended.")


@router.post(
    "/signup", response={201: UserEnvelope, **errors(400, 409, write=True)},
    summary="Create an account; sets the session cookies",
    description="JSON, or multipart form data to upload a profile picture. Sends a verification e-mail.",
    openapi_extra=body_docs(json=SignupIn, multipart=SIGNUP_MULTIPART),
)
async def signup(request):
    return await relay(request)


@router.post(
    "/signin", response={200: UserEnvelope, **errors(400, 401, 403, write=True)},
    summary="Sign in; sets the session cookies", description="403: the account is disabled. 429: too many failed attempts.",
    openapi_extra=body_docs(json=SigninIn),
)
async def signin(request):
    return await relay(request)


@router.post("/signout", response={200: DetailOut, **errors(write=True)}, summary="Revoke the refresh token and clear the cookies (always 200)")
async def signout(request):
    return await relay(request)


@router.post("/refresh", response={200: UserEnvelope, **errors(401, write=True)}, summary="Rotate both tokens from the refresh cookie; a reused one is refused and the session ends")
async def refresh(request):
    return await relay(request)


@router.get("/csrf", response={200: CsrfOut, 429: ErrorOut}, description="Answered by the gateway itself.", summary="(Re)issue the CSRF cookie a SPA echoes in X-CSRF-Token")
async def csrf(request):
    return await relay(request)


@router.get("/me", response={200: UserEnvelope, **errors(401)}, summary="The signed-in user", description=SIGNED_IN)
async def me(request):
    return await relay(request)


@router.post(
    "/verify-email", response={200: UserEnvelope, **errors(400, write=True)},
    summary="Mark the e-mail verified", description="400 names `token` when it is invalid, used or expired.",
    openapi_extra=body_docs(json=TokenIn),
)
async def verify_email(request):
    return await relay(request)


@router.post("/resend-verification", response={200: DetailOut, **errors(401, 409, write=True)}, summary="Send a new verification e-mail", description=SIGNED_IN + " 409: already verified; 429: one was just sent.")
async def resend_verification(request):
    return await relay(request)


@router.post("/forgot-password", response={200: DetailOut, **errors(400, write=True)}, summary="Always 200: no account enumeration", openapi_extra=body_docs(json=EmailIn))
async def forgot_password(request):
    return await relay(request)


@router.post("/reset-password", response={200: DetailOut, **errors(400, write=True)}, summary="Single-use reset token", openapi_extra=body_docs(json=ResetPasswordIn))
async def reset_password(request):
    return await relay(request)


@router.post(
    "/change-password", response={200: UserEnvelope, **errors(400, 401, write=True)},
    summary="Checks the current password; sets fresh cookies", description=SIGNED_IN,
    openapi_extra=body_docs(json=ChangePasswordIn),
)
async def change_password(request):
    return await relay(request)


ENDS_AT_ONCE = (
    " The ended sessions' access tokens are refused at once, and their open sockets are closed"
    " (WebSocket close code 4401 `token_revoked`; Socket.IO event `session.revoked`, then a disconnect)."
)


@router.get("/sessions", response={200: SessionList, **errors(401)}, summary="The signed-in user's sessions", description=SIGNED_IN)
async def sessions(request):
    return await relay(request)


@router.delete(
    "/sessions/{session_id}", response={200: DetailOut, **errors(401, 404, write=True)},
    summary="End one of your sessions", description=SIGNED_IN + " 404: no such session of yours." + ENDS_AT_ONCE,
)
async def session_end(request, session_id: str):
    return await relay(request)


@router.post(
    "/signout-all", response={200: SignoutAllOut, **errors(401, write=True)},
    summary="End every session of the user and clear this browser's cookies", description=SIGNED_IN + ENDS_AT_ONCE,
)
async def signout_all(request):
    return await relay(request)
