"""Auth (auth_project): the gateway turns issued tokens into cookies.

Auth validates with DRF serializers and answers 400 (not 422) to bad input, so
these bodies are documented without Ninja parsing them: served directly by
Django, a bad body still gets auth's own answer.
"""
from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from proxy.api.common import IMAGE, SIGNED_IN, DetailOut, ErrorOut, body_docs, errors, file_docs
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
    profile_picture: str = Field(description='URL of the uploaded picture (/api/v1/auth/pictures/..., takes ?size=thumb|card); "" when there is none.')
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
