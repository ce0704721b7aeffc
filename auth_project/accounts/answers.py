"""The shapes auth answers, as serializers, so drf-spectacular documents them (config/openapi.py).

Views build these answers as dicts (accounts.selectors.user_payload, TokenPair.as_dict, ...);
these classes only describe them. Names are the public document's component names.
"""

from rest_framework import serializers


class TwoStepOut(serializers.Serializer):
    enabled = serializers.BooleanField()
    channel = serializers.ChoiceField(choices=["email", "sms"])


class UserOut(serializers.Serializer):
    id = serializers.CharField()
    username = serializers.CharField()
    email = serializers.EmailField()
    country = serializers.CharField()
    profile_picture = serializers.CharField(
        help_text="URL of the uploaded picture (/api/v1/auth/pictures/..., takes ?size=thumb|card); "
        '"" when there is none.'
    )
    email_verified = serializers.BooleanField()
    phone = serializers.CharField(help_text='E.164; "" when none.')
    phone_verified = serializers.BooleanField()
    two_step = TwoStepOut()
    created_at = serializers.DateTimeField()


class UserEnvelope(serializers.Serializer):
    user = UserOut()


class TokensOut(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    access_expires_in = serializers.IntegerField(help_text="Seconds.")
    refresh_expires_in = serializers.IntegerField(help_text="Seconds.")


class SessionStartOut(serializers.Serializer):
    """What auth answers where a session starts or rotates; the gateway keeps ``user`` and makes cookies of the rest."""

    user = UserOut()
    tokens = TokensOut()


class DeviceOut(serializers.Serializer):
    token = serializers.CharField()
    max_age = serializers.IntegerField(help_text="Seconds.")


class SigninVerifyOut(SessionStartOut):
    device = DeviceOut(help_text="Becomes the device cookie: the next signin from this browser needs no code.")


class ChallengeOut(serializers.Serializer):
    two_step_required = serializers.BooleanField()
    challenge_id = serializers.CharField()
    channel = serializers.CharField(help_text='"email" or "sms": where the 6-digit code went.')


class DetailOut(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(required=False, allow_null=True)


class SignoutAllOut(DetailOut):
    ended = serializers.IntegerField(help_text="How many sessions ended.")


class PhoneOut(serializers.Serializer):
    user = UserOut()
    detail = serializers.CharField(required=False, allow_null=True)


class TwoStepEnvelope(serializers.Serializer):
    two_step = TwoStepOut()


class SessionOut(serializers.Serializer):
    id = serializers.CharField(help_text="The session id; the access token's `sid`.")
    device = serializers.CharField(help_text="The user agent that signed in.")
    address = serializers.CharField(help_text="The client address of the sign-in, then of the latest refresh.")
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(help_text="The latest refresh (the sign-in, before any).")
    current = serializers.BooleanField(help_text="True for the session making this request.")


class SessionList(serializers.Serializer):
    items = SessionOut(many=True)
    total = serializers.IntegerField()


class ErrorOut(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        allow_null=True,
        help_text="Only for validation errors: messages per field.",
    )
