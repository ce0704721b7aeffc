"""Input shapes: format checks only; rules that need the database live in services."""

from django.conf import settings
from rest_framework import serializers

from accounts.models import USERNAME_RULE

PICTURE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
COUNTRY_RULE = r"^[^\W\d_][\w .,'()-]*\Z"


class SignupJsonIn(serializers.Serializer):
    # Signup as JSON; SignupIn (multipart) adds the picture.
    username = serializers.CharField(max_length=30, validators=[USERNAME_RULE])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
    country = serializers.RegexField(
        COUNTRY_RULE, min_length=2, max_length=64, error_messages={"invalid": "Enter a country name."}
    )


class SignupIn(SignupJsonIn):
    profile_picture = serializers.ImageField(
        required=False, allow_null=True, help_text="Optional JPEG, PNG, WebP or GIF."
    )

    def validate_profile_picture(self, value):
        if value is None:
            return None
        if value.size > settings.AUTH_PROFILE_PICTURE_MAX_BYTES:
            limit = settings.AUTH_PROFILE_PICTURE_MAX_BYTES // 1024
            raise serializers.ValidationError(f"The picture must be at most {limit} KB.")
        image = getattr(value, "image", None)
        if image is None or image.format not in PICTURE_FORMATS:
            raise serializers.ValidationError("Upload a JPEG, PNG, WebP or GIF picture.")
        return value


class SigninIn(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="The username or the e-mail.")
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class RefreshIn(serializers.Serializer):
    refresh = serializers.CharField(max_length=4096)


class TokenIn(serializers.Serializer):
    token = serializers.CharField(max_length=256)


class EmailIn(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class ResetPasswordIn(serializers.Serializer):
    token = serializers.CharField(max_length=256)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    confirm_password = serializers.CharField(max_length=128, trim_whitespace=False)

    def validate(self, attrs):
        if attrs["password"] != attrs["confirm_password"]:
            raise serializers.ValidationError({"confirm_password": ["The passwords do not match."]})
        return attrs


class ChangePasswordIn(serializers.Serializer):
    current_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)
