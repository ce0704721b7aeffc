"""Auth (auth_project): the gateway turns issued tokens into cookies.

Auth validates with DRF serializers and answers 400 (not 422) to bad input, so
these bodies are documented without Ninja parsing them: served directly by
Django, a bad body still gets auth's own answer.
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from proxy.api.common import IMAGE, SIGNED_IN, DetailOut, ErrorOut, body_docs, errors, file_docs
from proxy.django_adapter import relay

router = Router(tags=["auth"])

USERNAME_PATTERN = r"^[A-Za-z0-9_-]{3,30}$"
COUNTRY_PATTERN = r"^[^\W\d_][\w .,'()-]*$"
Password = Field(max_length=128, description="Not trimmed.")


class TwoStepOut(Schema):
    enabled: bool
    channel: str


class UserOut(Schema):
    id: str
    username: str
    email: str
    country: str
    profile_picture: str = Field(description='URL of the uploaded picture (/api/v1/auth/pictures/..., takes ?size=thumb|card); '
        '"" when there is none.')
    email_verified: bool
    phone: str = Field(description='E.164; "" when none.')
    phone_verified: bool
    two_step: TwoStepOut
    created_at: datetime


class UserEnvelope(Schema):
    user: UserOut


class ChallengeOut(Schema):
    two_step_required: bool
    challenge_id: str
    channel: str = Field(description='"email" or "sms": where the 6-digit code went.')


class PhoneIn(Schema):
    phone: str = Field(max_length=32, description="E.164, e.g. +4791234567.")


class CodeIn(Schema):
    code: str = Field(pattern=r"^\d{6}$", description="The 6 digits sent: 10 minutes, 5 attempts, single use.")


class TwoStepIn(Schema):
    enabled: bool
    channel: Literal["email", "sms"] = Field(description='"sms" needs a verified phone.')
    password: str = Password


class TwoStepEnvelope(Schema):
    two_step: TwoStepOut


class SigninVerifyIn(Schema):
    challenge_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    code: str = Field(pattern=r"^\d{6}$")


class PhoneOut(Schema):
    user: UserOut
    detail: str | None = None


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
    "/signin", response={200: UserEnvelope, 202: ChallengeOut, **errors(400, 401, 403, write=True)},
    summary="Sign in; sets the session cookies",
    description="403: the account is disabled. 429: too many failed attempts. 202: two-step sign-in is on and "
    "this browser is new: no cookies yet; a code was sent by `channel`, "
    "and POST /auth/signin/verify completes the sign-in.",
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


class PictureParams(Schema):
    size: str | None = Field(None, description="thumb or card; the original when absent (anything else: 400 naming size).")


@router.get(
    "/pictures/{name}", response={200: None, **errors(400, 404)}, summary="A profile picture (the user's profile_picture URL)",
    description=IMAGE + " Buyer and seller profiles carry the same URL.",
    openapi_extra=file_docs(content_type="image/*", description="The image.", conditional=True),
)
async def profile_picture(request, name: str, params: Query[PictureParams]):
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


@router.post(
    "/signin/verify", response={200: UserEnvelope, **errors(400, write=True)},
    summary="Complete a two-step sign-in; sets the session cookies and the device cookie",
    description="The device cookie (HttpOnly, a year) tells auth at the next signin that this browser passed: "
    "no code then. 400 names `challenge_id` or `code`. Rate-limited like signin.",
    openapi_extra=body_docs(json=SigninVerifyIn),
)
async def signin_verify(request):
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
    "/phone", response={200: PhoneOut, **errors(400, 401, 409, write=True)},
    summary="Set your phone number and text it a 6-digit code", description=SIGNED_IN + " 429: a code was just sent.",
    openapi_extra=body_docs(json=PhoneIn),
)
async def phone_set(request):
    return await relay(request)


@router.delete("/phone", response={200: UserEnvelope, **errors(401, 409, write=True)}, summary="Remove your phone number (SMS stop)", description=SIGNED_IN + " 409: two-step sign-in uses it.")
async def phone_remove(request):
    return await relay(request)


@router.post(
    "/phone/verify", response={200: UserEnvelope, **errors(400, 401, write=True)},
    summary="Prove the number with the texted code", description=SIGNED_IN + " Rate-limited like signin.",
    openapi_extra=body_docs(json=CodeIn),
)
async def phone_verify(request):
    return await relay(request)


@router.put(
    "/two-step", response={200: TwoStepEnvelope, **errors(400, 401, write=True)},
    summary="Turn two-step sign-in on or off", description=SIGNED_IN + " The password is asked again; 400 names the field.",
    openapi_extra=body_docs(json=TwoStepIn),
)
async def two_step_set(request):
    return await relay(request)


@router.post(
    "/signout-all", response={200: SignoutAllOut, **errors(401, write=True)},
    summary="End every session of the user and clear this browser's cookies", description=SIGNED_IN + ENDS_AT_ONCE,
)
async def signout_all(request):
    return await relay(request)
