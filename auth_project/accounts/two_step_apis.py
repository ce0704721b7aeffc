"""Phone number and two-step sign-in routes: thin, like ``apis``."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from rest_framework.response import Response

from accounts import answers
from accounts import two_step_serializers as inputs
from accounts.apis import PublicApi, SignedInApi, _valid, client_info
from accounts.openapi_docs import documented
from accounts.selectors import user_payload
from accounts.services import phone, sessions, two_step


class PhoneApi(SignedInApi):
    @documented(
        200,
        answers.PhoneOut,
        400,
        409,
        json=inputs.PhoneIn,
        summary="Set your phone number and text it a 6-digit code",
        description="429: a code was just sent.",
    )
    def post(self, request):
        phone.phone_verification_request(user=self.account(request), phone=_valid(inputs.PhoneIn, request)["phone"])
        return Response({"user": user_payload(self.account(request)), "detail": "A 6-digit code is on its way by SMS."})

    @documented(
        200,
        answers.UserEnvelope,
        409,
        summary="Remove your phone number (SMS stop)",
        description="409: two-step sign-in uses it.",
    )
    def delete(self, request):
        phone.phone_remove(user=self.account(request))
        return Response({"user": user_payload(self.account(request))})


class PhoneVerifyApi(SignedInApi):
    @documented(
        200,
        answers.UserEnvelope,
        400,
        json=inputs.CodeIn,
        summary="Prove the number with the texted code",
        description="Rate-limited like signin.",
    )
    def post(self, request):
        user = self.account(request)
        phone.phone_verify(user=user, code=_valid(inputs.CodeIn, request)["code"])
        return Response({"user": user_payload(user)})


class TwoStepApi(SignedInApi):
    @documented(
        200,
        answers.TwoStepEnvelope,
        400,
        json=inputs.TwoStepIn,
        summary="Turn two-step sign-in on or off",
        description="The password is asked again; 400 names the field.",
    )
    def put(self, request):
        state = two_step.two_step_set(user=self.account(request), **_valid(inputs.TwoStepIn, request))
        return Response({"two_step": state})


class SigninVerifyApi(PublicApi):
    @documented(
        200,
        answers.SigninVerifyOut,
        400,
        json=inputs.SigninVerifyIn,
        summary="Complete a two-step sign-in; sets the session cookies and the device cookie",
        description="The device cookie (HttpOnly, a year) tells auth at the next signin that this browser "
        "passed: no code then. 400 names `challenge_id` or `code`. Rate-limited like signin.",
    )
    def post(self, request):
        user, device = two_step.signin_challenge_complete(**_valid(inputs.SigninVerifyIn, request))
        pair = sessions.session_start(user=user, client=client_info(request))
        device_cookie = {"token": device, "max_age": settings.AUTH_DEVICE_TTL}
        return Response(
            {"user": user_payload(user), "tokens": pair.as_dict(), "device": device_cookie}, status=HTTPStatus.OK
        )


def signin_challenge_answer(request, user) -> Response | None:
    """The 202 a signin answers instead of tokens when the browser must prove itself (no session yet)."""
    challenge = two_step.signin_challenge(user=user, device_token=request.COOKIES.get(settings.AUTH_DEVICE_COOKIE, ""))
    return Response(challenge.as_dict(), status=HTTPStatus.ACCEPTED) if challenge else None
