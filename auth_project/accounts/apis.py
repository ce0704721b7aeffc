"""Thin views: validate the input, call a service, shape the answer."""

from __future__ import annotations

from http import HTTPStatus

from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import answers, serializers
from accounts.openapi_docs import ENDS_AT_ONCE, documented
from accounts.selectors import sessions_list, user_get, user_payload
from accounts.services import accounts, passwords, sessions, verification
from shared.api_drf import BearerTokenAuthentication
from shared.errors import NotAuthenticated


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _with_tokens(user, pair: sessions.TokenPair, status=HTTPStatus.OK) -> Response:
    return Response({"user": user_payload(user), "tokens": pair.as_dict()}, status=status)


def client_ip(request) -> str:
    # The gateway appends the client's address to X-Forwarded-For, so the last hop is
    # the one it saw; earlier entries are whatever the client claimed.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "unknown")


def client_info(request) -> sessions.ClientInfo:
    return sessions.ClientInfo.of(user_agent=request.META.get("HTTP_USER_AGENT", ""), address=client_ip(request))


class PublicApi(APIView):
    # No bearer check here: a stale access cookie must not break signin or refresh.
    authentication_classes: list = []
    permission_classes = [AllowAny]


class SignedInApi(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]

    def account(self, request):
        user = user_get(user_id=request.user.id)
        if user is None or not user.is_active:
            raise NotAuthenticated("This account is disabled.", "account_disabled")
        return user


class SignupApi(PublicApi):
    @documented(
        201,
        answers.SessionStartOut,
        400,
        409,
        json=serializers.SignupJsonIn,
        multipart=serializers.SignupIn,
        summary="Create an account; sets the session cookies",
        description="JSON, or multipart form data to upload a profile picture. Sends a verification e-mail.",
    )
    def post(self, request):
        user = accounts.user_signup(**_valid(serializers.SignupIn, request))
        return _with_tokens(
            user, sessions.session_start(user=user, client=client_info(request)), status=HTTPStatus.CREATED
        )


class SigninApi(PublicApi):
    @documented(
        200,
        answers.SessionStartOut,
        400,
        401,
        403,
        json=serializers.SigninIn,
        accepted=answers.ChallengeOut,
        summary="Sign in; sets the session cookies",
        description="403: the account is disabled. 429: too many failed attempts. 202: two-step sign-in is on "
        "and this browser is new: no cookies yet; a code was sent by `channel`, and POST /auth/signin/verify "
        "completes the sign-in.",
    )
    def post(self, request):
        data = _valid(serializers.SigninIn, request)
        user = accounts.user_signin(login=data["username"], password=data["password"], client_ip=client_ip(request))
        from accounts.two_step_apis import signin_challenge_answer  # two_step_apis builds on this module

        return signin_challenge_answer(request, user) or _with_tokens(
            user, sessions.session_start(user=user, client=client_info(request))
        )


class RefreshApi(PublicApi):
    @documented(
        200,
        answers.SessionStartOut,
        400,
        401,
        json=serializers.RefreshIn,
        summary="Rotate both tokens from the refresh cookie; a reused one is refused and the session ends",
    )
    def post(self, request):
        raw = _valid(serializers.RefreshIn, request)["refresh"]
        user, pair = sessions.session_refresh(raw=raw, client=client_info(request))
        return _with_tokens(user, pair)


class SignoutApi(PublicApi):
    @documented(
        200,
        answers.DetailOut,
        400,
        json=serializers.RefreshIn,
        summary="Revoke the refresh token and clear the cookies (always 200)",
    )
    def post(self, request):
        sessions.session_end(raw=_valid(serializers.RefreshIn, request)["refresh"])
        return Response({"detail": "Signed out."})


class MeApi(SignedInApi):
    @documented(200, answers.UserEnvelope, summary="The signed-in user")
    def get(self, request):
        return Response({"user": user_payload(self.account(request))})


class VerifyEmailApi(PublicApi):
    @documented(
        200,
        answers.UserEnvelope,
        400,
        json=serializers.TokenIn,
        summary="Mark the e-mail verified",
        description="400 names `token` when it is invalid, used or expired.",
    )
    def post(self, request):
        user = verification.email_verify(token=_valid(serializers.TokenIn, request)["token"])
        return Response({"user": user_payload(user)})


class ResendVerificationApi(SignedInApi):
    @documented(
        200,
        answers.DetailOut,
        409,
        summary="Send a new verification e-mail",
        description="409: already verified; 429: one was just sent.",
    )
    def post(self, request):
        verification.email_verification_resend(user=self.account(request))
        return Response({"detail": "A new verification e-mail is on its way."})


class ForgotPasswordApi(PublicApi):
    @documented(200, answers.DetailOut, 400, json=serializers.EmailIn, summary="Always 200: no account enumeration")
    def post(self, request):
        passwords.password_reset_request(email=_valid(serializers.EmailIn, request)["email"])
        return Response({"detail": "If an account uses this e-mail, a reset link is on its way."})


class ResetPasswordApi(PublicApi):
    @documented(200, answers.DetailOut, 400, json=serializers.ResetPasswordIn, summary="Single-use reset token")
    def post(self, request):
        data = _valid(serializers.ResetPasswordIn, request)
        passwords.password_reset(token=data["token"], password=data["password"])
        return Response({"detail": "Your password has been reset. Sign in with the new one."})


class ChangePasswordApi(SignedInApi):
    @documented(
        200,
        answers.SessionStartOut,
        400,
        json=serializers.ChangePasswordIn,
        summary="Checks the current password; sets fresh cookies",
    )
    def post(self, request):
        data = _valid(serializers.ChangePasswordIn, request)
        user = self.account(request)
        pair = passwords.password_change(
            user=user,
            current_password=data["current_password"],
            new_password=data["new_password"],
            client=client_info(request),
        )
        return _with_tokens(user, pair)


class SessionListApi(SignedInApi):
    @documented(200, answers.SessionList, summary="The signed-in user's sessions")
    def get(self, request):
        items = sessions_list(user=self.account(request), current_session_id=request.user.session_id)
        return Response({"items": items, "total": len(items)})


class SessionDetailApi(SignedInApi):
    @documented(
        200,
        answers.DetailOut,
        404,
        summary="End one of your sessions",
        description="404: no such session of yours." + ENDS_AT_ONCE,
    )
    def delete(self, request, session_id: str):
        sessions.session_end_by_id(user=self.account(request), session_id=session_id)
        return Response({"detail": "The session has ended.", "code": "session_ended"})


class SignoutAllApi(SignedInApi):
    @documented(
        200,
        answers.SignoutAllOut,
        summary="End every session of the user and clear this browser's cookies",
        description=ENDS_AT_ONCE,
    )
    def post(self, request):
        ended = sessions.sessions_revoke_all(user=self.account(request), reason="signout_all")
        return Response({"detail": "Signed out everywhere.", "code": "signed_out_all", "ended": ended})
