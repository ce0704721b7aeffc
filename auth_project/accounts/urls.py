from django.urls import path

from accounts import apis, picture_views, two_step_apis

urlpatterns = [
    path("signup", apis.SignupApi.as_view(), name="signup"),
    path("signin", apis.SigninApi.as_view(), name="signin"),
    path("signout", apis.SignoutApi.as_view(), name="signout"),
    path("refresh", apis.RefreshApi.as_view(), name="refresh"),
    path("me", apis.MeApi.as_view(), name="me"),
    path("verify-email", apis.VerifyEmailApi.as_view(), name="verify-email"),
    path("resend-verification", apis.ResendVerificationApi.as_view(), name="resend-verification"),
    path("forgot-password", apis.ForgotPasswordApi.as_view(), name="forgot-password"),
    path("reset-password", apis.ResetPasswordApi.as_view(), name="reset-password"),
    path("change-password", apis.ChangePasswordApi.as_view(), name="change-password"),
    path("phone", two_step_apis.PhoneApi.as_view(), name="phone"),
    path("phone/verify", two_step_apis.PhoneVerifyApi.as_view(), name="phone-verify"),
    path("two-step", two_step_apis.TwoStepApi.as_view(), name="two-step"),
    path("signin/verify", two_step_apis.SigninVerifyApi.as_view(), name="signin-verify"),
    path("signout-all", apis.SignoutAllApi.as_view(), name="signout-all"),
    path("sessions", apis.SessionListApi.as_view(), name="sessions"),
    path("sessions/<str:session_id>", apis.SessionDetailApi.as_view(), name="session"),
    path("pictures/<str:name>", picture_views.picture_get, name="picture"),
]
