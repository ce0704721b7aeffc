"""Auth (auth_project): the gateway turns issued tokens into cookies."""
from __future__ import annotations

from ninja import Router, Schema

from proxy.api.common import SIGNED_IN, MessageOut, errors
from proxy.django_adapter import relay

router = Router(tags=["auth"])


class UserOut(Schema):
    id: str
    username: str
    email: str
    country: str | None = None
    profile_picture: str | None = None
    email_verified: bool = False
    created_at: str | None = None


class UserEnvelope(Schema):
    user: UserOut


class SignupIn(Schema):
    username: str
    email: str
    password: str
    country: str
    profile_picture: str | None = None


class SigninIn(Schema):
    username: str  # a username or an e-mail address
    password: str


class TokenIn(Schema):
    token: str


class EmailIn(Schema):
    email: str


class ResetPasswordIn(Schema):
    token: str
    password: str
    confirm_password: str


class ChangePasswordIn(Schema):
    current_password: str
    new_password: str


class CsrfOut(Schema):
    csrf_token: str


@router.post("/signup", response={201: UserEnvelope, **errors(400, 409, 422)}, summary="Create an account; sets the session cookies")
async def signup(request, payload: SignupIn):
    return await relay(request)


@router.post("/signin", response={200: UserEnvelope, **errors(400, 401, 422)}, summary="Sign in; sets the session cookies")
async def signin(request, payload: SigninIn):
    return await relay(request)


@router.post("/signout", response={200: MessageOut, **errors(403)}, summary="Revoke the refresh token and clear the cookies", description=SIGNED_IN)
async def signout(request):
    return await relay(request)


@router.post("/refresh", response={200: UserEnvelope, **errors(401, 403)}, summary="Rotate both tokens from the refresh cookie; a reused one is refused and the session ends")
async def refresh(request):
    return await relay(request)


@router.get("/csrf", response={200: CsrfOut}, summary="(Re)issue the CSRF cookie a SPA echoes in X-CSRF-Token")
async def csrf(request):
    return await relay(request)


@router.get("/me", response={200: UserEnvelope, **errors(401)}, summary="The signed-in user", description=SIGNED_IN)
async def me(request):
    return await relay(request)


@router.post("/verify-email", response={200: UserEnvelope, **errors(400, 404, 422)}, summary="Mark the e-mail verified")
async def verify_email(request, payload: TokenIn):
    return await relay(request)


@router.post("/resend-verification", response={200: MessageOut, **errors(401, 403, 409)}, description=SIGNED_IN)
async def resend_verification(request):
    return await relay(request)


@router.post("/forgot-password", response={200: MessageOut, **errors(422)}, summary="Always 200: no account enumeration")
async def forgot_password(request, payload: EmailIn):
    return await relay(request)


@router.post("/reset-password", response={200: MessageOut, **errors(400, 422)}, summary="Single-use reset token")
async def reset_password(request, payload: ResetPasswordIn):
    return await relay(request)


@router.post("/change-password", response={200: UserEnvelope, **errors(400, 401, 403, 422)}, summary="Checks the current password; sets fresh cookies", description=SIGNED_IN)
async def change_password(request, payload: ChangePasswordIn):
    return await relay(request)
